using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach treaty: the treaty an action word is about, tried in this order — another state's accession approved by this
/// one (<see cref="AccessionOfAnother"/>); a catalogue name close after the action word (an organisation founded by
/// treaty only for join, leave, suspend); a bare treaty word after it (<see cref="BareTreatyWord"/>); a catalogue name
/// just before it; a bare treaty word just before it. Then whether the action is a step on that treaty at all.
/// </summary>
internal sealed class TreatyAttacher(TreatyCatalog catalog)
{
    /// <summary>How many tokens after the action word a treaty name may start.</summary>
    public const int WindowAfter = 8;
    /// <summary>How many tokens before the action word a treaty name may end.</summary>
    public const int WindowBefore = 3;

    private readonly AccessionOfAnother _accession = new(catalog);

    /// <summary>The treaty an action word is about, or null: most action words have no treaty near them.</summary>
    public TreatyHit? Find(TextSegment segment, ActionHit hit, int sentenceStart, int sentenceEnd, ItemContext item)
    {
        var sentenceFirst = segment.TokenAt(sentenceStart);
        var sentenceLast = segment.TokenAt(sentenceEnd) - 1;

        // Accession of another state approved or ratified by this one: "Turkey ratifies Finland's NATO membership".
        if (hit.Kind is ActionKind.Ratification or ActionKind.Approval or ActionKind.AccessionNoun)
        {
            var accession = _accession.Find(segment, hit, item);
            if (accession is not null)
            {
                return accession;
            }
            if (hit.Kind == ActionKind.AccessionNoun)
            {
                return AccessionOfAnother.ApplicationToJoin(segment, hit);
            }
        }

        var (after, before) = NamedInReach(segment, hit, sentenceFirst, sentenceLast);
        // A catalogue name in reach beats a bare treaty word: «соглашения с США об утилизации плутония».
        if (after is not null)
        {
            return InstrumentOf(segment, hit, after) ?? new TreatyHit(after, after.Start, after.End, false, false, null);
        }
        var wordAfter = BareTreatyWord.After(segment, hit, sentenceLast);
        if (wordAfter is not null)
        {
            return wordAfter;
        }
        if (before is not null)
        {
            return new TreatyHit(before, before.Start, before.End, false, false, null);
        }
        return BareTreatyWord.Before(segment, hit, sentenceFirst);
    }

    /// <summary>
    /// "Optional Protocol to the Vienna Convention …", «Протокол к Конвенции …»: an instrument of the named treaty, not the
    /// treaty. The catalogue entry whose name begins with the words written (the instrument's full name), when exactly one
    /// does; otherwise an unknown treaty under the name as written — never the parent treaty.
    /// </summary>
    private TreatyHit? InstrumentOf(TextSegment segment, ActionHit hit, TreatyMention named)
    {
        var tokens = segment.Tokens;
        var i = named.Start - 1;
        var joined = false;
        while (i >= hit.TokenEnd && tokens[i].Text is "the" or "to" or "of" or "к" or "ко")
        {
            joined |= tokens[i].Text is not "the";
            i--;
        }
        if (!joined || i < hit.TokenEnd || !DetectionWords.IsInstrumentWord(tokens[i].Text))
        {
            return null;
        }
        var written = new TreatyHit(null, i, named.End, true, false, null);
        var start = i;
        while (start > hit.TokenEnd && !tokens[start - 1].IsStop && !SegmentChecks.IsActionToken(tokens[start - 1].Text) && i - start < 3
               && tokens[start - 1].Text is not ("its" or "a" or "the" or "new"))
        {
            start--; // "Optional", "Additional", "Second Optional"
        }
        var stems = new List<string>();
        for (var k = start; k < named.End; k++)
        {
            if (!tokens[k].IsStop)
            {
                stems.Add(tokens[k].Stem);
            }
        }
        return catalog.OnlyEntryNamedFrom(stems) is { } entry
            ? new TreatyHit(new TreatyMention(entry, start, named.End, false), start, named.End, false, false, null)
            : written;
    }

    /// <summary>The first catalogue name within reach after the action word and the last one just before it, in its sentence.</summary>
    private static (TreatyMention? After, TreatyMention? Before) NamedInReach(TextSegment segment, ActionHit hit, int sentenceFirst, int sentenceLast)
    {
        TreatyMention? after = null, before = null;
        foreach (var mention in segment.Mentions)
        {
            if (mention.Start < sentenceFirst || mention.Start > sentenceLast)
            {
                continue;
            }
            if (mention.IsOrganisation && hit.Kind is not (ActionKind.Accession or ActionKind.Withdrawal or ActionKind.Suspension))
            {
                continue;
            }
            if (mention.Start >= hit.TokenStart + 1 && mention.Start - hit.TokenEnd <= WindowAfter && after is null)
            {
                after = mention;
            }
            if (mention.End <= hit.TokenStart && hit.TokenStart - mention.End <= WindowBefore && !mention.IsOrganisation)
            {
                before = mention;
            }
        }
        return (after, before);
    }

    /// <summary>
    /// Whether the action is a step on the treaty found, not on something near it. Renouncing counts only for the treaty
    /// itself («отказ от ДОВСЕ», «отказе от участия в договоре»), not for something done under it («отказ от передачи
    /// информации по ДСНВ», «отказался от проведения учений ОДКБ»). Extending or returning to a deal keeps an arrangement
    /// going; extending a treaty's term or returning to a treaty or an organisation is a step on it.
    /// </summary>
    public static bool IsStepOnTheTreaty(List<Token> tokens, ActionHit hit, TreatyHit treaty, string words, string treatyText)
    {
        if (words.StartsWith("отказ", StringComparison.Ordinal) && !RenouncesTheTreaty(tokens, hit.TokenEnd, treaty.Start))
        {
            return false;
        }
        var deal = treatyText.Contains("deal", StringComparison.OrdinalIgnoreCase) || treatyText.Contains("сделк", StringComparison.OrdinalIgnoreCase);
        return !(deal && (hit.Kind == ActionKind.Extension || DetectionWords.IsReturn(words)));
    }

    /// <summary>Only participation words or adjectives between «отказ от» and the treaty: «от участия в договоре», «от ядерного договора».</summary>
    private static bool RenouncesTheTreaty(List<Token> tokens, int from, int treatyStart)
    {
        for (var i = from; i < treatyStart; i++)
        {
            var word = tokens[i].Text;
            var adjective = word.EndsWith("ого", StringComparison.Ordinal) || word.EndsWith("ой", StringComparison.Ordinal) || word.EndsWith("ых", StringComparison.Ordinal);
            if (!(adjective || word is "в" or "во" || word.StartsWith("участи", StringComparison.Ordinal) || word.StartsWith("членств", StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }
}
