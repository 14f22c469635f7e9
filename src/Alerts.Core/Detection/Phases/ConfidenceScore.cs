namespace Alerts.Core.Detection.Phases;

/// <summary>What a candidate's confidence is made of; the phases set these, <see cref="ConfidenceScore"/> turns them into a number.</summary>
/// <param name="CatalogueTreaty">The action word found a catalogue treaty (not a bare treaty word).</param>
/// <param name="ExplicitState">A state was found for it in the text (not inferred).</param>
/// <param name="FromTitle">The headline says it.</param>
/// <param name="OrganisationName">An organisation's name stands for its treaty ("joins NATO").</param>
/// <param name="Approval">An approval read as a ratification.</param>
/// <param name="SummaryOnly">Only the summary says it; the headline has no event.</param>
/// <param name="NamedElsewhere">A bare treaty word took the catalogue treaty the item names elsewhere.</param>
internal readonly record struct ConfidenceFactors(
    bool CatalogueTreaty, bool ExplicitState, bool FromTitle, bool OrganisationName, bool Approval,
    bool SummaryOnly = false, bool NamedElsewhere = false);

/// <summary>
/// Score: the one place the confidence formula lives. 0.55 to start; +0.2 for a catalogue treaty or −0.15 for a
/// bare treaty word (unnamed agreements are less certain); +0.1 for an explicit state; +0.1 when the headline says it;
/// −0.05 for an organisation's name standing for its treaty and for an approval read as a ratification; −0.1 when only
/// the summary says it; +0.1 when the item names elsewhere the treaty a bare word stands for. Clamped to [0.05, 0.99],
/// two decimals.
/// </summary>
internal static class ConfidenceScore
{
    public static double Of(ConfidenceFactors factors)
    {
        var score = 0.55 + (factors.CatalogueTreaty ? 0.2 : -0.15) + (factors.ExplicitState ? 0.1 : 0) + (factors.FromTitle ? 0.1 : 0)
            - (factors.OrganisationName ? 0.05 : 0) - (factors.Approval ? 0.05 : 0);
        score += factors.SummaryOnly ? -0.1 : 0;
        score += factors.NamedElsewhere ? 0.1 : 0;
        return Math.Round(Math.Clamp(score, 0.05, 0.99), 2);
    }
}
