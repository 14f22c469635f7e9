namespace Alerts.Core.Detection;

/// <summary>One treaty of config/treaties.json.</summary>
public sealed record TreatyCatalogEntry
{
    /// <summary><c>coe:126</c>, <c>un:IV-9</c> or a stable slug such as <c>new-start</c>.</summary>
    public required string Id { get; init; }
    /// <summary><c>coe</c>, <c>un</c>, <c>bilateral</c>, <c>multilateral</c> or <c>group</c>.</summary>
    public required string System { get; init; }
    public required string NameEn { get; init; }
    public string NameRu { get; init; } = "";
    public IReadOnlyList<string> ShortNamesEn { get; init; } = [];
    public IReadOnlyList<string> ShortNamesRu { get; init; } = [];
    public IReadOnlyList<string> AliasesEn { get; init; } = [];
    public IReadOnlyList<string> AliasesRu { get; init; } = [];
    /// <summary>Names of the organisation the treaty founds (NATO, ICC, WHO): they name the treaty only with join/leave.</summary>
    public IReadOnlyList<string> OrganisationAliases { get; init; } = [];
    public IReadOnlyList<string> Parties { get; init; } = [];
    /// <summary>For an accession protocol: the acceding state (ISO alpha-2).</summary>
    public string? AccessionOf { get; init; }
    public string? ParentId { get; init; }
    /// <summary>When a denunciation or withdrawal takes effect, as the treaty says (free text), if known.</summary>
    public string? DenunciationEffect { get; init; }

    /// <summary>The name an alert shows: the short English name when there is one.</summary>
    public string DisplayName => ShortNamesEn.Count > 0 && ShortNamesEn[0].Length > 4 ? ShortNamesEn[0] : NameEn;
}
