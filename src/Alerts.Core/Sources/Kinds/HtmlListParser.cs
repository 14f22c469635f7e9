using System.Globalization;
using Alerts.Core.Feeds;
using AngleSharp.Dom;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// A listing page of a site without a feed, read with CSS selectors from the source's options:
/// <c>item</c> (required) selects each entry; inside it <c>title</c>, <c>link</c>, <c>date</c> and <c>summary</c>
/// select the parts (<c>title</c> defaults to the entry's text, <c>link</c> to its first <c>a[href]</c>).
/// <c>dateFormat</c> gives .NET exact formats separated by <c>|</c> (month names in the source's language),
/// <c>utcOffset</c> the zone of dates without one (default <c>+00:00</c>); a <c>datetime</c> attribute wins over text.
/// </summary>
/// <remarks>
/// A site that changes its layout must not look like a quiet site: an item selector that matches nothing is a
/// <see cref="FeedFormatException"/> (the poll fails and the source's health says why), and a part selector that
/// matches nothing in some entries is a warning naming the selector.
/// </remarks>
public sealed class HtmlListParser : ISourceKind
{
    public const string KindName = "html-list";
    public const string ItemOption = "item";
    public const string TitleOption = "title";
    public const string LinkOption = "link";
    public const string DateOption = "date";
    public const string SummaryOption = "summary";
    public const string DateFormatOption = "dateFormat";
    public const string UtcOffsetOption = "utcOffset";

