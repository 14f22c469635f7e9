using System.Globalization;
using System.Text;

namespace Alerts.Testing;

/// <summary>
/// Parses text the way the Bot API does for <c>parse_mode=HTML</c>: only the documented tags, every
/// <c>&amp; &lt; &gt;</c> outside a tag written as an entity. Written independently of the product's
/// formatter so a shared bug cannot hide.
/// </summary>
public static class FakeTelegramHtml
{
    private static readonly HashSet<string> AllowedTags =
    [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote",
    ];

    /// <summary>Returns the plain text after entity parsing, or an error like Telegram's "can't parse entities" detail.</summary>
    public static bool TryParse(string html, out string plainText, out string? error)
    {
        var text = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                {
                    return Fail($"Unclosed start tag at byte offset {ByteOffset(html, i)}", out plainText, out error);
                }
                var inner = html[(i + 1)..end];
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        return Fail($"Unmatched end tag at byte offset {ByteOffset(html, i)}, expected \"</{(open.Count == 0 ? "" : open.Peek())}>\", found \"</{name}>\"", out plainText, out error);
                    }
                    open.Pop();
                }
                else
                {
                    var nameEnd = 0;
                    while (nameEnd < inner.Length && !char.IsWhiteSpace(inner[nameEnd]) && inner[nameEnd] != '/')
                    {
                        nameEnd++;
                    }
                    var name = inner[..nameEnd].ToLowerInvariant();
                    if (!AllowedTags.Contains(name))
                    {
                        return Fail($"Unsupported start tag \"{name}\" at byte offset {ByteOffset(html, i)}", out plainText, out error);
                    }
                    if (!AttributesValid(inner[nameEnd..], out var attrError))
                    {
                        return Fail($"{attrError} at byte offset {ByteOffset(html, i)}", out plainText, out error);
                    }
                    open.Push(name);
                }
                i = end + 1;
            }
            else if (c == '&')
            {
                if (!TryEntity(html, i, out var decoded, out var length))
                {
                    return Fail($"Character '&' is reserved and must be escaped at byte offset {ByteOffset(html, i)}", out plainText, out error);
                }
                text.Append(decoded);
                i += length;
            }
            else if (c == '>')
            {
                return Fail($"Character '>' is reserved and must be escaped at byte offset {ByteOffset(html, i)}", out plainText, out error);
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        if (open.Count > 0)
        {
            return Fail($"Can't find end tag corresponding to start tag \"{open.Peek()}\"", out plainText, out error);
        }
        plainText = text.ToString();
        error = null;
        return true;
    }

    private static bool AttributesValid(string attributes, out string? error)
    {
        error = null;
        var rest = attributes.Trim();
        while (rest.Length > 0)
        {
            var eq = rest.IndexOf('=');
            if (eq <= 0 || eq + 1 >= rest.Length || (rest[eq + 1] != '"' && rest[eq + 1] != '\''))
            {
                error = "Expected equal sign and quoted attribute value";
                return false;
            }
            var quote = rest[eq + 1];
            var close = rest.IndexOf(quote, eq + 2);
            if (close < 0)
            {
                error = "Unclosed attribute value";
                return false;
            }
            var value = rest[(eq + 2)..close];
            if (value.Contains('<') || (value.Contains('&') && !EntitiesValid(value)))
            {
                error = "Invalid attribute value";
                return false;
            }
            rest = rest[(close + 1)..].TrimStart();
        }
        return true;
    }

    private static bool EntitiesValid(string value)
    {
        for (var i = value.IndexOf('&'); i >= 0; i = value.IndexOf('&', i + 1))
        {
            if (!TryEntity(value, i, out _, out _))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryEntity(string s, int at, out string decoded, out int length)
    {
        decoded = "";
        length = 0;
        var semi = s.IndexOf(';', at);
        if (semi < 0 || semi - at > 10)
        {
            return false;
        }
        var body = s[(at + 1)..semi];
        length = semi - at + 1;
        switch (body)
        {
            case "lt": decoded = "<"; return true;
            case "gt": decoded = ">"; return true;
            case "amp": decoded = "&"; return true;
            case "quot": decoded = "\""; return true;
        }
        if (body.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(body[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex is > 0 and <= 0x10FFFF)
        {
            decoded = char.ConvertFromUtf32(hex);
            return true;
        }
        if (body.StartsWith('#') && int.TryParse(body[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && dec is > 0 and <= 0x10FFFF)
        {
            decoded = char.ConvertFromUtf32(dec);
            return true;
        }
        return false;
    }

    private static int ByteOffset(string s, int charIndex) => Encoding.UTF8.GetByteCount(s.AsSpan(0, charIndex));

    private static bool Fail(string message, out string plainText, out string? error)
    {
        plainText = "";
        error = message;
        return false;
    }
}
