using Alerts.Core.Detection;
using Alerts.Core.Formatting;

namespace Alerts.Hosting;

/// <summary>Treaty names for posts, in the channel's language, from the treaty catalogue.</summary>
public sealed class CatalogTreatyNames(TreatyCatalog catalog) : ITreatyNames
{
    public TreatyName? Find(string treatyId, string language)
    {
        var entry = catalog.Find(treatyId);
        if (entry is null)
        {
            return null;
        }
        var russian = string.Equals(language, "ru", StringComparison.OrdinalIgnoreCase);
        var name = russian && entry.NameRu.Length > 0 ? entry.NameRu : entry.NameEn;
        var shorts = russian && entry.ShortNamesRu.Count > 0 ? entry.ShortNamesRu : entry.ShortNamesEn;
        return new TreatyName(CleanSeriesMarker(name), shorts.Count > 0 ? shorts[0] : null);
    }

    /// <summary>Catalogue titles end with "(ETS No. 126)" / "(СЕД № 126)"; the formatter shows the id itself.</summary>
    private static string CleanSeriesMarker(string name)
    {
        var cut = name.IndexOf(" (ETS No.", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (CETS No.", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СЕД №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СEД №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СДСЕ №", StringComparison.Ordinal);
        if (cut < 0) cut = name.IndexOf(" (СДСE №", StringComparison.Ordinal);
        return cut > 0 ? name[..cut] : name;
    }
}
