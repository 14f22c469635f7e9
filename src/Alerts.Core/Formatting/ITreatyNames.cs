namespace Alerts.Core.Formatting;

/// <summary>
/// Localized treaty names and the catalogue facts a post uses. The treaty catalogue (config/treaties.json)
/// implements it; until a name is known in a language the formatter uses the name the change carries.
/// </summary>
public interface ITreatyNames
{
    /// <summary>The treaty's name, short name and post facts in <paramref name="language"/> (<c>en</c>, <c>ru</c>), or null when unknown.</summary>
    TreatyName? Find(string treatyId, string language);
}

/// <param name="Name">Full or customary name in the nominative, e.g. "European Convention for the Prevention of Torture".</param>
/// <param name="ShortName">Abbreviation, e.g. "CPT"; null when there is none.</param>
public sealed record TreatyName(string Name, string? ShortName = null)
{
    /// <summary>The hashtag readers of this language follow (catalogue <c>tags</c>), e.g. "ДВЗЯИ"; null when the catalogue has none.</summary>
    public string? Tag { get; init; }

    /// <summary>Catalogue system: <c>coe</c>, <c>un</c>, <c>bilateral</c>, <c>multilateral</c>.</summary>
    public string? System { get; init; }

    /// <summary>The parties of a bilateral treaty (ISO alpha-2).</summary>
    public IReadOnlyList<string> Parties { get; init; } = [];

    /// <summary>The date the treaty was signed (bilateral) or opened for signature (Council of Europe).</summary>
    public DateOnly? Signed { get; init; }

    /// <summary>When a denunciation or withdrawal takes effect, as the catalogue's <c>denunciationEffect</c> words it; null when unknown.</summary>
    public string? DenunciationEffect { get; init; }

    /// <summary>Place and date of adoption as the UN index writes it: "New York, 10 September 1996".</summary>
    public string? PlaceAndDate { get; init; }
}
