using System.Buffers;
using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

/// <summary>
/// The hand-written searches on the scan's hot path answer exactly what the library searches they replace answer,
/// on random texts built to hit their edge cases (every character class they test, block boundaries, text ends).
/// </summary>
public sealed class SearchSpeedupTests
{
    // Every character of char.IsWhiteSpace, the no-break space, the first and last characters the vector test flags or
    // not, Latin, Cyrillic, CJK and C1 controls.
    private const string Alphabet = " \t\n\v\f\r\u0008\u000e\u0084\u0085\u0086\u00a0\u1680\u167f\u2000\u2005\u200a\u200b\u2028\u2029\u202f\u205f\u3000\u3001" +
        "abcxyzABCXYZ0123456789.,;-'\"абвгдежзПРОЩЯёЁąęłżź中文日本\u0080\u009f\uffff";

    private static readonly SearchValues<char> WhitespaceButSpace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    [Fact]
    public void Whitespace_search_finds_what_IndexOfAny_finds()
    {
        var random = new Random(20261203);
        var found = 0;
        for (var n = 0; n < 100_000; n++)
        {
            var length = random.Next(0, 70);
            var text = new char[length];
            // Mostly plain words, so that the first whitespace falls anywhere in a block or in the tail.
            var rare = random.Next(1, 200);
            for (var i = 0; i < length; i++)
            {
                text[i] = random.Next(rare) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('a' + random.Next(26));
            }
            var expected = text.AsSpan().IndexOfAny(WhitespaceButSpace);
            Assert.Equal(expected, HtmlText.IndexOfWhitespaceButSpace(text));
            found += expected >= 0 ? 1 : 0;
        }
        Assert.True(found > 10_000, $"only {found} texts held whitespace");
    }

    [Fact]
    public void Collapsed_whitespace_is_unchanged_by_the_vector_search()
    {
        // CollapseWhitespace as it read before: every character of the set ends a run of words.
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 120);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(6) == 0 ? Alphabet[random.Next(Alphabet.Length)] : random.Next(5) == 0 ? ' ' : (char)('a' + random.Next(26)));
            }
            var s = text.ToString();
            var collapsed = HtmlText.CollapseWhitespace(s);
            Assert.Equal(ReferenceCollapse(s), collapsed);
        }
    }

    [Fact]
    public void Word_start_search_finds_the_places_the_multi_string_search_finds_on_random_text()
    {
        // Stems cut short, run together, in every case, after letters, digits and punctuation: every path of the
        // second-character test (including characters 64 apart, which share its bit).
        string[] pieces = ["ratif", "Ratif", "RATIF", "rat", "ra", "r", "вступ", "Вступ", "вс", "withdr", "wi", "w!", "a!", "aa", "ąa", "0", "join",
            "joi", "JOIN", "sign", "si", "s\u0430", "s0", "денонс", "де", "д", "przystąpi", "prz", " ", "  ", "-", ".", "'", "\u00a0", "中", "x", "éa", "into force", "into"];
        var random = new Random(42);
        var plain = DetectionPatterns.ActionStemsAnyCase;
        var words = DetectionPatterns.ActionStemStartsAnyCase;
        var hits = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }
            var s = text.ToString();
            for (var from = 0; from <= s.Length; from += 1 + random.Next(4))
            {
                var expected = FirstWordStart(s, from, plain);
                Assert.Equal(expected, words.IndexOf(s, from));
                hits += expected >= 0 ? 1 : 0;
            }
        }
        Assert.True(hits > 10_000, $"only {hits} hits");
    }

    private static int FirstWordStart(string text, int from, SearchValues<string> stems)
    {
        var offset = from;
        while (offset < text.Length)
        {
            var at = text.AsSpan(offset).IndexOfAny(stems);
            if (at < 0)
            {
                return -1;
            }
            var pos = offset + at;
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                return pos;
            }
            offset = pos + 1;
        }
        return -1;
    }

    /// <summary>Spaces and tabs to one space, line breaks to one break, trimmed; the no-break space kept as text.</summary>
    private static string ReferenceCollapse(string text)
    {
        var result = new StringBuilder();
        bool space = false, lineBreak = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u2028')
            {
                lineBreak = true;
            }
            else if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                space = true;
            }
            else
            {
                if (result.Length > 0 && (lineBreak || space))
                {
                    result.Append(lineBreak ? '\n' : ' ');
                }
                space = lineBreak = false;
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
