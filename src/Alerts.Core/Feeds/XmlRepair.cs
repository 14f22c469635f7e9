using System.Net;
using System.Text;

namespace Alerts.Core.Feeds;

/// <summary>
/// Second-chance repair of the two commonest feed errors: HTML named entities (<c>&amp;eacute;</c>) used
/// without a DTD, and bare ampersands in links. Run only after a strict parse failed.
/// </summary>
internal static class XmlRepair
{
    public static string RepairEntities(string text, out int repairs)
    {
        repairs = 0;
        text = DropMisplacedDeclaration(text, ref repairs);
        var amp = text.IndexOf('&');
        if (amp < 0)
        {
            return text;
        }
        var result = new StringBuilder(text.Length + 64);
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny('&', '<');
            if (next < 0)
            {
                break;
            }
            i += next;
            if (text[i] == '<')
            {
                // Entities mean nothing inside CDATA sections and comments: skip them whole.
                var skipTo = SkipOpaque(text, i);
                i = skipTo > i ? skipTo : i + 1;
                continue;
            }
            var end = ReferenceEnd(text, i);
            if (end > 0)
            {
                var name = text.AsSpan(i + 1, end - i - 1);
                if (name.Length > 1 && name[0] == '#' && name[1] == 'X')
                {
                    // XML allows only a lowercase x in hexadecimal references.
                    result.Append(text, copied, i - copied).Append("&#x").Append(name[2..]).Append(';');
                    copied = end + 1;
                    repairs++;
                    i = end + 1;
                    continue;
                }
                if (name[0] == '#' || name is "amp" or "lt" or "gt" or "quot" or "apos")
                {
                    i = end + 1;
                    continue;
                }
                var decoded = WebUtility.HtmlDecode(text.Substring(i, end - i + 1));
                if (decoded.Length > 0 && decoded[0] != '&')
                {
                    result.Append(text, copied, i - copied);
                    foreach (var rune in decoded.EnumerateRunes())
                    {
                        result.Append("&#").Append(rune.Value).Append(';');
                    }
                }
                else
                {
                    // An entity no one defines stays visible as text.
                    result.Append(text, copied, i - copied).Append("&amp;").Append(name).Append(';');
                }
                copied = end + 1;
                repairs++;
                i = end + 1;
                continue;
            }
            // A bare '&' (as in "?a=1&b=2"): escape it.
            result.Append(text, copied, i - copied).Append("&amp;");
            copied = i + 1;
            repairs++;
            i++;
        }
        if (copied == 0)
        {
            return text;
        }
        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    /// <summary>An XML declaration after a comment (as in stored page excerpts) is invalid; the document is fine without it.</summary>
    private static string DropMisplacedDeclaration(string text, ref int repairs)
    {
        var declaration = text.IndexOf("<?xml", StringComparison.Ordinal);
        if (declaration <= 0 || text.AsSpan(0, declaration).Trim().Trim('\uFEFF').IsEmpty)
        {
            return text;
        }
        var end = text.IndexOf("?>", declaration, StringComparison.Ordinal);
        if (end < 0 || text.AsSpan(0, declaration).Contains('<') && text.AsSpan(0, declaration).IndexOf("<!--", StringComparison.Ordinal) < 0)
        {
            return text;
        }
        repairs++;
        return string.Concat(text.AsSpan(0, declaration), text.AsSpan(end + 2));
    }

    private static int SkipOpaque(string text, int i)
    {
        if (string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0)
        {
            var end = text.IndexOf("]]>", i + 9, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + 3;
        }
        if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
        {
            var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + 3;
        }
        return i;
    }

    /// <summary>Index of the ';' closing a well-formed reference that starts at <paramref name="amp"/>, else -1.</summary>
    private static int ReferenceEnd(string text, int amp)
    {
        var j = amp + 1;
        if (j < text.Length && text[j] == '#')
        {
            j++;
            var hex = j < text.Length && (text[j] == 'x' || text[j] == 'X');
            if (hex) j++;
            var start = j;
            while (j < text.Length && (hex ? char.IsAsciiHexDigit(text[j]) : char.IsAsciiDigit(text[j]))) j++;
            return j > start && j < text.Length && text[j] == ';' ? j : -1;
        }
        var nameStart = j;
        while (j < text.Length && j - nameStart < 32 && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.')) j++;
        return j > nameStart && char.IsAsciiLetter(text[nameStart]) && j < text.Length && text[j] == ';' ? j : -1;
    }
}
