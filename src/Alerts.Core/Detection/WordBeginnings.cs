using System.Collections.Frozen;
using System.Runtime.CompilerServices;

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

    private readonly Group?[] _byFirstInTable = new Group?[TableSize];
    private readonly FrozenDictionary<char, Group> _byFirst;

    public WordBeginnings(IEnumerable<string> values)
    {
        _byFirst = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)
            .GroupBy(v => v[0]).ToFrozenDictionary(g => g.Key, g => new Group(g.ToArray()));
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
        var letters = s_letters;
        var s = from;
        if (s > 0 && s < text.Length && IsLetter(letters, text[s - 1]))
        {
            s = NextAfterWord(letters, text, s); // inside a word: no value begins before the word ends
        }
        // Here s is always at a word start or at a character that follows a non-letter.
        while (s < text.Length)
        {
            var c = text[s];
            var group = c < TableSize ? _byFirstInTable[c] : _byFirst.GetValueOrDefault(c);
            if (group is not null && group.StartsAny(text[s..]))
            {
                return s;
            }
            s = IsLetter(letters, c) ? NextAfterWord(letters, text, s + 1) : s + 1;
        }
        return -1;
    }

    /// <summary>From inside a word at <paramref name="s"/>: the position after the first non-letter that ends it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextAfterWord(bool[] letters, ReadOnlySpan<char> text, int s)
    {
        while (s < text.Length && IsLetter(letters, text[s]))
        {
            s++;
        }
        // text[s] is not a letter and follows one: no value begins there, the next position follows a non-letter.
        return s + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(bool[] letters, char c) => c < (uint)letters.Length ? letters[c] : char.IsLetter(c);

    private static bool[] LetterTable()
    {
        var table = new bool[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            table[c] = char.IsLetter((char)c);
        }
        return table;
    }

    /// <summary>
    /// The values that begin with one character. A word whose second character no value has is let go on one bit test
    /// (bit <c>second % 64</c> of <see cref="_seconds"/>): most words that share a first character with an action stem.
    /// </summary>
    private sealed class Group(string[] values)
    {
        private readonly string[] _values = values;
        private readonly ulong _seconds = values.Aggregate(0UL, (mask, v) => v.Length < 2 ? ulong.MaxValue : mask | (1UL << (v[1] & 63)));

        public bool StartsAny(ReadOnlySpan<char> rest)
        {
            if (rest.Length >= 2 && (_seconds & (1UL << (rest[1] & 63))) == 0)
            {
                return false;
            }
            foreach (var v in _values)
            {
                // The first character is the key; the second rules out most values before the full comparison.
                if (v.Length <= rest.Length && (v.Length < 2 || rest[1] == v[1]) && rest.StartsWith(v, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