    public string Kind => KindName;

    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings)
        => SourceRequest.Get(configuredUri, SourceRequest.HtmlAccept);

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        var itemSelector = Option(source, ItemOption)
            ?? throw new FeedFormatException($"{Kind}: source '{source.Id}' has no '{ItemOption}' option (the CSS selector of one entry)");
        var offset = Offset(source);
        var culture = Culture(source.Language);
        var formats = Option(source, DateFormatOption)?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        using var document = KindHtml.Parse(content, contentType, Kind);
        var entries = KindHtml.Select(document, itemSelector, ItemOption, Kind);
        if (entries.Length == 0)
        {
            throw new FeedFormatException($"{Kind}: item selector '{itemSelector}' matched nothing on the page (title: \"{KindDocuments.Snippet(document.Title ?? "")}\"): the site's layout has probably changed");
        }
        KindDocuments.CheckItemCount(entries.Length, Kind);

        var parts = new[] { TitleOption, LinkOption, DateOption, SummaryOption }
            .Select(name => (Name: name, Selector: Option(source, name)))
            .Where(p => p.Selector is not null)
            .ToDictionary(p => p.Name, p => new Part(p.Selector!), StringComparer.Ordinal);

        var items = new List<FeedItem>();
        var warnings = new List<string>();
        var untitled = 0;
        var undated = 0;
        foreach (var entry in entries)
        {
            var title = parts.TryGetValue(TitleOption, out var titlePart) ? KindHtml.Text(titlePart.First(entry, Kind)) : KindHtml.Text(entry);
            if (title.Length == 0)
            {
                untitled++;
                continue;
            }
            var link = LinkOf(entry, parts.GetValueOrDefault(LinkOption), source.Url);
            var published = DateOf(entry, parts.GetValueOrDefault(DateOption), formats, culture, offset);
            if (parts.ContainsKey(DateOption) && published is null)
            {
                undated++;
            }
            items.Add(new FeedItem
            {
                Id = link ?? "",
                Link = link ?? "",
                Title = title,
                Summary = parts.TryGetValue(SummaryOption, out var summaryPart) ? KindHtml.Text(summaryPart.First(entry, Kind)) : "",
                Published = published,
                Language = source.Language,
            });
        }

        foreach (var (name, part) in parts)
        {
            if (part.Missed > 0)
            {
                var scope = part.Missed == entries.Length ? "any" : $"{part.Missed} of the";
                warnings.Add($"{Kind}: {name} selector '{part.Selector}' matched nothing in {scope} {entries.Length} entries: the site's layout may have changed");
            }
        }
        if (untitled > 0)
        {
            warnings.Add($"{Kind}: {untitled} of {entries.Length} entries have no title text; skipped");
        }
        if (undated > 0)
        {
            warnings.Add($"{Kind}: {undated} of {entries.Length} entries have a date that could not be read" + (formats.Length > 0 ? $" with format '{string.Join("|", formats)}'" : ""));
        }
        return new ParsedFeed(Kind, KindDocuments.CleanText(document.Title), items, warnings) { Language = source.Language };
    }

    /// <summary>A configured part selector, counting the entries it finds nothing in.</summary>
    private sealed class Part(string selector)
    {
        public string Selector { get; } = selector;
        public int Missed { get; private set; }

        public IElement? First(IElement entry, string kind)
        {
            var found = KindHtml.Select(entry, Selector, "selector", kind);
            if (found.Length == 0)
            {
                Missed++;
                return null;
            }
            return found[0];
        }
    }

    private static string? LinkOf(IElement entry, Part? part, string pageUrl)
    {
        IElement? anchor;
        if (part is not null)
        {
            anchor = part.First(entry, KindName);
            if (anchor is not null && !anchor.HasAttribute("href"))
            {
                anchor = anchor.QuerySelector("a[href]") ?? anchor.Closest("a[href]");
            }
        }
        else
        {
            anchor = entry.HasAttribute("href") ? entry : entry.QuerySelector("a[href]");
        }
        return KindHtml.ResolveLink(pageUrl, anchor?.GetAttribute("href"));
    }

    private static DateTimeOffset? DateOf(IElement entry, Part? part, string[] formats, CultureInfo culture, TimeSpan offset)
    {
        if (part?.First(entry, KindName) is not { } element)
        {
            return null;
        }
        var attribute = element.GetAttribute("datetime") ?? element.QuerySelector("[datetime]")?.GetAttribute("datetime");
        if (attribute is not null && ParseMachineDate(attribute, offset) is { } machine)
        {
            return machine;
        }
        var text = KindHtml.Text(element);
        if (formats.Length > 0)
        {
            return DateTime.TryParseExact(text, formats, culture, DateTimeStyles.AllowWhiteSpaces, out var exact)
                ? new DateTimeOffset(DateTime.SpecifyKind(exact, DateTimeKind.Unspecified), offset)
                : null;
        }
        return ParseMachineDate(text, offset)
            ?? (DateTime.TryParse(text, culture, DateTimeStyles.AllowWhiteSpaces, out var loose)
                ? new DateTimeOffset(DateTime.SpecifyKind(loose, DateTimeKind.Unspecified), offset)
                : null);
    }

    /// <summary>ISO 8601: with an offset it is an instant; a bare date or local time is taken in the source's zone.</summary>
    private static DateTimeOffset? ParseMachineDate(string text, TimeSpan offset)
    {
        text = text.Trim();
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
        }
        if (!text.Contains('T', StringComparison.Ordinal))
        {
            return null;
        }
        if (HasZone(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;
        }
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset)
            : null;
    }

    /// <summary>Ends in <c>Z</c> or a <c>+hh:mm</c> / <c>-hhmm</c> offset after the time.</summary>
    private static bool HasZone(string text)
    {
        var time = text.IndexOf('T', StringComparison.Ordinal);
        return text.EndsWith('Z') || text.EndsWith('z') || text.AsSpan(time).IndexOfAny('+', '-') > 0;
    }

    private static string? Option(SourceDefinition source, string name)
        => source.Options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static TimeSpan Offset(SourceDefinition source)
    {
        var text = Option(source, UtcOffsetOption);
        if (text is null)
        {
            return TimeSpan.Zero;
        }
        var sign = text.StartsWith('-') ? -1 : 1;
        if (TimeSpan.TryParseExact(text.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var value) && value <= TimeSpan.FromHours(14))
        {
            return sign * value;
        }
        throw new FeedFormatException($"html-list: source '{source.Id}' option '{UtcOffsetOption}' must look like +03:00, got '{text}'");
    }

    private static CultureInfo Culture(string? language)
    {
        try
        {
            return string.IsNullOrWhiteSpace(language) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
