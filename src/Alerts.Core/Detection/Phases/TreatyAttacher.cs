using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach treaty: the treaty an action word is about — a catalogue name close after it (or just before), an
/// organisation founded by treaty (join, leave, suspend), another state's accession approved by this one, or a bare
/// treaty word, accepted only in an interstate setting (see <see cref="AcceptGeneric"/>).
/// </summary>
internal sealed class TreatyAttacher
{
    private const int WindowAfter = 8;
    private const int WindowBefore = 3;

    private readonly TreatyCatalog _catalog;
    private readonly HashSet<string> _accessionParents;

    public TreatyAttacher(TreatyCatalog catalog)
    {
        _catalog = catalog;
        _accessionParents = catalog.Entries.Where(e => e.AccessionOf is not null && e.ParentId is not null)
            .Select(e => e.ParentId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The treaty an action word is about: a catalogue name close after it (or just before), else a treaty word.</summary>
    public TreatyHit? Find(TextSegment seg, ActionHit a, int ss, int se, ItemContext item)
    {
        var tokens = seg.Tokens;
        var sentenceFirst = seg.TokenAt(ss);
        var sentenceLast = seg.TokenAt(se) - 1;

        // Accession of another state approved or ratified by this one: "Turkey ratifies Finland's NATO membership".
        if (a.Kind is ActionKind.Ratification or ActionKind.Approval or ActionKind.AccessionNoun)
        {
            var nato = AccessionOfAnother(seg, a, sentenceFirst, sentenceLast, item);
            if (nato is not null)
            {
                return nato;
            }
            if (a.Kind == ActionKind.AccessionNoun)
            {
                return ApplicationToJoin(seg, a, item);
            }
        }

        TreatyMention? after = null, before = null;
        foreach (var m in seg.Mentions)
        {
            if (m.Start < sentenceFirst || m.Start > sentenceLast)
            {
                continue;
            }
            if (m.IsOrganisation && a.Kind is not (ActionKind.Accession or ActionKind.Withdrawal or ActionKind.Suspension))
            {
                continue;
            }
            if (m.Start >= a.TokenStart + 1 && m.Start - a.TokenEnd <= WindowAfter && after is null)
            {
                after = m;
            }
            if (m.End <= a.TokenStart && a.TokenStart - m.End <= WindowBefore && !m.IsOrganisation)
            {
                before = m;
            }
        }
        var generic = GenericAfter(seg, a, sentenceLast);
        // A catalogue name in reach beats a bare treaty word: «соглашения с США об утилизации плутония».
        if (after is not null)
        {
            return new TreatyHit(after, after.Start, after.End, false, false, null);
        }
        if (generic is not null)
        {
            return generic;
        }
        if (before is not null)
        {
            return new TreatyHit(before, before.Start, before.End, false, false, null);
        }
        return GenericBefore(seg, a, sentenceFirst);
    }

    private static TreatyHit? GenericAfter(TextSegment seg, ActionHit a, int sentenceLast)
    {
        if (a.Kind == ActionKind.AccessionNoun)
        {
            return null;
        }
        var tokens = seg.Tokens;
        var limit = Math.Min(sentenceLast, a.TokenEnd + WindowAfter);
        for (var i = a.TokenEnd; i <= limit && i < tokens.Count; i++)
        {
            if (DetectionWords.IsTreatyWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, NameEnd(seg, i), true, false, null);
            }
            if (i <= a.TokenEnd + 2 && a.Kind is ActionKind.Accession or ActionKind.Withdrawal && DetectionWords.IsOrganisationWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, i + 1, true, false, null);
            }
        }
        return null;
    }

