using System.Text;

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
        var decoded = text.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
        // A few feeds encode twice (&amp;#039;).
        if (decoded.Contains("&#", StringComparison.Ordinal) || decoded.Contains("&quot;", StringComparison.Ordinal))
        {
            decoded = System.Net.WebUtility.HtmlDecode(decoded);
        }
        var sb = new StringBuilder(decoded.Length + 8);
        var kept = new StringBuilder(decoded.Length + 8);
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
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' && IsCyrillicNeighbour(decoded, i))
            {
                var upper = char.IsUpper(c);
                c = ToCyrillic(char.ToLowerInvariant(c));
                c = upper ? char.ToUpperInvariant(c) : c;
            }
            sb.Append(char.ToLowerInvariant(c));
            kept.Append(c);
        }
        cased = kept.ToString();
        return sb.ToString();
    }

    private static bool Matches(string s, int at, string what) =>
        at + what.Length <= s.Length && string.CompareOrdinal(s, at, what, 0, what.Length) == 0;

    private static bool IsLetter(string s, int at) => at >= 0 && at < s.Length && char.IsLetter(s[at]);

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
