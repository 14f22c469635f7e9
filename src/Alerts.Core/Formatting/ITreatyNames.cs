namespace Alerts.Core.Formatting;

/// <summary>
/// Localized treaty names. The treaty catalogue (config/treaties.json) implements it; until a name is known
/// in a language the formatter uses the name the change carries.
/// </summary>
public interface ITreatyNames
{
    /// <summary>The treaty's name and short name in <paramref name="language"/> (<c>en</c>, <c>ru</c>), or null when unknown.</summary>
    TreatyName? Find(string treatyId, string language);
}

/// <param name="Name">Full or customary name, e.g. "European Convention for the Prevention of Torture".</param>
/// <param name="ShortName">Abbreviation used as a hashtag, e.g. "CPT"; null when there is none.</param>
public sealed record TreatyName(string Name, string? ShortName = null);
