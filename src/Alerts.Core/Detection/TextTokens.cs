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
        while (NextWord(normalized, ref i, out var start))
        {
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

    /// <summary>
    /// The next word at or after <paramref name="i"/>: letters and digits, up to the first character that is neither.
    /// Moves <paramref name="i"/> past it; false at the end of the text. <see cref="Tokenize"/> and the span words read
    /// before it (<see cref="SpanWords"/>) split the same way through this.
    /// </summary>
    public static bool NextWord(ReadOnlySpan<char> text, ref int i, out int start)
    {
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }
        start = i;
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }
        return i > start;
    }

    /// <summary>Whether a word (as a span) is a function word.</summary>
    public static bool IsStopWord(ReadOnlySpan<char> word) => StopWordsBySpan.Contains(word);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordsBySpan = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsAllUpper(ReadOnlySpan<char> s)
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
        var length = StemLength(word, out var addY);
        return addY ? string.Concat(word.AsSpan(0, length), "y") : length == word.Length ? word : word[..length];
    }

    /// <summary>
    /// <see cref="Stem"/> without the string: the stem is the word's first <c>return</c> characters, followed by a "y"
    /// when <paramref name="addY"/> ("treaties" → "treat" + "y").
    /// </summary>
    public static int StemLength(ReadOnlySpan<char> word, out bool addY)
    {
        addY = false;
        if (word.Length == 0 || char.IsDigit(word[0]))
        {
            return word.Length;
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
            return Math.Min(word.Length - cut, 6);
        }
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            addY = true;
            return word.Length - 3;
        }
        if (word.Length > 3 && word[^1] == 's' && word[^2] != 's' && word[^2] != 'u' && word[^2] != 'i')
        {
            return word.Length - 1;
        }
        return word.Length;
    }
}
