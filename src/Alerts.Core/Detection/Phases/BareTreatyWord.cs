using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach treaty, when no catalogue name is in reach: a bare treaty word ("the treaty", "trade deal", «договор») near
/// the action word, how far its name runs, the name as written, and whether it is a treaty at all (<see cref="Accept"/>).
/// </summary>
internal static class BareTreatyWord
{
    /// <summary>A treaty word after the action word in its sentence; right after join or leave, an organisation word ("joins the alliance").</summary>
    public static TreatyHit? After(TextSegment segment, ActionHit hit, int sentenceLast)
    {
        if (hit.Kind == ActionKind.AccessionNoun)
        {
            return null;
        }
        var tokens = segment.Tokens;
        var limit = Math.Min(sentenceLast, hit.TokenEnd + TreatyAttacher.WindowAfter);
        for (var i = hit.TokenEnd; i <= limit && i < tokens.Count; i++)
        {
            if (DetectionWords.IsTreatyWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, NameEnd(segment, i), true, false, null);
            }
            if (i <= hit.TokenEnd + 2 && hit.Kind is ActionKind.Accession or ActionKind.Withdrawal && DetectionWords.IsOrganisationWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, i + 1, true, false, null);
            }
        }
        return null;
    }

    /// <summary>A treaty word just before the action word, unless a pronoun between makes it a relative clause.</summary>
    public static TreatyHit? Before(TextSegment segment, ActionHit hit, int sentenceFirst)
    {
        var tokens = segment.Tokens;
        for (var i = hit.TokenStart - 1; i >= Math.Max(sentenceFirst, hit.TokenStart - TreatyAttacher.WindowBefore); i--)
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
    private static int NameEnd(TextSegment segment, int nounIndex)
    {
        var tokens = segment.Tokens;
        var (_, clauseEnd) = segment.ClauseAround(tokens[nounIndex].Start);
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

    /// <summary>
    /// Whether a bare treaty word is a treaty here: not in a business sentence, not a meeting's "convention"; a deal or an
    /// agreement only between states.
    /// </summary>
    public static bool Accept(TextSegment segment, ActionHit hit, TreatyHit treaty, int sentenceStart, int sentenceEnd, TreatyAction action)
    {
        var tokens = segment.Tokens;
        var noun = tokens[treaty.Start].Text;
        var sentence = segment.Text.AsSpan(sentenceStart, sentenceEnd - sentenceStart);
        if (segment.Checks.Matches(DetectionPatterns.Business(), sentenceStart, sentenceEnd)
            || (DetectionWords.IsLooseWord(noun) && segment.Checks.Matches(DetectionPatterns.Business(), 0, segment.Text.Length)))
        {
            return false;
        }
        if (noun.StartsWith("convention", StringComparison.Ordinal)
            && DetectionPatterns.MeetingConvention().IsMatch(segment.Text.AsSpan(sentenceStart, tokens[treaty.Start].Start - sentenceStart)))
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
                return StateAttacher.Signatories(segment, hit, sentenceStart, sentenceEnd).Count >= 2 && !DetectionPatterns.NotAnInstrument().IsMatch(sentence);
            }
            var from = tokens[Math.Max(0, treaty.Start - 4)].Start;
            var to = tokens[Math.Min(tokens.Count - 1, treaty.Start + 4)].End;
            if (!DetectionPatterns.InterstateQualifier().IsMatch(segment.Text.AsSpan(from, to - from))
                && StateAttacher.Signatories(segment, hit, sentenceStart, sentenceEnd).Count(party => party != "+") < 2)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The treaty's name as the item writes it; in English with up to three words before the noun ("nuclear arms control treaty").</summary>
    public static string NameAsWritten(TextSegment segment, TreatyHit treaty)
    {
        var tokens = segment.Tokens;
        var start = treaty.Start;
        if (tokens[treaty.Start].Text[0] < '\u0400')
        {
            var added = 0;
            while (start > 0 && added < 3 && !tokens[start - 1].IsStop && !SegmentChecks.IsActionToken(tokens[start - 1].Text)
                   && !char.IsDigit(tokens[start - 1].Text[0])
                   && tokens[start - 1].Text is not ("its" or "a" or "the" or "last" or "key" or "landmark" or "remaining" or "historic" or "new" or "major" or "first"))
            {
                start--;
                added++;
            }
        }
        var end = Math.Max(treaty.End, treaty.Start + 1);
        return segment.Cased[tokens[start].Start..tokens[end - 1].End];
    }
}
