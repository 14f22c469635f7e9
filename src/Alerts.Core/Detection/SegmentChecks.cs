using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Alerts.Core.Detection;

/// <summary>
/// The context checks of one <see cref="TextSegment"/>, each run once per clause or sentence instead of once per
/// action word. A long clause with many action words ("… withdrawal accession ratification …") asked the same
/// regular expressions the same questions over the same text for every action word, quadratic in the clause;
/// here every answer is the one the expression gives on the span it was asked about, only reused.
/// </summary>
internal sealed class SegmentChecks(string text)
{
    private readonly Dictionary<(Regex Regex, int Start, int End), bool> _spans = [];
    private readonly Dictionary<int, (int End, bool Match)> _notAStep = [];
    private readonly Dictionary<int, (int From, int First)> _conditionAfter = [];

    /// <summary><paramref name="regex"/>.IsMatch over text[start..end), remembered per span.</summary>
    public bool Matches(Regex regex, int start, int end)
    {
        if (!_spans.TryGetValue((regex, start, end), out var match))
        {
            match = WordAlternation.For(regex).IsMatch(text.AsSpan(start, end - start));
            _spans[(regex, start, end)] = match;
        }
        return match;
    }

    /// <summary>
    /// <see cref="DetectionPatterns.NotAStep"/> over the clause before an action word, text[clauseStart..actionStart).
    /// The actions of a clause come in text order, so each prefix extends the previous one. A match in the shorter
    /// prefix stays a match (it ends before the shorter prefix's last character, a separator); with none there, a
    /// match in the longer one must end past that point, and (one alternative spans at most two words, see
    /// <see cref="NotAStepShapeHolds"/>) start within the last two words before it: only that tail is scanned.
    /// </summary>
    public bool NotAStepBefore(int clauseStart, int actionStart)
    {
        var regex = WordAlternation.For(DetectionPatterns.NotAStep());
        bool match;
        if (NotAStepShapeHolds && _notAStep.TryGetValue(clauseStart, out var known) && actionStart > known.End && CanExtendFrom(known.End))
        {
            if (known.Match)
            {
                return true;
            }
            var from = TwoWordsBefore(clauseStart, known.End);
            match = regex.IsMatch(text.AsSpan(from, actionStart - from));
        }
        else
        {
            match = regex.IsMatch(text.AsSpan(clauseStart, actionStart - clauseStart));
        }
        _notAStep[clauseStart] = (actionStart, match);
        return match;
    }

    /// <summary>
    /// <see cref="DetectionPatterns.ConditionAfter"/> over the clause after an action word, text[from..clauseEnd).
    /// A later action's rest of the clause is a suffix of an earlier one's: the first match found there answers
    /// for every later start before it, and none found answers no for all of them.
    /// </summary>
    public bool ConditionAfter(int from, int clauseEnd)
    {
        if (ConditionAfterShapeHolds && _conditionAfter.TryGetValue(clauseEnd, out var known) && from >= known.From
            && (from == clauseEnd || !char.IsLetter(text[from])))
        {
            if (known.First < 0)
            {
                return false;
            }
            if (known.First >= from)
            {
                return true;
            }
        }
        var first = WordAlternation.For(DetectionPatterns.ConditionAfter()).FirstMatch(text.AsSpan(from, clauseEnd - from));
        first = first < 0 ? -1 : from + first;
        _conditionAfter[clauseEnd] = (from, first);
        return first >= 0;
    }

    /// <summary>
    /// Whether a token's text holds an action word (<see cref="DetectionPatterns.Actions"/>). Feeds reuse a small
    /// vocabulary, so the answers are kept per word for the process, up to <see cref="MaxActionWords"/> words.
    /// </summary>
    public static bool IsActionToken(string tokenText)
    {
        if (ActionWords.TryGetValue(tokenText, out var match))
        {
            return match;
        }
        match = DetectionPatterns.HoldsActionWord(tokenText);
        // Counted here rather than by ActionWords.Count, which takes every lock of the dictionary (the scan's threads
        // queued on it). Racing threads may add a few words past the limit; the answers kept are the same either way.
        if (Volatile.Read(ref _actionWordCount) < MaxActionWords && ActionWords.TryAdd(tokenText, match))
        {
            Interlocked.Increment(ref _actionWordCount);
        }
        return match;
    }

    private const int MaxActionWords = 50_000;
    private static int _actionWordCount;
    private static readonly ConcurrentDictionary<string, bool> ActionWords = new(StringComparer.Ordinal);

