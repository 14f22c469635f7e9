using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach states: who takes a step (the coordinated states before the action in its clause, else in its sentence,
/// else the actor right after a noun, else the item's first state; a Russian act title means Russia) and who the
/// parties to an agreement are (those states plus the counterparties after "with", «с»).
/// </summary>
internal static class StateAttacher
{
    /// <summary>The evidence prefix of a step taken by many unnamed states.</summary>
    public const string ManyStates = "many states: ";

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
            if (tokens[i].Text is "with" or "с" or "со" or "z" or "between" or "между")
            {
                return true;
            }
            var inState = false;
            foreach (var st in seg.States)
            {
                if (i >= st.Start && i < st.End)
                {
                    inState = true;
                    break;
                }
            }
            if (!(inState || tokens[i].IsStop || tokens[i].Text is "and" or "и" or "i" or "gulf" or "other"))
            {
                return false;
            }
        }
        return false;
    }

    public static List<string> StatesFor(TextSegment seg, ActionHit a, TreatyHit t, int cs, int ss, int se, ItemContext item, out string? evidence)
    {
        // Runs for every action word that could become a candidate: index loops over the segment's states instead of
        // LINQ lists and closures (the same states in the same order as the filters they replace).
        var tokens = seg.Tokens;
        var states = seg.States;
        var clauseFirst = seg.TokenAt(cs);
        var sentenceFirst = seg.TokenAt(ss);
        var result = new List<string>();
        evidence = null;

        // The nearest group of coordinated states before the action in its clause ("Sweden and Finland will apply"),
        // else the sentence's first state before it.
        var lastIndex = -1;
        for (var i = 0; i < states.Count; i++)
        {
            var s = states[i];
            if (s.Start >= clauseFirst && s.End <= a.TokenStart && Usable(seg, s, a, t))
            {
                lastIndex = i;
            }
        }
        // "65 countries sign", "dozens of states", "EU members", «страны НАТО»: many states act, none of them named; no single
        // state is the actor (the event is held for review as one without a known actor).
        if (lastIndex < 0 && PluralActor(tokens, clauseFirst, a.TokenStart) is { } plural)
        {
            evidence = ManyStates + plural;
            return result;
        }
        if (lastIndex < 0)
        {
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                if (s.Start >= sentenceFirst && s.End <= a.TokenStart && Usable(seg, s, a, t))
                {
                    lastIndex = i;
                    break;
                }
            }
        }
        if (lastIndex >= 0)
        {
            // Extend the group over commas too ("Mali, Burkina Faso and Niger leave ECOWAS"): look in the whole sentence.
            var lastEnd = states[lastIndex].End;
            Span<int> indices = states.Count <= 32 ? stackalloc int[2 * states.Count] : new int[2 * states.Count];
            var before = indices[..states.Count];
            var group = indices[states.Count..]; // the group's members from its last backwards
            var count = 0;
            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i];
                if (s.Start >= sentenceFirst && s.End <= lastEnd && Usable(seg, s, a, t))
                {
                    before[count++] = i;
                }
            }
            var groupCount = 0;
            group[groupCount++] = before[count - 1];
            for (var i = count - 2; i >= 0; i--)
            {
                var candidate = states[before[i]];
                var head = states[group[groupCount - 1]];
                var gapOk = true;
                for (var k = candidate.End; k < head.Start; k++)
                {
                    if (tokens[k].Text is not ("and" or "и" or "i" or "or"))
                    {
                        gapOk = false;
                        break;
                    }
                }
                if (!gapOk || candidate.Code == head.Code)
                {
                    if (candidate.Code == head.Code && gapOk)
                    {
                        continue;
                    }
                    break;
                }
                group[groupCount++] = before[i];
            }
            var text = new System.Text.StringBuilder();
            for (var j = groupCount - 1; j >= 0; j--)
            {
                var s = states[group[j]];
                if (!result.Contains(s.Code))
                {
                    result.Add(s.Code);
                }
                if (j < groupCount - 1)
                {
                    text.Append(", ");
                }
                text.Append(s.Words).Append('→').Append(s.Code);
            }
            evidence = text.ToString();
            return result;
        }
        // A noun with its actor after it: «выход России», «приостановлении Россией», "suspension by Russia".
        foreach (var s in states)
        {
            if (s.Start >= a.TokenEnd && s.Start <= a.TokenEnd + 2 && Usable(seg, s, a, t))
            {
                evidence = $"{s.Words}→{s.Code}";
                return [s.Code];
            }
        }
        // A Russian act («О ратификации …», «Распоряжение о подписании …», «Подписан закон о …») is Russia's, whatever other
        // state the item names (the treaty's other party, the place of signature).
        if (DetectionPatterns.RussianAct().IsMatch(item.Title.Text))
        {
            evidence = "Russian act title→RU";
            return ["RU"];
        }
        // Elsewhere in the item: the headline's (or summary's) first state that is not a counterparty or a treaty party.
        foreach (var other in item.Segments)
        {
            foreach (var s in other.States)
            {
                if (!IsCounterparty(other.Tokens, s.Start) && s.Code != t.CandidateState
                    && !(other == seg && s.Start >= t.Start && s.Start < t.End) && !(IsPlace(other.Tokens, s) && (!s.IsActor || IsCityAt(other.Tokens, s))))
                {
                    evidence = $"{s.Words}→{s.Code}";
                    return [s.Code];
                }
            }
        }
        return result;
    }

    // A state that can take the step: not inside the treaty's name, not the treaty's own state, not a counterparty
    // before the action ("with Japan").
    // A state after the action in a group of counterparties ("between Russia and the DPRK", «с Бахрейном и ОАЭ») is a party, not the actor.
    // A city after "in"/«в» is where the step was taken, and so is a state after the action: "sign ... in Hanoi", "ratified
    // in Brussels", "vote in Poland's parliament" is not a place but keeps its actor (the state before the action).
    private static bool Usable(TextSegment seg, in StateMention s, in ActionHit a, in TreatyHit t) =>
        !(s.Start >= t.Start && s.Start < t.End) && s.Code != t.CandidateState
        && (s.Start < a.TokenStart || !(IsCounterparty(seg.Tokens, s.Start) || FollowsCounterparty(seg, a.TokenEnd, s.Start)))
        && !(IsPlace(seg.Tokens, s) && (IsCityAt(seg.Tokens, s) || (s.Start >= a.TokenEnd && !s.IsActor)));

    /// <summary>Whether a state's words follow a place preposition: "in Hanoi", "at the UN in Geneva", «в Москве», "w Brukseli".</summary>
    public static bool IsPlace(List<Token> tokens, in StateMention s)
    {
        var i = s.Start - 1;
        if (i >= 0 && tokens[i].Text is "the")
        {
            i--;
        }
        return i >= 0 && tokens[i].Text is "in" or "at" or "в" or "во" or "w" or "we";
    }

    private static bool IsCityAt(List<Token> tokens, in StateMention s) => s.End - s.Start == 1 && StateLexicon.IsCityWord(tokens[s.Start].Text);

    /// <summary>
    /// A counted or grouped plural of states between the clause's start and the action, with no state named there: "65
    /// countries", "dozens of nations", "more than 60 states", "EU members", "NATO allies", "member states", «десятки стран»,
    /// «страны НАТО», "kraje UE". Its words, or null. A bare "the two countries" refers to states named before, so it does not count.
    /// </summary>
    public static string? PluralActor(List<Token> tokens, int from, int to)
    {
        for (var i = Math.Min(to, tokens.Count) - 1; i >= from; i--)
        {
            if (!DetectionWords.IsStatesPlural(tokens[i].Text))
            {
                continue;
            }
            var counted = false;
            for (var k = Math.Max(from, i - 3); k < i && !counted; k++)
            {
                counted = DetectionWords.CountsStates(tokens[k].Text);
            }
            counted |= i + 1 < to && DetectionWords.IsStatesGroup(tokens[i + 1].Text);
            if (counted)
            {
                return string.Join(' ', tokens.Skip(Math.Max(from, i - 3)).Take(i - Math.Max(from, i - 3) + 1).Select(x => x.Text));
            }
        }
        return null;
    }

    public static bool IsCounterparty(List<Token> tokens, int index)
    {
        for (var i = index - 1; i >= Math.Max(0, index - 2); i--)
        {
            var w = tokens[i].Text;
            if (w is "with" or "между" or "between" or "against" or "против" or "z" or "from")
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
