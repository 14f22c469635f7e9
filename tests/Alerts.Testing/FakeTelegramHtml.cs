using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Testing;

/// <summary>
/// Checks text the way the Bot API does for <c>parse_mode=HTML</c>, from its documentation alone: only the
/// documented tags, properly nested, quoted attribute values, and every <c>&amp; &lt; &gt;</c> outside a tag
/// written as one of the four named entities or a numeric one. One regular expression splits the text into
/// tags, entities and characters; <see cref="WebUtility.HtmlDecode"/> decodes the entities. It shares no code
/// with the product's <c>TelegramHtml</c>, so a bug there cannot hide here.
/// </summary>
public static partial class FakeTelegramHtml
{
    private static readonly HashSet<string> AllowedTags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote",
    ];

    [GeneratedRegex("""
        <(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attrs>(?:\s+[a-zA-Z-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*>
        | (?<entity>&(?:lt|gt|amp|quot|\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6});)
        | (?<bad>[<>&])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.ExplicitCapture)]
    private static partial Regex Token();

    [GeneratedRegex("&(?!(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)")]
    private static partial Regex BareAmpersand();

    /// <summary>Returns the plain text after entity parsing, or an error like Telegram's "can't parse entities" detail.</summary>
    public static bool TryParse(string html, out string plainText, out string? error)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var at = 0;
        for (var match = Token().Match(html); match.Success; match = match.NextMatch())
        {
            text.Append(html, at, match.Index - at);
            at = match.Index + match.Length;
            var offset = Encoding.UTF8.GetByteCount(html.AsSpan(0, match.Index));
            if (match.Groups["bad"].Success)
            {
                return Fail(match.Value == "<" ? $"Unclosed start tag at byte offset {offset}" : $"Character '{match.Value}' is reserved and must be escaped at byte offset {offset}", out plainText, out error);
            }
            if (match.Groups["entity"].Success)
            {
                text.Append(WebUtility.HtmlDecode(match.Value));
                continue;
            }
            var name = match.Groups["name"].Value.ToLowerInvariant();
            if (match.Groups["close"].Success)
            {
                if (!open.TryPop(out var expected) || expected != name)
                {
                    return Fail($"Unmatched end tag at byte offset {offset}, expected \"</{expected}>\", found \"</{name}>\"", out plainText, out error);
                }
                continue;
            }
            if (!AllowedTags.Contains(name))
            {
                return Fail($"Unsupported start tag \"{name}\" at byte offset {offset}", out plainText, out error);
            }
            if (BareAmpersand().IsMatch(match.Groups["attrs"].Value))
            {
                return Fail($"Invalid attribute value at byte offset {offset}", out plainText, out error);
            }
            open.Push(name);
        }
        if (open.TryPeek(out var unclosed))
        {
            return Fail($"Can't find end tag corresponding to start tag \"{unclosed}\"", out plainText, out error);
        }
        text.Append(html, at, html.Length - at);
        plainText = text.ToString();
        error = null;
        return true;
    }

    private static bool Fail(string message, out string plainText, out string? error)
    {
        plainText = "";
        error = message;
        return false;
    }
}
