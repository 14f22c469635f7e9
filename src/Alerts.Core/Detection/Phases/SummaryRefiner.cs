using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// The headline's events, made more precise by the summary when it says the same step more formally: "to join the ICC"
/// / "parliament ratifies the Rome Statute", "withdraw from the test ban treaty" / "the bill to revoke ratification",
/// "pulls out" / "suspends".
/// </summary>
internal static class SummaryRefiner
{
    public static List<Candidate> Refine(List<Candidate> headlineEvents, List<Candidate> summaryEvents, TextSegment summary)
    {
        var otherTreatyInSummary = summary.Mentions.Any(mention => headlineEvents.All(headline => headline.Entry?.Id != mention.Entry.Id));
        return headlineEvents.ConvertAll(headline => Refine(headline, summaryEvents, summary, otherTreatyInSummary));
    }

    private static Candidate Refine(Candidate headline, List<Candidate> summaryEvents, TextSegment summary, bool otherTreatyInSummary)
    {
        var formal = summaryEvents.FirstOrDefault(summaryEvent => Candidate.SameTreaty(summaryEvent, headline) && MorePrecise(headline.Action, summaryEvent.Action));
        if (formal is not null)
        {
            return headline.WithEvidence("summary: " + formal.ActionWords) with
            {
                Action = formal.Action,
                ActionWords = formal.ActionWords,
                ClauseBefore = formal.ClauseBefore,
            };
        }
        if (!otherTreatyInSummary && headline.Action == TreatyAction.Withdrawal)
        {
            var hit = summary.Actions.FirstOrDefault(summaryHit => summaryHit.Kind is ActionKind.Deratification);
            if (hit.CharEnd > 0)
            {
                return headline.WithEvidence("summary: " + summary.Text[hit.CharStart..hit.CharEnd]) with { Action = TreatyAction.Deratification };
            }
        }
        return headline;
    }

    public static bool MorePrecise(TreatyAction headline, TreatyAction summary) =>
        (headline == TreatyAction.Accession && summary == TreatyAction.Ratification)
        || (headline == TreatyAction.Withdrawal && summary is TreatyAction.Suspension or TreatyAction.Deratification);
}
