namespace Alerts.Core.Detection;

/// <summary>One word of normalised text: where it is, its stem, and whether it is a function word.</summary>
internal readonly record struct Token(int Start, int End, string Text, string Stem, bool IsStop, bool IsUpper);

/// <summary>Splits normalised text into words and reduces each to a crude stem, so that inflected forms meet.</summary>
internal static class TextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "of", "on", "for", "and", "to", "a", "an", "in", "with", "between", "concerning", "its", "at", "by", "from", "s",
        "о", "об", "по", "в", "во", "и", "к", "ко", "с", "со", "на", "между", "от", "для", "при",
        "w", "z", "ze", "na", "o", "i", "do", "ws",
    };

    /// <param name="normalized">Output of <see cref="TextNormalizer.Normalize"/>.</param>
    /// <param name="original">The text before normalisation, when its case is needed (acronyms); may be null.</param>
    public static List<Token> Tokenize(string normalized, string? original = null)
    {
        var tokens = new List<Token>(normalized.Length / 5 + 1);
        var i = 0;
        while (i < normalized.Length)
        {
            if (!char.IsLetterOrDigit(normalized[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < normalized.Length && char.IsLetterOrDigit(normalized[i]))
            {
                i++;
            }
            var text = normalized[start..i];
            var upper = false;
            if (original is not null && original.Length == normalized.Length)
            {
                upper = IsAllUpper(original.AsSpan(start, i - start));
            }
            tokens.Add(new Token(start, i, text, Stem(text), StopWords.Contains(text), upper));
        }
        return tokens;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> s)
    {
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }
                letters++;
            }
        }
        return letters > 0;
    }

    // Longest first: the stemmer removes at most one ending.
    private static readonly string[] RussianEndings =
    [
        "иями", "ями", "ами", "его", "ого", "ему", "ому", "ыми", "ими", "ием", "ией", "иях", "ией",
        "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
        "ах", "ях", "ия", "ья", "ье", "ев", "ов", "ию", "ью", "ии", "ьи", "ям", "ам",
        "а", "е", "и", "й", "о", "у", "ы", "ь", "ю", "я",
    ];

    // Endings grouped by their last letter, longest first: a word is compared only with endings it could have.
    private static readonly Dictionary<char, string[]> EndingsByLastLetter = RussianEndings
        .GroupBy(e => e[^1])
        .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Length).ToArray());

    /// <summary>
    /// Russian: strip one case ending and keep six letters, so «конвенция/конвенции/конвенцию» meet.
    /// Latin: drop a plural s. Digits stay as they are.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length == 0 || char.IsDigit(word[0]))
        {
            return word;
        }
        if (word[0] is >= '\u0400' and <= '\u04FF')
        {
            var cut = 0;
            if (EndingsByLastLetter.TryGetValue(word[^1], out var endings))
            {
                foreach (var ending in endings)
                {
                    if (word.Length - ending.Length >= 3 && word.EndsWith(ending, StringComparison.Ordinal))
                    {
                        cut = ending.Length;
                        break;
                    }
                }
            }
            var length = Math.Min(word.Length - cut, 6);
            return length == word.Length ? word : word[..length];
        }
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }
        if (word.Length > 3 && word[^1] == 's' && word[^2] != 's' && word[^2] != 'u' && word[^2] != 'i')
        {
            return word[..^1];
        }
        return word;
    }
}
