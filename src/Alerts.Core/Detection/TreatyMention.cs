namespace Alerts.Core.Detection;

/// <summary>A catalogue treaty named in a text: token range [Start, End) and whether it was an organisation's name.</summary>
internal sealed record TreatyMention(TreatyCatalogEntry Entry, int Start, int End, bool IsOrganisation);
