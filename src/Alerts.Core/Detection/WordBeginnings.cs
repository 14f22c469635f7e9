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
    private readonly FrozenDictionary<char, string[]> _byFirst;

    public WordBeginnings(IEnumerable<string> values)
    {
        _byFirst = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)
            .GroupBy(v => v[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The first position at or after <paramref name="from"/> where a value begins a word, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> text, int from = 0)
    {
        for (var s = from; s < text.Length; s++)
        {
            if (s > 0 && char.IsLetter(text[s - 1]))
            {
                continue;
            }
            if (_byFirst.TryGetValue(text[s], out var values))
            {
                var rest = text[s..];
                foreach (var v in values)
                {
                    if (rest.StartsWith(v, StringComparison.Ordinal))
                    {
                        return s;
                    }
                }
            }
        }
        return -1;
    }
}
