using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>Which sources a post lists and whether its claim needs attribution to an outlet; links are checked and escaped here.</summary>
internal static class PostSources
{
    public const int MaxSources = 5;

    /// <summary>Official and depositary items first, then the reports that state the shown stage.</summary>
    public static List<Dictionary<string, object?>> For(TreatyChange change, string language)
        => change.Sources
            .DistinctBy(s => s.Link)
            .Where(s => s.Authority >= SourceLevel.Official || s.Reports is null || s.Reports >= change.Milestone)
            .OrderByDescending(s => s.Authority)
            .ThenBy(s => s.Published ?? DateTimeOffset.MaxValue)
            .Take(MaxSources)
            .Select(s => new Dictionary<string, object?>
            {
                ["link"] = SafeLink(s.Link),
                ["outlet"] = TelegramHtml.Escape(OutletNames.For(s, language)),
                ["host"] = TelegramHtml.Escape(Host(s.Link) ?? s.SourceId),
                ["level"] = Vocabulary.Name(s.Authority),
                ["title"] = TelegramHtml.Escape(s.Title),
            })
            .ToList();

    /// <summary>
    /// "signed into law", "notified" and "in effect" are claimed only on an official or depositary item
    /// or two independent outlets; otherwise the post names who reports it.
    /// </summary>
    public static (string Outlet, string Link)? Attribution(TreatyChange change, string language)
    {
        if (change.Milestone < TreatyMilestone.Enacted)
        {
            return null;
        }
        var stating = change.Sources.Where(s => s.Reports is null || s.Reports >= change.Milestone).ToList();
        if (stating.Any(s => s.Authority >= SourceLevel.Official) || change.Correction is null && change.Sources.Count == 0)
        {
            return null;
        }
        if (stating.Select(s => OutletNames.Outlet(s.Link)).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2)
        {
            return null;
        }
        var first = stating.OrderBy(s => s.Published ?? DateTimeOffset.MaxValue).FirstOrDefault();
        return first is null ? null : (OutletNames.For(first, language), first.Link);
    }

    public static string SafeLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? TelegramHtml.Escape(uri.AbsoluteUri)
            : "";

    private static string? Host(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : null;
}
