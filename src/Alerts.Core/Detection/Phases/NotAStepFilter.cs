namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Find actions, the rejections: an action word whose context says it is not a step on a treaty — the clause frames it
/// as background, threat, call, possibility, condition, negation or history; the verb leaves a country; a signature is
/// on a domestic act; the word is part of a name or the subject of a statement.
/// </summary>
internal static class NotAStepFilter
{
    /// <summary>The clause opens as background, or says threat/call/could/talks, negates, dates the step, or sets a condition.</summary>
    public static bool FramedAsNotAStep(TextSegment segment, ActionHit hit, int sentenceStart, int sentenceEnd, int clauseStart, int clauseEnd)
    {
        var clausePrefix = segment.Text.AsSpan(clauseStart, hit.CharStart - clauseStart);
        return segment.Checks.Matches(DetectionPatterns.BackgroundClause(), clauseStart, clauseEnd)
            || (!segment.IsTitle && segment.Checks.Matches(DetectionPatterns.TemporalClause(), clauseStart, clauseEnd))
            || segment.Checks.NotAStepBefore(clauseStart, hit.CharStart)
            || DetectionPatterns.NegatedBefore().IsMatch(clausePrefix)
            || DetectionPatterns.HistoricalYear().IsMatch(Near(segment.Text, hit, clauseStart, clauseEnd))
            || segment.Checks.Matches(DetectionPatterns.HistoricalSentence(), sentenceStart, sentenceEnd)
            || DetectionPatterns.ElapsedSince().IsMatch(segment.Text.AsSpan(sentenceStart, hit.CharStart - sentenceStart))
            || (clauseEnd > hit.CharEnd && segment.Checks.ConditionAfter(hit.CharEnd, clauseEnd));
    }

    /// <summary>The words around an action in its clause: a year there dates the step ("joined in 1955", «в 2019 году вышла»).</summary>
    private static ReadOnlySpan<char> Near(string text, ActionHit hit, int clauseStart, int clauseEnd)
    {
        var from = Math.Max(clauseStart, hit.CharStart - 30);
        var to = Math.Min(clauseEnd, hit.CharEnd + 30);
        return text.AsSpan(from, Math.Max(0, to - from));
    }

    /// <summary>
    /// An action word that is not a step on a treaty: part of a treaty's name ("withdrawal agreement", "accession
    /// protocol"); a gerund that is the subject of a statement ("leaving the EU will affect travel").
    /// </summary>
    public static bool NamesSomethingElse(TextSegment segment, ActionHit hit, string words, int clauseEnd)
    {
        var tokens = segment.Tokens;
        var next = hit.TokenEnd < tokens.Count ? tokens[hit.TokenEnd] : default;
        if (next.Text is not null && words is "withdrawal" or "accession" or "exit" or "membership" or "denunciation" or "termination" or "suspension"
            && DetectionWords.IsTreatyWord(next.Text))
        {
            return true;
        }
        if (words.EndsWith("ing", StringComparison.Ordinal) && DetectionPatterns.StatementAfter().IsMatch(segment.Text.AsSpan(hit.CharEnd, Math.Max(0, clauseEnd - hit.CharEnd))))
        {
            return true;
        }
        return false;
    }

    /// <summary>"troops leave Afghanistan", «покинут Афганистан»: a verb of leaving whose object is a country.</summary>
    public static bool LeavesACountry(TextSegment segment, ActionHit hit)
    {
        var tokens = segment.Tokens;
        var words = segment.Text[hit.CharStart..hit.CharEnd];
        return hit.Kind == ActionKind.Withdrawal && hit.TokenEnd < tokens.Count && !tokens[hit.TokenEnd].IsStop && DetectionWords.LeavesAPlace(words)
            && segment.States.Any(state => state.Start == hit.TokenEnd && !state.IsActor);
    }

    /// <summary>"signs a law", «подписал указ»: a signature on a domestic act or a letter within three words.</summary>
    public static bool SignsDomesticAct(TextSegment segment, ActionHit hit)
    {
        var tokens = segment.Tokens;
        for (var i = hit.TokenEnd; i < Math.Min(tokens.Count, hit.TokenEnd + 3); i++)
        {
            var word = tokens[i].Text;
            if (word is "law" or "laws" or "bill" or "decree" or "order" or "legislation" or "statement" or "petition" or "letter" or "contract" or "contracts"
                || word.StartsWith("закон", StringComparison.Ordinal) || word.StartsWith("указ", StringComparison.Ordinal)
                || word.StartsWith("постановлени", StringComparison.Ordinal) || word.StartsWith("распоряжени", StringComparison.Ordinal)
                || word.StartsWith("ustaw", StringComparison.Ordinal) || word.StartsWith("меморандум", StringComparison.Ordinal)
                || word is "memorandum" or "mou")
            {
                return true;
            }
        }
        return false;
    }
}
