using System.Globalization;

namespace Alerts.Core.Formatting;

/// <summary>
/// Reads Telegram HTML into tokens (text, entity, open and close tags), checking the tags and attributes
/// Telegram accepts and decoding entities; <see cref="TelegramHtml"/> measures and splits over these tokens.
/// </summary>
internal static class TelegramHtmlTokenizer
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote",
    };

    internal enum TokenKind { Text, Entity, Open, Close }

    internal sealed record Token(TokenKind Kind, string Raw, int VisibleLength, string Name = "");

    /// <summary>Tokenizes valid Telegram HTML; returns an error description instead when it is not.</summary>
    public static string? TryTokenize(string html, out List<Token> tokens)
    {
        tokens = new List<Token>(html.Length);
        var stack = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                {
                    return $"unclosed tag at {i}";
                }
                var raw = html[i..(end + 1)];
                var inner = html[(i + 1)..end];
                if (inner.StartsWith('/'))
                {
                    var name = inner[1..].Trim();
                    if (stack.Count == 0 || stack.Peek() != name)
                    {
                        return $"unmatched end tag </{name}> at {i}";
                    }
                    stack.Pop();
                    tokens.Add(new Token(TokenKind.Close, raw, 0, name));
                }
                else
                {
                    var nameEnd = 0;
                    while (nameEnd < inner.Length && !char.IsWhiteSpace(inner[nameEnd]))
                    {
                        nameEnd++;
                    }
                    var name = inner[..nameEnd];
                    if (!AllowedTags.Contains(name))
                    {
                        return $"unsupported tag <{name}> at {i}";
                    }
                    if (!AttributesValid(inner[nameEnd..]))
                    {
                        return $"bad attributes in <{name}> at {i}";
                    }
                    stack.Push(name);
                    tokens.Add(new Token(TokenKind.Open, raw, 0, name));
                }
                i = end + 1;
            }
            else if (c == '&')
            {
                if (!TryEntity(html, i, out var decoded, out var length))
                {
                    return $"unescaped '&' at {i}";
                }
                tokens.Add(new Token(TokenKind.Entity, html.Substring(i, length), decoded.Length));
                i += length;
            }
            else if (c == '>')
            {
                return $"unescaped '>' at {i}";
            }
            else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
            {
                tokens.Add(new Token(TokenKind.Text, html.Substring(i, 2), 2));
                i += 2;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Text, c.ToString(), 1));
                i++;
            }
        }
        return stack.Count > 0 ? $"tag <{stack.Peek()}> is not closed" : null;
    }

    private static bool AttributesValid(string attributes)
    {
        var rest = attributes.Trim();
        while (rest.Length > 0)
        {
            var eq = rest.IndexOf('=');
            if (eq <= 0 || eq + 1 >= rest.Length || rest[eq + 1] != '"')
            {
                return false;
            }
            var close = rest.IndexOf('"', eq + 2);
            if (close < 0)
            {
                return false;
            }
            var value = rest[(eq + 2)..close];
            for (var a = value.IndexOf('&'); a >= 0; a = value.IndexOf('&', a + 1))
            {
                if (!TryEntity(value, a, out _, out _))
                {
                    return false;
                }
            }
            if (value.Contains('<') || value.Contains('>'))
            {
                return false;
            }
            rest = rest[(close + 1)..].TrimStart();
        }
        return true;
    }

    public static bool TryEntity(string s, int at, out string decoded, out int length)
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
            && int.TryParse(body.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
        {
            decoded = char.ConvertFromUtf32(hex);
            return true;
        }
        if (body.StartsWith('#') && int.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && dec is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
        {
            decoded = char.ConvertFromUtf32(dec);
            return true;
        }
        return false;
    }
}
