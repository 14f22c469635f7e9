using System.Buffers;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Alerts.Core.Feeds;

/// <summary>
/// Turns the HTML that feeds put in titles and summaries into plain text: tags dropped (script and style
/// with their content), block ends as line breaks, entities decoded, runs of spaces collapsed.
/// Nothing is rendered or fetched; this is a scanner, not a browser.
/// </summary>
public static class HtmlText
{
    // Every char.IsWhiteSpace character except the no-break space, which is kept as text.
    private static readonly SearchValues<char> s_whitespace = SearchValues.Create(
        " \t\n\v\f\r\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private static readonly SearchValues<char> s_whitespaceButSpace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private static readonly HashSet<string> s_blockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "figure", "figcaption",
    };

    // Texts up to this many characters are written on the stack; longer ones into a pooled buffer.
    private const int StackChars = 512;

    /// <summary>True when the text holds something that looks like a tag or an entity.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var lt = text.IndexOf('<');
        if (lt >= 0 && lt + 1 < text.Length && (char.IsAsciiLetter(text[lt + 1]) || text[lt + 1] is '/' or '!'))
        {
            return true;
        }
        var amp = text.IndexOf('&');
        return amp >= 0 && text.IndexOf(';', amp) > amp;
    }

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return CollapseWhitespace(MapC1Controls(html));
        }
        // One pass: tags dropped, entities decoded and whitespace collapsed into a single writer.
        var text = new PlainTextWriter(stackalloc char[StackChars], html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '&')
            {
                i = AppendEntity(html, i, ref text);
                continue;
            }
            if (c != '<' || i + 1 >= html.Length || !IsTagStart(html, i))
            {
                // Copy the run up to the next markup character in one go.
                var run = html.AsSpan(i + 1).IndexOfAny('<', '&');
                var length = run < 0 ? html.Length - i : run + 1;
                text.Append(html.AsSpan(i, length));
                i += length;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var endComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }
            if (string.CompareOrdinal(html, i, "<![CDATA[", 0, 9) == 0)
            {
                var endCdata = html.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                var stop = endCdata < 0 ? html.Length : endCdata;
                for (var k = i + 9; k < stop; k++) text.Append(html[k]);
                i = endCdata < 0 ? html.Length : endCdata + 3;
                continue;
            }
            var end = FindTagEnd(html, i + 1);
            var name = TagName(html, i + 1, end);
            var closing = html[i + 1] == '/';
            i = end < html.Length ? end + 1 : end;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + name.ToString(), i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : FindTagEnd(html, close + 1) + 1;
                continue;
            }
            if (IsBlockTag(name))
            {
                text.Break();
            }
        }
        return text.ToStringAndDispose(mapC1Controls: true);
    }

    private static int AppendEntity(string html, int amp, ref PlainTextWriter text)
    {
        var semicolon = html.IndexOf(';', amp + 1, Math.Min(33, html.Length - amp - 1));
        if (semicolon > amp + 1)
        {
            // The five XML entities are most of what feeds hold; decode them without a substring.
            var quick = html.AsSpan(amp + 1, semicolon - amp - 1) switch
            {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => '\0',
            };
            if (quick != '\0')
            {
                text.Append(quick);
                return semicolon + 1;
            }
            var reference = html.Substring(amp, semicolon - amp + 1);
            var decoded = WebUtility.HtmlDecode(reference);
            if (!string.Equals(decoded, reference, StringComparison.Ordinal))
            {
                foreach (var d in decoded) text.Append(d);
                return semicolon + 1;
            }
        }
        text.Append('&');
        return amp + 1;
    }

    /// <summary>
    /// Collapses whitespace as it goes: runs of spaces become one space, line breaks one break. Writes into a buffer on
    /// the stack or from the pool (the text is never longer than its source, and the buffer grows if it were), so the
    /// only allocation is the finished string.
    /// </summary>
    private ref struct PlainTextWriter
    {
        private Span<char> _chars;
        private char[]? _rented;
        private int _length;
        private bool _pendingSpace;
        private bool _pendingBreak;

        public PlainTextWriter(Span<char> initial, int capacity)
        {
            if (capacity > initial.Length)
            {
                _rented = ArrayPool<char>.Shared.Rent(capacity);
                initial = _rented;
            }
            _chars = initial;
        }

        public void Append(char c)
        {
            if (c is '\n' or '\r' or '\u2028')
            {
                _pendingBreak = true;
            }
            else if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                _pendingSpace = true;
            }
            else
            {
                Flush(1);
                _chars[_length++] = c;
            }
        }

        public void Append(ReadOnlySpan<char> run)
        {
            while (!run.IsEmpty)
            {
                // Up to the next whitespace that is not a plain space, the run holds words and spaces only.
                var other = IndexOfWhitespaceButSpace(run);
                AppendSpaced(other < 0 ? run : run[..other]);
                if (other < 0)
                {
                    return;
                }
                Append(run[other]);
                run = run[(other + 1)..];
            }
        }

        /// <summary>Words and plain spaces: words joined by single spaces are copied in one piece.</summary>
        private void AppendSpaced(ReadOnlySpan<char> run)
        {
            while (!run.IsEmpty)
            {
                var start = run.IndexOfAnyExcept(' ');
                if (start < 0)
                {
                    _pendingSpace = true;
                    return;
                }
                if (start > 0)
                {
                    _pendingSpace = true;
                    run = run[start..];
                }
                // From a non-space to the next double space (or the end): single spaces inside stay as they are.
                var gap = run.IndexOf("  ", StringComparison.Ordinal);
                var piece = gap < 0 ? run : run[..gap];
                var words = piece[^1] == ' ' ? piece[..^1] : piece;
                Flush(words.Length);
                words.CopyTo(_chars[_length..]);
                _length += words.Length;
                if (words.Length < piece.Length)
                {
                    _pendingSpace = true;
                }
                run = run[piece.Length..];
            }
        }

        /// <summary>Writes the pending separator before text (none at the start) and makes room for <paramref name="more"/> characters.</summary>
        private void Flush(int more)
        {
            if (_length + more + 1 > _chars.Length)
            {
                Grow(_length + more + 1);
            }
            if (_length > 0)
            {
                if (_pendingBreak) _chars[_length++] = '\n';
                else if (_pendingSpace) _chars[_length++] = ' ';
            }
            _pendingSpace = _pendingBreak = false;
        }

        private void Grow(int needed)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _chars.Length * 2));
            _chars[.._length].CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
            }
            _chars = _rented = larger;
        }

        public void Break() => _pendingBreak = true;

        /// <summary>The text, C1 controls read as windows-1252 when asked (<see cref="MapC1Controls(Span{char})"/>); returns the buffer.</summary>
        public string ToStringAndDispose(bool mapC1Controls)
        {
            var text = _chars[.._length];
            if (mapC1Controls)
            {
                MapC1Controls(text);
            }
            var result = text.ToString();
            if (_rented is not null)
            {
                ArrayPool<char>.Shared.Return(_rented);
                _rented = null;
            }
            return result;
        }
    }

    private static bool IsTagStart(string html, int i)
    {
        var next = html[i + 1];
        if (char.IsAsciiLetter(next) || next is '/' or '?')
        {
            return true;
        }
        // "<!" opens a comment, CDATA or DOCTYPE only; "<!'" is text.
        return next == '!' && i + 2 < html.Length && (html[i + 2] is '-' or '[' || char.IsAsciiLetter(html[i + 2]));
    }

    /// <summary>
    /// References like &amp;#146; mean the windows-1252 character (as browsers read them), not a C1 control.
    /// </summary>
    private static string MapC1Controls(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u0080', '\u009f'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        MapC1Controls(chars);
        return new string(chars);
    }

    private static void MapC1Controls(Span<char> chars)
    {
        if (!chars.ContainsAnyInRange('\u0080', '\u009f'))
        {
            return;
        }
        var cp1252 = FeedEncoding.Windows1252;
        Span<byte> one = stackalloc byte[1];
        Span<char> mapped = stackalloc char[1];
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0080' and <= '\u009f')
            {
                one[0] = (byte)chars[i];
                if (cp1252.GetChars(one, mapped) == 1 && mapped[0] != '\ufffd')
                {
                    chars[i] = mapped[0];
                }
            }
        }
    }

    /// <summary>Collapses spaces and tabs to one space and blank lines to one line break; trims.</summary>
    public static string CollapseWhitespace(string text)
    {
        var span = text.AsSpan();
        if (span.IsEmpty || (span[0] != ' ' && span[^1] != ' ' && IndexOfWhitespaceButSpace(span) < 0 && !span.Contains("  ", StringComparison.Ordinal)))
        {
            // Single spaces between words only (most titles): nothing to collapse or trim.
            return text;
        }
        var writer = new PlainTextWriter(stackalloc char[StackChars], text.Length);
        writer.Append(text.AsSpan());
        return writer.ToStringAndDispose(mapC1Controls: false);
    }

    /// <summary>
    /// <c>text.IndexOfAny(s_whitespaceButSpace)</c>, found faster: with characters above U+007F in the set, that search takes
    /// a general path (a probabilistic map, a large share of a native scan's CPU). Eight characters at a time are tested
    /// for "tab to carriage return, U+0085, or U+1680 and above" (every character of the set, and no Latin or Cyrillic
    /// letter); only a flagged block is looked at one character at a time against the set itself.
    /// </summary>
    internal static int IndexOfWhitespaceButSpace(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<ushort>.Count)
        {
            ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(text));
            var tab = Vector128.Create((ushort)'\t');
            var controls = Vector128.Create((ushort)('\r' - '\t' + 1));
            var nextLine = Vector128.Create((ushort)'\u0085');
            var belowOgham = Vector128.Create((ushort)('\u1680' - 1));
            var last = text.Length - Vector128<ushort>.Count;
            while (true)
            {
                var chars = Vector128.LoadUnsafe(ref first, (nuint)i);
                var flagged = Vector128.LessThan(chars - tab, controls) | Vector128.Equals(chars, nextLine) | Vector128.GreaterThan(chars, belowOgham);
                if (flagged != Vector128<ushort>.Zero)
                {
                    for (var k = i; k < i + Vector128<ushort>.Count; k++)
                    {
                        if (s_whitespaceButSpace.Contains(text[k]))
                        {
                            return k;
                        }
                    }
                }
                if (i == last)
                {
                    return -1;
                }
                // The last block may overlap the one before: its characters were not in the set.
                i = Math.Min(i + Vector128<ushort>.Count, last);
            }
        }
        for (; i < text.Length; i++)
        {
            if (s_whitespaceButSpace.Contains(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static int FindTagEnd(string html, int from)
    {
        char quote = '\0';
        for (var j = from; j < html.Length; j++)
        {
            var c = html[j];
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j;
            }
        }
        return html.Length;
    }

    private static ReadOnlySpan<char> TagName(string html, int start, int end)
    {
        if (start < end && html[start] == '/') start++;
        var stop = start;
        while (stop < end && (char.IsAsciiLetterOrDigit(html[stop]) || html[stop] is ':' or '-')) stop++;
        return html.AsSpan(start, stop - start);
    }

    private static bool IsBlockTag(ReadOnlySpan<char> name)
        => name.Length is > 0 and < 12 && s_blockTags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
}
