using System.Buffers;
using System.Runtime.CompilerServices;

namespace Alerts.Core.Detection;

/// <summary>
/// Puts text into the one form every matcher reads: lower case, ё→е, one kind of quote and dash,
/// HTML entities the feeds carry decoded, Latin look-alikes inside Cyrillic words made Cyrillic
/// (the CoE writes «СEД» with a Latin E), possessive 's dropped and U.S./U.K. spelled as one word.
/// The output has the same meaning positions as the input only loosely; matchers work on the output.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text) => Normalize(text, out _);

    /// <param name="cased">The same text with the same length, case kept (for acronyms such as WHO and ICC).</param>
    public static string Normalize(string text, out string cased)
    {
        if (string.IsNullOrEmpty(text))
        {
            cased = "";
            return "";
        }
        var decoded = Decode(text);
        var capacity = Capacity(decoded);
        var rented = ArrayPool<char>.Shared.Rent(2 * capacity);
        var length = Write(decoded, rented.AsSpan(0, capacity), rented.AsSpan(capacity, capacity));
        cased = new string(rented, capacity, length);
        var lower = new string(rented, 0, length);
        ArrayPool<char>.Shared.Return(rented);
        return lower;
    }

    /// <summary>
    /// <see cref="Normalize(string, out string)"/> into the caller's buffers (grown when too small) instead of two new
    /// strings: the normalised text is <c>lower[..return]</c>, the case-kept one <c>cased[..return]</c>.
    /// </summary>
    public static int NormalizeInto(string text, ref char[] lower, ref char[] cased)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var decoded = Decode(text);
        var capacity = Capacity(decoded);
        if (lower.Length < capacity)
        {
            lower = new char[Math.Max(capacity, 2 * lower.Length)];
        }
        if (cased.Length < capacity)
        {
            cased = new char[Math.Max(capacity, 2 * cased.Length)];
        }
        return Write(decoded, lower, cased);
    }

    private static string Decode(string text)
    {
        // HtmlDecode copies any text holding '&' (a new string per item), yet changes only an '&' with a ';' after it.
        var amp = text.IndexOf('&', StringComparison.Ordinal);
        var decoded = amp >= 0 && text.IndexOf(';', amp + 1) >= 0 ? System.Net.WebUtility.HtmlDecode(text) : text;
        // A few feeds encode twice (&amp;#039;).
        if (decoded.Contains("&#", StringComparison.Ordinal) || decoded.Contains("&quot;", StringComparison.Ordinal))
        {
            decoded = System.Net.WebUtility.HtmlDecode(decoded);
        }
        return decoded;
    }

    /// <summary>The output's largest length ("US" -> "usa" is the only growth: 3/2 at most).</summary>
    private static int Capacity(string decoded) => decoded.Length + decoded.Length / 2 + 8;

    /// <summary>Writes the normalised text and the same with its case kept; returns their (common) length.</summary>
    private static int Write(string decoded, Span<char> lower, Span<char> cased)
    {
        var sb = new CharBuffer(lower);
        var kept = new CharBuffer(cased);
        // Latin letters become Cyrillic look-alikes only next to Cyrillic: a text without any (all of an English feed) skips
        // the neighbour test on every letter (one vector search instead; a fifth of a treaty-dense scan's CPU was this loop).
        var anyCyrillic = decoded.AsSpan().ContainsAnyInRange('\u0400', '\u04FF');
        for (var i = 0; i < decoded.Length; i++)
        {
            var c = decoded[i];
            // Case-sensitive spellings first: "US"/"U.S." is the country, "us" the pronoun.
            if (c == 'U' && Matches(decoded, i, "U.S.") && !IsLetter(decoded, i - 1))
            {
                sb.Append("usa");
                kept.Append("USA");
                i += 3;
                continue;
            }
            if (c == 'U' && Matches(decoded, i, "U.K.") && !IsLetter(decoded, i - 1))
            {
                sb.Append("uk");
                kept.Append("UK");
                i += 3;
                continue;
            }
            if (c == 'U' && Matches(decoded, i, "US") && !IsLetter(decoded, i - 1) && !IsLetter(decoded, i + 2))
            {
                sb.Append("usa");
                kept.Append("USA");
                i += 1;
                continue;
            }
            switch (c)
            {
                case 'ё' or 'Ё':
                    sb.Append('е');
                    kept.Append(c == 'Ё' ? 'Е' : 'е');
                    continue;
                case '\u2018' or '\u2019' or '\u02BC' or '`' or '\u00B4':
                    c = '\'';
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB':
                    c = '"';
                    break;
                case '\u2013' or '\u2014' or '\u2212':
                    c = '-';
                    break;
                case '\u00A0' or '\n' or '\r' or '\t':
                    c = ' ';
                    break;
            }
            if (c == '\'' && i + 1 < decoded.Length && (decoded[i + 1] is 's' or 'S') && !IsLetter(decoded, i + 2))
            {
                i += 1; // possessive: "Finland's" reads as "Finland"
                continue;
            }
            if (anyCyrillic && c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' && IsCyrillicNeighbour(decoded, i))
            {
                var upper = char.IsUpper(c);
                c = ToCyrillic(char.ToLowerInvariant(c));
                c = upper ? char.ToUpperInvariant(c) : c;
            }
            sb.Append(Lower(c));
            kept.Append(c);
        }
        return sb.Length;
    }

    /// <summary>Appends into a span sized for the whole output (the StringBuilder calls above, without its chunks).</summary>
    private ref struct CharBuffer(Span<char> chars)
    {
        private readonly Span<char> _chars = chars;
        private int _length;

        public void Append(char c) => _chars[_length++] = c;

        public void Append(string s)
        {
            s.AsSpan().CopyTo(_chars[_length..]);
            _length += s.Length;
        }

        public readonly int Length => _length;
    }

    /// <summary>
    /// <see cref="char.ToLowerInvariant(char)"/>, remembered per character: outside ASCII it asks ICU for each character,
    /// which was most of the normaliser's time on Cyrillic text. The table holds exactly that function's answers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Lower(char c)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
        }
        var lower = LowerTable[c];
        if (lower == '\0')
        {
            lower = char.ToLowerInvariant(c);
            LowerTable[c] = lower; // a char is written whole: threads racing here store the same answer
        }
        return lower;
    }

    /// <summary>Lower-case forms found so far, by character ('\0': not asked yet; no character above 127 lowers to it).</summary>
    private static readonly char[] LowerTable = new char[char.MaxValue + 1];

    private static bool Matches(string s, int at, string what) =>
        at + what.Length <= s.Length && string.CompareOrdinal(s, at, what, 0, what.Length) == 0;

    private static bool IsLetter(string s, int at) => at >= 0 && at < s.Length && char.IsLetter(s[at]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsCyrillicNeighbour(string s, int i) =>
        (i > 0 && IsCyrillic(s[i - 1])) || (i + 1 < s.Length && IsCyrillic(s[i + 1]));

    private static char ToCyrillic(char c) => c switch
    {
        'a' => 'а',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        't' => 'т',
        'h' => 'н',
        'b' => 'в',
        _ => c,
    };
}