    private static TreatyHit? GenericBefore(TextSegment seg, ActionHit a, int sentenceFirst)
    {
        var tokens = seg.Tokens;
        for (var i = a.TokenStart - 1; i >= Math.Max(sentenceFirst, a.TokenStart - WindowBefore); i--)
        {
            if (tokens[i].Text is "it" or "they" or "he" or "she" or "we" or "which" or "that" or "who")
            {
                return null; // "the treaty it signed with Britain": a relative clause about the past
            }
            if (DetectionWords.IsTreatyWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, i + 1, true, false, null);
            }
        }
        return null;
    }

    /// <summary>How far a treaty word's name runs: Russian names follow the noun («Договора между ... о сотрудничестве»), English ones "of/on ...".</summary>
    private static int NameEnd(TextSegment seg, int nounIndex)
    {
        var tokens = seg.Tokens;
        var (_, clauseEnd) = seg.ClauseAround(tokens[nounIndex].Start);
        var end = nounIndex + 1;
        var cyrillic = tokens[nounIndex].Text[0] >= '\u0400';
        var max = cyrillic ? 16 : 0;
        if (!cyrillic && end < tokens.Count && tokens[end].Text is "on" or "of" or "between" && tokens[end].Start < clauseEnd)
        {
            max = 8;
        }
        while (end < tokens.Count && end - nounIndex <= max && tokens[end].Start < clauseEnd)
        {
            end++;
        }
        return end;
    }

    /// <summary>"Turkey approves Finland's NATO membership", «Парламент Турции одобрил вступление Финляндии в НАТО».</summary>
    private TreatyHit? AccessionOfAnother(TextSegment seg, ActionHit a, int sentenceFirst, int sentenceLast, ItemContext item)
    {
        var org = item.Segments.SelectMany(s => s.Mentions).FirstOrDefault(m => m.IsOrganisation && _accessionParents.Contains(m.Entry.Id));
        if (org is null)
        {
            return null;
        }
        var tokens = seg.Tokens;
        var (cs, ce) = seg.ClauseAround(a.CharStart);
        var (ss, se) = seg.SentenceAround(a.CharStart);
        // The candidate: a state attached to an accession word after the action ("Finland's entrance", «вступление Финляндии»).
        StateMention? candidate = null;
        foreach (var s in seg.States)
        {
            if (s.Start < a.TokenStart - 1 || tokens[s.Start].Start >= se || s.IsActor)
            {
                continue;
            }
            var next = NextContent(tokens, s.End, org);
            var prev = PrevContent(tokens, s.Start);
            var nextAccession = next >= 0 && DetectionWords.IsAccessionWord(tokens[next].Text);
            var prevAccession = prev >= 0 && prev >= a.TokenStart && DetectionWords.IsAccessionWord(tokens[prev].Text);
            if ((nextAccession || prevAccession) && (s.Start >= a.TokenEnd || a.Kind == ActionKind.AccessionNoun))
            {
                candidate = s;
                break;
            }
        }
        if (candidate is null)
        {
            return null;
        }
        if (a.Kind == ActionKind.AccessionNoun)
        {
            // The accession noun itself needs a ratifying or approving verb before it in the clause.
            var verb = seg.Actions.Any(x => x.Kind is ActionKind.Ratification or ActionKind.Approval && x.CharStart < a.CharStart && x.CharStart >= cs);
            if (!verb)
            {
                return null;
            }
        }
        var protocol = _catalog.Entries.FirstOrDefault(e => e.AccessionOf == candidate.Value.Code && e.ParentId == org.Entry.Id);
        var mention = protocol is not null ? new TreatyMention(protocol, candidate.Value.Start, candidate.Value.End, false) : null;
        return new TreatyHit(mention, candidate.Value.Start, candidate.Value.End, protocol is null, true, candidate.Value.Code);
    }

    /// <summary>«подадут заявку на вступление в НАТО», "submit applications to join NATO": an announced accession.</summary>
    private static TreatyHit? ApplicationToJoin(TextSegment seg, ActionHit a, ItemContext item)
    {
        var tokens = seg.Tokens;
        var prev = PrevContent(tokens, a.TokenStart);
        if (prev < 0 || !(tokens[prev].Text.StartsWith("заявк", StringComparison.Ordinal) || tokens[prev].Text.StartsWith("application", StringComparison.Ordinal)))
        {
            return null;
        }
        var verb = PrevContent(tokens, prev);
        if (verb < 0 || !(tokens[verb].Text.StartsWith("пода", StringComparison.Ordinal) || tokens[verb].Text.StartsWith("submit", StringComparison.Ordinal)
            || tokens[verb].Text.StartsWith("file", StringComparison.Ordinal) || tokens[verb].Text.StartsWith("hand", StringComparison.Ordinal)))
        {
            return null;
        }
        var org = seg.Mentions.FirstOrDefault(m => m.IsOrganisation && m.Start >= a.TokenEnd && m.Start <= a.TokenEnd + 2);
        return org is null ? null : new TreatyHit(org, org.Start, org.End, false, false, null);
    }

    private static int NextContent(List<Token> tokens, int from, TreatyMention org)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].IsStop || tokens[i].Stem == org.Entry.Id || tokens[i].Text is "nato" or "нато" or "ue")
            {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static int PrevContent(List<Token> tokens, int from)
    {
        for (var i = from - 1; i >= 0; i--)
        {
            if (!tokens[i].IsStop)
            {
                return i;
            }
        }
        return -1;
    }

    public static bool AcceptGeneric(TextSegment seg, ActionHit a, TreatyHit t, int ss, int se, TreatyAction action)
    {
        var tokens = seg.Tokens;
        var noun = tokens[t.Start].Text;
        var sentence = seg.Text.AsSpan(ss, se - ss);
        if (seg.Checks.Matches(DetectionPatterns.Business(), ss, se) || (DetectionWords.IsLooseWord(noun) && seg.Checks.Matches(DetectionPatterns.Business(), 0, seg.Text.Length)))
        {
            return false;
        }
        if (noun.StartsWith("convention", StringComparison.Ordinal)
            && DetectionPatterns.MeetingConvention().IsMatch(seg.Text.AsSpan(ss, tokens[t.Start].Start - ss)))
        {
            return false;
        }
        if (DetectionWords.IsLooseWord(noun) && (action == TreatyAction.Signature || !DetectionWords.IsAgreementWord(noun)))
        {
            // A deal or an agreement signed is a treaty when states sign it with each other ("Britain and Japan sign trade deal",
            // "Israel signs deals with Gulf states", «подписал соглашение с Бахрейном и ОАЭ»); otherwise too often an MoU or a contract.
            // Suspended, quit or ratified with an interstate qualifier it is a treaty.
            if (action == TreatyAction.Signature)
            {
                return StateAttacher.Signatories(seg, a, ss, se).Count >= 2 && !DetectionPatterns.NotAnInstrument().IsMatch(sentence);
            }
            var from = tokens[Math.Max(0, t.Start - 4)].Start;
            var to = tokens[Math.Min(tokens.Count - 1, t.Start + 4)].End;
            if (!DetectionPatterns.InterstateQualifier().IsMatch(seg.Text.AsSpan(from, to - from)) && StateAttacher.Signatories(seg, a, ss, se).Count(p => p != "+") < 2)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether the action is a step on the treaty found, not on something near it. Renouncing counts only for the treaty
    /// itself («отказ от ДОВСЕ», «отказе от участия в договоре»), not for something done under it («отказ от передачи
    /// информации по ДСНВ», «отказался от проведения учений ОДКБ»). Extending or returning to a deal keeps an arrangement
    /// going; extending a treaty's term or returning to a treaty or an organisation is a step on it.
    /// </summary>
    public static bool IsStepOnTheTreaty(List<Token> tokens, ActionHit a, TreatyHit t, string words, string treatyText)
    {
        if (words.StartsWith("отказ", StringComparison.Ordinal) && !RenouncesTheTreaty(tokens, a.TokenEnd, t.Start))
        {
            return false;
        }
        var deal = treatyText.Contains("deal", StringComparison.OrdinalIgnoreCase) || treatyText.Contains("сделк", StringComparison.OrdinalIgnoreCase);
        return !(deal && (a.Kind == ActionKind.Extension || DetectionWords.IsReturn(words)));
    }

    /// <summary>Only participation words or adjectives between «отказ от» and the treaty: «от участия в договоре», «от ядерного договора».</summary>
    private static bool RenouncesTheTreaty(List<Token> tokens, int from, int treatyStart)
    {
        for (var i = from; i < treatyStart; i++)
        {
            var w = tokens[i].Text;
            var adjective = w.EndsWith("ого", StringComparison.Ordinal) || w.EndsWith("ой", StringComparison.Ordinal) || w.EndsWith("ых", StringComparison.Ordinal);
            if (!(adjective || w is "в" or "во" || w.StartsWith("участи", StringComparison.Ordinal) || w.StartsWith("членств", StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    public static string NameAsWritten(TextSegment seg, TreatyHit t)
    {
        var tokens = seg.Tokens;
        var start = t.Start;
        // English: keep up to three words before the noun ("nuclear arms control treaty").
        if (tokens[t.Start].Text[0] < '\u0400')
        {
            var k = 0;
            while (start > 0 && k < 3 && !tokens[start - 1].IsStop && !SegmentChecks.IsActionToken(tokens[start - 1].Text)
                   && !char.IsDigit(tokens[start - 1].Text[0]) && tokens[start - 1].Text is not ("its" or "a" or "the" or "last" or "key" or "landmark" or "remaining" or "historic" or "new" or "major" or "first"))
            {
                start--;
                k++;
            }
        }
        var end = Math.Max(t.End, t.Start + 1);
        return seg.Cased[tokens[start].Start..tokens[end - 1].End];
    }
}
