using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Alerts.Core.Detection;

/// <summary>
/// A faster <see cref="Regex.IsMatch(ReadOnlySpan{char})"/> for the detector's word lists, <c>\b(?:alt|alt|…)\b</c>
/// where every alternative starts with letters. A match can only start where one of those literal beginnings starts
/// a word, so one vectorised multi-string search finds the few places worth trying, and the same expression,
/// anchored there (<c>\G</c>), is tried only at them, instead of the generated matcher testing every position
/// of the span. The answer is the expression's own: where the shape is not recognised, or a beginning follows a
/// character that may be a word character (a digit, '_', a combining mark), the original expression runs on the
/// whole span.
/// </summary>
internal sealed class WordAlternation
{
    private static readonly ConcurrentDictionary<Regex, WordAlternation> Cache = new();
    private readonly Regex _regex;
    private readonly Regex? _anchored;
    private readonly WordBeginnings? _beginnings;

    public WordAlternation(Regex regex, string? allowedLookaround = null)
    {
        _regex = regex;
        var beginnings = SegmentChecks.Shape.Holds(regex, int.MaxValue, allowedLookaround) ? Beginnings(regex.ToString()) : null;
        if (beginnings is not null && (regex.Options & RegexOptions.IgnoreCase) == 0)
        {
            _beginnings = new WordBeginnings(beginnings);
            // Interpreted: built once, tried at a handful of places per span; the options (and so the semantics) are the original's.
            _anchored = new Regex(@"\G(?:" + regex + ")", regex.Options);
        }
    }

    /// <summary>The one instance for <paramref name="regex"/> (its lookaround allowed: NotAStep's "about" not followed by "to").</summary>
    public static WordAlternation For(Regex regex) => Cache.GetOrAdd(regex, r => new WordAlternation(r, @"(?!\s+to\b)"));

    /// <summary>Whether the prefilter is in use (false: every call runs the original expression).</summary>
    public bool Prefiltered => _anchored is not null;

    public bool IsMatch(ReadOnlySpan<char> span) => FirstMatch(span) >= 0;

    /// <summary>Where the leftmost match starts in <paramref name="span"/>, or -1.</summary>
    public int FirstMatch(ReadOnlySpan<char> span)
    {
        if (_anchored is null || _beginnings is null)
        {
            return Leftmost(_regex, span);
        }
        var offset = 0;
        while (offset < span.Length)
        {
            var s = _beginnings.IndexOf(span, offset);
            if (s < 0)
            {
                return -1;
            }
            if (s == 0 || SegmentChecks.IsSeparator(span[s - 1]))
            {
                if (_anchored.IsMatch(span[s..]))
                {
                    return s;
                }
            }
            else
            {
                return Leftmost(_regex, span); // whether \b holds after a digit or a mark is the regex engine's call
            }
            offset = s + 1;
        }
        return -1;
    }

    private static int Leftmost(Regex regex, ReadOnlySpan<char> span)
    {
        foreach (var m in regex.EnumerateMatches(span))
        {
            return m.Index;
        }
        return -1;
    }

    /// <summary>
    /// The literal letters each top-level alternative starts with ("calls?" → "call", "hop(?:e|es)" → "hop"), or null
    /// when some alternative starts with none.
    /// </summary>
    internal static string[]? Beginnings(string pattern)
    {
        var body = string.Concat(pattern.Where(c => !char.IsWhiteSpace(c)))[5..^3];
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alt in SegmentChecks.Shape.SplitTopLevel(body))
        {
            var n = 0;
            while (n < alt.Length && char.IsLetter(alt[n]))
            {
                n++;
            }
            if (n < alt.Length && alt[n] is '?' or '*' or '{')
            {
                n--; // the last letter is optional
            }
            if (n <= 0)
            {
                return null;
            }
            result.Add(alt[..n]);
        }
        return [.. result];
    }
}
