using System.Text;

namespace Alerts.Core.Formatting;

/// <summary>
/// Telegram's HTML parse mode: escaping, validation with the tags it accepts, the length it counts
/// (UTF-16 code units of the text after entity parsing) and splitting a long post into valid parts.
/// Tokenizing lives in <see cref="TelegramHtmlTokenizer"/>.
/// </summary>
public static class TelegramHtml
{
    /// <summary>Telegram's limit for a text message, counted after entity parsing.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>Escapes text for HTML parse mode: <c>&amp; &lt; &gt; "</c>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>True when Telegram would accept <paramref name="html"/>; <paramref name="error"/> says where it would not.</summary>
    public static bool IsValid(string html, out string? error)
    {
        error = TelegramHtmlTokenizer.TryTokenize(html, out _);
        return error is null;
    }

    /// <summary>The length Telegram checks against its 4096 limit: UTF-16 code units after entity parsing.</summary>
    public static int VisibleLength(string html)
    {
        var error = TelegramHtmlTokenizer.TryTokenize(html, out var tokens);
        return error is null ? tokens.Sum(t => t.VisibleLength) : ToPlainText(html).Length;
    }

    /// <summary>The text subscribers would see: tags dropped, entities decoded. Tolerates malformed markup.</summary>
    public static string ToPlainText(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end > i)
                {
                    i = end + 1;
                    continue;
                }
            }
            else if (c == '&' && TelegramHtmlTokenizer.TryEntity(html, i, out var decoded, out var length))
            {
                sb.Append(decoded);
                i += length;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Plain text that is still valid HTML-mode text: the fallback when Telegram refuses our entities.</summary>
    public static string ToSafePlainHtml(string html) => Escape(ToPlainText(html));

    /// <summary>
    /// Splits a post into parts of at most <paramref name="limit"/> visible characters, preferring paragraph
    /// boundaries, then line ends, then spaces; never inside a tag, an entity or a surrogate pair. A tag open
    /// across a cut is closed at the end of one part and reopened at the start of the next.
    /// </summary>
    /// <exception cref="FormatException">the HTML is not valid for Telegram.</exception>
    public static IReadOnlyList<string> Split(string html, int limit = MaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var error = TelegramHtmlTokenizer.TryTokenize(html, out var tokens);
        if (error is not null)
        {
            throw new FormatException("Not valid Telegram HTML: " + error);
        }
        if (tokens.Sum(t => t.VisibleLength) <= limit)
        {
            return [html];
        }

        var parts = new List<string>();
        var start = 0;
        var open = new List<TelegramHtmlTokenizer.Token>();
        while (start < tokens.Count)
        {
            var (cut, remaining) = FindCut(tokens, start, limit);
            var sb = new StringBuilder();
            foreach (var tag in open)
            {
                sb.Append(tag.Raw);
            }
            // Whitespace before the cut would sit inside the closing tags; it is dropped, not moved.
            var last = cut;
            while (last > start && tokens[last - 1].Kind == TelegramHtmlTokenizer.TokenKind.Text && tokens[last - 1].Raw is "\n" or " ")
            {
                last--;
            }
            for (var i = start; i < last; i++)
            {
                sb.Append(tokens[i].Raw);
                Track(open, tokens[i]);
            }
            for (var i = open.Count - 1; i >= 0; i--)
            {
                sb.Append("</").Append(open[i].Name).Append('>');
            }
            var part = sb.ToString().TrimEnd();
            if (ToPlainText(part).Trim().Length > 0)
            {
                parts.Add(part);
            }
            start = cut;
            if (!remaining)
            {
                break;
            }
            // The next part starts at its first visible word, not with the blank line that separated them.
            while (start < tokens.Count && tokens[start].Kind == TelegramHtmlTokenizer.TokenKind.Text && tokens[start].Raw is "\n" or " ")
            {
                start++;
            }
        }
        return parts;
    }

    private static (int Cut, bool Remaining) FindCut(List<TelegramHtmlTokenizer.Token> tokens, int start, int limit)
    {
        var length = 0;
        int paragraph = -1, line = -1, space = -1, hard = start;
        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (length + t.VisibleLength > limit)
            {
                var cut = paragraph > start ? paragraph : line > start ? line : space > start ? space : Math.Max(hard, start + 1);
                return (cut, true);
            }
            length += t.VisibleLength;
            hard = i + 1;
            if (t.Kind == TelegramHtmlTokenizer.TokenKind.Text && t.Raw == "\n")
            {
                line = i + 1;
                if (i > start && tokens[i - 1].Raw == "\n")
                {
                    paragraph = i + 1;
                }
            }
            else if (t.Kind == TelegramHtmlTokenizer.TokenKind.Text && t.Raw == " ")
            {
                space = i + 1;
            }
        }
        return (tokens.Count, false);
    }

    private static void Track(List<TelegramHtmlTokenizer.Token> open, TelegramHtmlTokenizer.Token token)
    {
        if (token.Kind == TelegramHtmlTokenizer.TokenKind.Open)
        {
            open.Add(token);
        }
        else if (token.Kind == TelegramHtmlTokenizer.TokenKind.Close && open.Count > 0)
        {
            open.RemoveAt(open.Count - 1);
        }
    }
}