    /// <summary>
    /// The shorter prefix ended at an action word: its last character is a separator, so no match ends there, and
    /// the action word does not read as the "to" that <c>about(?!\s+to\b)</c> looks ahead for.
    /// </summary>
    private bool CanExtendFrom(int end) =>
        end > 0 && IsSeparator(text[end - 1])
        && !(end + 2 <= text.Length && text[end] == 't' && text[end + 1] == 'o' && (end + 2 == text.Length || !char.IsLetterOrDigit(text[end + 2])));

    /// <summary>The start of the second word before <paramref name="end"/> (words: runs between separators), or the clause start.</summary>
    private int TwoWordsBefore(int clauseStart, int end)
    {
        var i = end;
        for (var word = 0; word < 2; word++)
        {
            while (i > clauseStart && IsSeparator(text[i - 1]))
            {
                i--;
            }
            while (i > clauseStart && !IsSeparator(text[i - 1]))
            {
                i--;
            }
        }
        return i;
    }

    /// <summary>Certainly not a word character for \b and \w: white space and ASCII punctuation other than '_'.</summary>
    internal static bool IsSeparator(char c) => char.IsWhiteSpace(c) || (c < 128 && !char.IsAsciiLetterOrDigit(c) && c != '_');

    /// <summary>
    /// The reuse above relies on the shape of the two expressions, checked once against their source: every
    /// alternative of NotAStep is letters, \w and at most one \s (two words at most), with no lookaround but
    /// <c>(?!\s+to\b)</c>; every alternative of ConditionAfter starts with a letter and has no lookaround. If a rule
    /// change breaks that shape, the checks simply run on the whole span again.
    /// </summary>
    internal static bool NotAStepShapeHolds { get; } = Shape.Holds(DetectionPatterns.NotAStep(), maxSpaces: 1, allowedLookaround: @"(?!\s+to\b)");

    internal static bool ConditionAfterShapeHolds { get; } = Shape.Holds(DetectionPatterns.ConditionAfter(), maxSpaces: int.MaxValue, allowedLookaround: null);

    internal static class Shape
    {
        /// <summary>
        /// True when <paramref name="pattern"/> is <c>\b(?: alt | alt … )\b</c> and every alternative is made of
        /// letters, \w, \s, groups and quantifiers only, starts with a letter and does not end with \s, holds at most
        /// <paramref name="maxSpaces"/> \s and repeats no group (lookaround other than <paramref name="allowedLookaround"/>
        /// fails it).
        /// </summary>
        public static bool Holds(Regex regex, int maxSpaces, string? allowedLookaround)
        {
            var pattern = regex.ToString();
            if ((regex.Options & RegexOptions.IgnorePatternWhitespace) == 0 && pattern.Any(char.IsWhiteSpace))
            {
                return false;
            }
            var body = string.Concat(pattern.Where(c => !char.IsWhiteSpace(c)));
            if (!body.StartsWith(@"\b(?:", StringComparison.Ordinal) || !body.EndsWith(@")\b", StringComparison.Ordinal))
            {
                return false;
            }
            body = body[5..^3];
            if (allowedLookaround is not null)
            {
                body = body.Replace(allowedLookaround, "", StringComparison.Ordinal);
            }
            foreach (var alt in SplitTopLevel(body))
            {
                if (alt.Length == 0 || !char.IsLetter(alt[0]))
                {
                    return false;
                }
                var spaces = 0;
                for (var i = 0; i < alt.Length; i++)
                {
                    var c = alt[i];
                    if (c == '\\')
                    {
                        if (i + 1 >= alt.Length || alt[i + 1] is not ('w' or 's'))
                        {
                            return false;
                        }
                        spaces += alt[i + 1] == 's' ? 1 : 0;
                        i++;
                    }
                    else if (c == ')' && i + 1 < alt.Length && alt[i + 1] is '*' or '+')
                    {
                        return false; // a repeated group can span any number of words
                    }
                    else if (c == '(')
                    {
                        if (i + 2 < alt.Length && alt[i + 1] == '?' && alt[i + 2] != ':')
                        {
                            return false; // lookaround or an inline option
                        }
                    }
                    else if (!char.IsLetter(c) && c is not (')' or '*' or '+' or '?' or '|' or ':'))
                    {
                        return false;
                    }
                }
                if (spaces > maxSpaces || alt.TrimEnd('*', '+', '?', ')').EndsWith(@"\s", StringComparison.Ordinal))
                {
                    return false;
                }
            }
            return true;
        }

        internal static IEnumerable<string> SplitTopLevel(string body)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i < body.Length; i++)
            {
                if (body[i] == '\\')
                {
                    i++;
                }
                else if (body[i] == '(')
                {
                    depth++;
                }
                else if (body[i] == ')')
                {
                    depth--;
                }
                else if (body[i] == '|' && depth == 0)
                {
                    yield return body[start..i];
                    start = i + 1;
                }
            }
            yield return body[start..];
        }
    }
}
