namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Score: the one place the confidence formula lives. 0.55 to start; +0.2 for a catalogue treaty or −0.15 for a
/// bare treaty word (unnamed agreements are less certain); +0.1 for an explicit state; +0.1 when the headline says it;
/// −0.05 for an organisation's name standing for its treaty and for an approval read as a ratification; −0.1 when only
/// the summary says it; +0.1 when the item names elsewhere the treaty a bare word stands for. Clamped to [0.05, 0.99].
/// </summary>
internal static class ConfidenceScore
{
    public const double SummaryOnly = -0.1;
    public const double NamedElsewhere = 0.1;

    public static double Initial(bool catalogueTreaty, bool explicitState, bool fromTitle, bool organisationName, bool approval) =>
        0.55 + (catalogueTreaty ? 0.2 : -0.15) + (explicitState ? 0.1 : 0) + (fromTitle ? 0.1 : 0)
        - (organisationName ? 0.05 : 0) - (approval ? 0.05 : 0);

    public static double Final(double score) => Math.Round(Math.Clamp(score, 0.05, 0.99), 2);
}
