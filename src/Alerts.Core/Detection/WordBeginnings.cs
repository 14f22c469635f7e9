using System.Collections.Frozen;

namespace Alerts.Core.Detection;

/// <summary>
/// Finds where one of a set of strings begins a word (at the start of the text or after a character that is not a
/// letter): the same places <c>IndexOfAny(SearchValues&lt;string&gt;)</c> followed by a "not after a letter" test finds,
/// found by visiting only word starts and comparing the few strings that share the word's first character.
/// For word lists mixing Latin and Cyrillic the multi-string search walks every character through a lookup; this
/// walks only the word starts.
/// </summary>
internal sealed class WordBeginnings
{
    /// <summary>Characters below this (Latin, its extensions, Greek, Cyrillic) are looked up in arrays, not a dictionary.</summary>
    private const int TableSize = 0x530;

    /// <summary><c>char.IsLetter</c>'s answers for the characters below <see cref="TableSize"/>.</summary>
    private static readonly bool[] s_letters = LetterTable();

    private readonly string[]?[] _byFirstInTable = new string[TableSize][];
    private readonly FrozenDictionary<char, string[]> _byFirst;

    public WordBeginnings(IEnumerable<string> values)
    {
        _byFirst = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)
            .GroupBy(v => v[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        foreach (var (first, group) in _byFirst)
        {
            if (first < TableSize)
            {
                _byFirstInTable[first] = group;
            }
        }
    }

    /// <summary>The first position at or after <paramref name="from"/> where a value begins a word, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> text, int from = 0)
    {
        var s = from;
        if (s > 0 && s < text.Length && IsLetter(text[s - 1]))
        {
            s = NextAfterWord(text, s); // inside a word: no value begins before the word ends
        }
        // Here s is always at a word start or at a character that follows a non-letter.
        while (s < text.Length)
        {
            var c = text[s];
            var values = c < TableSize ? _byFirstInTable[c] : _byFirst.GetValueOrDefault(c);
            if (values is not null && StartsWithAny(text[s..], values))
            {
                return s;
            }
            s = IsLetter(c) ? NextAfterWord(text, s + 1) : s + 1;
        }
        return -1;
    }

    /// <summary>From inside a word at <paramref name="s"/>: the position after the first non-letter that ends it.</summary>
    private static int NextAfterWord(ReadOnlySpan<char> text, int s)
    {
        while (s < text.Length && IsLetter(text[s]))
        {
            s++;
        }
        // text[s] is not a letter and follows one: no value begins there, the next position follows a non-letter.
        return s + 1;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> rest, string[] values)
    {
        foreach (var v in values)
        {
            // The first character is the key; the second rules out most values before the full comparison.
            if (v.Length <= rest.Length && (v.Length < 2 || rest[1] == v[1]) && rest.StartsWith(v, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsLetter(char c) => c < TableSize ? s_letters[c] : char.IsLetter(c);

    private static bool[] LetterTable()
    {
        var table = new bool[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            table[c] = char.IsLetter((char)c);
        }
        return table;
    }
}
