using System.Text.RegularExpressions;

namespace Alerts.Core.Detection;

/// <summary>
/// Which named group of <see cref="DetectionPatterns.Actions"/> an action-word match took, without a
/// <see cref="Match"/>: the scan finds the words as allocation-free <see cref="ValueMatch"/>es and asks here for the kind.
/// The action pattern is <c>\b(?:(?&lt;der&gt;…)|(?&lt;eif&gt;…)|…)\b</c> and alternation takes the first alternative
/// that lets the whole pattern match, so the group taken at a match's start is the first group whose own
/// <c>\G\b(?:…)\b</c> matches there (over the whole text: its lookaheads see what follows). One such anchored
/// expression per group is cut out of the action pattern's own text, so the word lists stay in one place.
/// </summary>
internal static class ActionKindAt
{
    /// <summary>The action pattern's groups and the kinds they stand for (a group not listed here is refused at start).</summary>
    internal static readonly IReadOnlyDictionary<string, ActionKind> GroupKinds = new Dictionary<string, ActionKind>(StringComparer.Ordinal)
    {
        ["der"] = ActionKind.Deratification, ["eif"] = ActionKind.EntryIntoForce, ["accn"] = ActionKind.AccessionNoun,
        ["acc"] = ActionKind.Accession, ["wd"] = ActionKind.Withdrawal, ["sus"] = ActionKind.Suspension,
        ["rat"] = ActionKind.Ratification, ["appr"] = ActionKind.Approval, ["ext"] = ActionKind.Extension, ["sig"] = ActionKind.Signature,
    };

    private static readonly (Regex At, ActionKind Kind)[] Alternatives = Build(DetectionPatterns.Actions());

    /// <summary>The kind of the action word <see cref="DetectionPatterns.Actions"/> matched at <paramref name="index"/> of <paramref name="text"/>.</summary>
    public static ActionKind Of(string text, int index)
    {
        foreach (var (at, kind) in Alternatives)
        {
            if (at.IsMatch(text.AsSpan(), index))
            {
                return kind;
            }
        }
        return ActionKind.Signature;
    }

    /// <summary>The kind as the <see cref="Match"/>'s groups say it (the slower reading this class replaces; tests compare the two).</summary>
    public static ActionKind OfGroups(Match match)
    {
        foreach (var (name, kind) in GroupKinds)
        {
            if (match.Groups[name].Success)
            {
                return kind;
            }
        }
        return ActionKind.Signature;
    }

    private static (Regex, ActionKind)[] Build(Regex actions)
    {
        var pattern = actions.ToString();
        var groups = new List<(Regex, ActionKind)>();
        var open = Regex.Matches(pattern, @"\(\?<(?<name>[a-z]+)>");
        foreach (Match m in open)
        {
            var name = m.Groups["name"].Value;
            if (!GroupKinds.TryGetValue(name, out var kind))
            {
                throw new InvalidOperationException($"The action pattern's group '{name}' has no action kind.");
            }
            var bodyStart = m.Index + m.Length;
            var body = pattern[bodyStart..ClosingParen(pattern, bodyStart)];
            groups.Add((new Regex(@"\G\b(?:" + body + @")\b", actions.Options), kind));
        }
        if (groups.Count != GroupKinds.Count)
        {
            throw new InvalidOperationException($"The action pattern has {groups.Count} named groups, {GroupKinds.Count} kinds are known.");
        }
        return [.. groups];
    }

    /// <summary>Index of the ')' closing a group whose body starts at <paramref name="from"/> (escapes and character classes skipped).</summary>
    private static int ClosingParen(string pattern, int from)
    {
        var depth = 0;
        var inClass = false;
        for (var i = from; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth-- == 0)
            {
                return i;
            }
        }
        throw new InvalidOperationException("The action pattern has an unclosed group.");
    }
}
