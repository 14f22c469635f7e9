using System.Globalization;
using System.Text.Json;
using Alerts.Core.Detection;
using Alerts.Core.Formatting;

namespace Alerts.Hosting;

/// <summary>Treaty names and post facts (tags, signature date, place of adoption), in the channel's language, from the treaty catalogue.</summary>
public sealed class CatalogTreatyNames : ITreatyNames
{
    private readonly TreatyCatalog _catalog;
    private readonly Dictionary<string, PostFacts> _facts;

    private sealed record PostFacts(DateOnly? Signed, string? PlaceAndDate, string? TagEn, string? TagRu);

    /// <param name="catalogJson">The text of config/treaties.json, for the fields only posts use; null for names only.</param>
    public CatalogTreatyNames(TreatyCatalog catalog, string? catalogJson = null)
    {
        _catalog = catalog;
        _facts = catalogJson is null ? new(StringComparer.OrdinalIgnoreCase) : ReadFacts(catalogJson);
    }

    public TreatyName? Find(string treatyId, string language)
    {
        var entry = _catalog.Find(treatyId);
        if (entry is null)
        {
            return null;
        }
        var russian = string.Equals(language, "ru", StringComparison.OrdinalIgnoreCase);
        // Many UN titles have no Russian name in the catalogue: a Russian alias is a name too; else none,
        // and the post names the treaty generically rather than in English.
        var name = !russian ? entry.NameEn
            : entry.NameRu.Length > 0 ? entry.NameRu
            : entry.AliasesRu.FirstOrDefault(a => a.Length > 12) ?? "";
        var shorts = russian && entry.ShortNamesRu.Count > 0 ? entry.ShortNamesRu : entry.ShortNamesEn;
        var facts = _facts.GetValueOrDefault(entry.Id);
        return new TreatyName(CleanSeriesMarker(name), shorts.Count > 0 ? shorts[0] : null)
        {
            Tag = russian ? facts?.TagRu : facts?.TagEn,
            System = entry.System,
            Parties = entry.Parties,
            Signed = facts?.Signed,
            PlaceAndDate = facts?.PlaceAndDate,
            DenunciationEffect = entry.DenunciationEffect,
        };
    }

    private static Dictionary<string, PostFacts> ReadFacts(string json)
    {
        var facts = new Dictionary<string, PostFacts>(StringComparer.OrdinalIgnoreCase);
        using var doc = JsonDocument.Parse(json);
        foreach (var t in doc.RootElement.GetProperty("treaties").EnumerateArray())
        {
            var id = t.GetProperty("id").GetString();
            if (id is null)
            {
                continue;
            }
            DateOnly? signed = Text(t, "signed") is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            string? tagEn = null, tagRu = null;
            if (t.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
            {
                tagEn = Text(tags, "en");
                tagRu = Text(tags, "ru");
            }
            facts[id] = new PostFacts(signed, Text(t, "placeAndDate"), tagEn, tagRu);
        }
        return facts;
    }

    private static string? Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>Catalogue titles end with "(ETS No. 126)" / "(СЕД № 126)"; the formatter shows the id itself.</summary>
    private static string CleanSeriesMarker(string name)
    {
        var cut = name.IndexOf(" (ETS No.", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (CETS No.", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СЕД №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СEД №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СДСЕ №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СДСE №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (group)", StringComparison.Ordinal); // a catalogue marker, not part of the name
        return cut > 0 ? name[..cut] : name;
    }
}
