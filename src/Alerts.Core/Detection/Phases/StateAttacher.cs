using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach states: who takes a step (the coordinated states before the action in its clause, else in its sentence,
/// else the actor right after a noun, else the item's first state; a Russian act title means Russia) and who the
/// parties to an agreement are (those states plus the counterparties after "with", «с»).
/// </summary>
internal static class StateAttacher
{
    /// <summary>
    /// The parties to an agreement a step is about: the coordinated states before the action in its sentence and the
    /// counterparties after it ("with Japan", «с Бахрейном и ОАЭ»); a plural "states"/"countries" there counts as one more.
    /// </summary>
    public static List<string> Signatories(TextSegment seg, ActionHit a, int ss, int se)
    {
        var tokens = seg.Tokens;
        var first = seg.TokenAt(ss);
        var last = seg.TokenAt(se);
        var parties = new List<string>();
        foreach (var st in seg.States)
        {
            if (st.Start >= first && st.End <= last && (st.End <= a.TokenStart || IsCounterparty(tokens, st.Start) || FollowsCounterparty(seg, a.TokenEnd, st.Start))
                && !parties.Contains(st.Code))
            {
                parties.Add(st.Code);
            }
        }
        foreach (var m in seg.Mentions)
        {
            // An organisation that concludes treaties itself (the EU) is a party too.
            if (m.IsOrganisation && m.Start >= first && m.End <= last && !parties.Contains(m.Entry.Id))
            {
                parties.Add(m.Entry.Id);
            }
        }
        for (var i = first; i < Math.Min(last, tokens.Count); i++)
        {
            if (tokens[i].Text is "countries" or "nations" or "states" or "страны" or "странами" or "государствами" or "kraje" or "państwa")
            {
                parties.Add("+");
                break;
            }
        }
        return parties;
    }

    /// <summary>The parties as written, joined by a dash ("Russia–North Korea"), when there are two or more; else "".</summary>
    public static string PartyNames(TextSegment seg, ActionHit a, int ss, int se)
    {
        var tokens = seg.Tokens;
        var codes = Signatories(seg, a, ss, se);
        if (codes.Count(c => c.Length == 2) < 2)
        {
            return "";
        }
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var st in seg.States)
        {
            // A state's name, not its leader's or institution's ("Путин и Си Цзиньпин" do not name the treaty's parties).
            if (codes.Contains(st.Code) && !st.IsActor && seen.Add(st.Code) && tokens[st.Start].Start >= ss && tokens[st.End - 1].End <= se)
            {
                names.Add(seg.Cased[tokens[st.Start].Start..tokens[st.End - 1].End]);
            }
        }
        return names.Count < 2 ? "" : string.Join("–", names);
    }

    // "with Bahrain and the UAE": every state of a coordinated group after "with" is a counterparty.
    public static bool FollowsCounterparty(TextSegment seg, int from, int index)
    {
        var tokens = seg.Tokens;
        for (var i = index - 1; i >= from; i--)
        {
            if (tokens[i].Text is "with" or "с" or "со" or "z")
            {
                return true;
            }
            var inState = seg.States.Any(st => i >= st.Start && i < st.End);
            if (!(inState || tokens[i].IsStop || tokens[i].Text is "and" or "и" or "i" or "gulf" or "other"))
            {
                return false;
            }
        }
        return false;
    }

    public static List<string> StatesFor(TextSegment seg, ActionHit a, TreatyHit t, int cs, int ss, int se, ItemContext item, out string? evidence)
    {
        var tokens = seg.Tokens;
        var clauseFirst = seg.TokenAt(cs);
        var sentenceFirst = seg.TokenAt(ss);
        var result = new List<string>();
        evidence = null;

        bool Usable(StateMention s) =>
            !(s.Start >= t.Start && s.Start < t.End) && s.Code != t.CandidateState && (s.Start < a.TokenStart || !IsCounterparty(tokens, s.Start));

        // The nearest group of coordinated states before the action in its clause ("Sweden and Finland will apply").
        var before = seg.States.Where(s => s.Start >= clauseFirst && s.End <= a.TokenStart && Usable(s)).ToList();
        if (before.Count == 0)
        {
            before = seg.States.Where(s => s.Start >= sentenceFirst && s.End <= a.TokenStart && Usable(s)).Take(1).ToList();
        }
        if (before.Count > 0)
        {
            // Extend the group over commas too ("Mali, Burkina Faso and Niger leave ECOWAS"): look in the whole sentence.
            var lastBefore = before[^1];
            before = seg.States.Where(s => s.Start >= sentenceFirst && s.End <= lastBefore.End && Usable(s)).ToList();
            var last = before[^1];
            var group = new List<StateMention> { last };
            for (var i = before.Count - 2; i >= 0; i--)
            {
                var gapOk = true;
                for (var k = before[i].End; k < group[0].Start; k++)
                {
                    if (tokens[k].Text is not ("and" or "и" or "i" or "or"))
                    {
                        gapOk = false;
                        break;
                    }
                }
                if (!gapOk || before[i].Code == group[0].Code)
                {
                    if (before[i].Code == group[0].Code && gapOk)
                    {
                        continue;
                    }
                    break;
                }
                group.Insert(0, before[i]);
            }
            foreach (var s in group)
            {
                if (!result.Contains(s.Code))
                {
                    result.Add(s.Code);
                }
            }
            evidence = string.Join(", ", group.Select(s => $"{s.Words}→{s.Code}"));
            return result;
        }
        // A noun with its actor after it: «выход России», «приостановлении Россией», "suspension by Russia".
        var afterNoun = seg.States.FirstOrDefault(s => s.Start >= a.TokenEnd && s.Start <= a.TokenEnd + 2 && Usable(s));
        if (afterNoun.Code is not null)
        {
            evidence = $"{afterNoun.Words}→{afterNoun.Code}";
            return [afterNoun.Code];
        }
        // Elsewhere in the item: the headline's (or summary's) first state that is not a counterparty or a treaty party.
        foreach (var other in item.Segments)
        {
            var first = other.States.FirstOrDefault(s => !IsCounterparty(other.Tokens, s.Start) && s.Code != t.CandidateState
                && !(other == seg && s.Start >= t.Start && s.Start < t.End));
            if (first.Code is not null)
            {
                evidence = $"{first.Words}→{first.Code}";
                return [first.Code];
            }
        }
        if (DetectionPatterns.RussianActTitle().IsMatch(item.Title.Text))
        {
            evidence = "Russian act title→RU";
            return ["RU"];
        }
        return result;
    }

    public static bool IsCounterparty(List<Token> tokens, int index)
    {
        for (var i = index - 1; i >= Math.Max(0, index - 2); i--)
        {
            var w = tokens[i].Text;
            if (w is "with" or "между" or "against" or "против" or "z" or "from")
            {
                return true;
            }
            if (w == "с" || w == "со")
            {
                return true;
            }
        }
        return false;
    }
}
