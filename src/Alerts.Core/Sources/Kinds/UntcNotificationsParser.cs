using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core.Feeds;
using AngleSharp.Dom;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Reads the UN Treaty Collection's list of latest depositary notifications (treaties.un.org/Pages/CNs.aspx): one
/// item per table row that carries a notification reference (<c>C.N.260.2026.TREATIES-XXVII.17</c>), titled by the
/// row's subject and treaty cells, linked to the English PDF.
/// </summary>
/// <remarks>
/// Rows are recognised by their content (a reference and a date), not by the ASP.NET control ids, which change
/// with the page's templates. A page with no reference at all is an error or a new layout, and is refused.
/// </remarks>
public sealed partial class UntcNotificationsParser : ISourceKind
{
    public const string KindName = "untc-notifications";

    /// <summary>Public URL of the latest notifications page.</summary>
    public const string LatestUrl = "https://treaties.un.org/Pages/CNs.aspx?cnTab=tab1";

    public string Kind => KindName;

    /// <summary>The notifications list is an HTML page (the UN Treaty Collection has no public JSON API for it).</summary>
    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings)
        => SourceRequest.Get(configuredUri, SourceRequest.HtmlAccept);

    /// <summary>Where the UN files a notification's English PDF, by its number and year.</summary>
    public static string PdfUrl(int number, int year)
        => string.Create(CultureInfo.InvariantCulture, $"https://treaties.un.org/doc/Publication/CN/{year}/CN.{number}.{year}-Eng.pdf");

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        using var document = KindHtml.Parse(content, contentType, Kind);
        var items = new List<FeedItem>();
        var warnings = new List<string>();
        var references = new HashSet<string>(StringComparer.Ordinal);
        var rows = document.QuerySelectorAll("tr");
        foreach (var row in rows)
        {
            var cells = row.Children.Where(c => c.LocalName is "td" or "th").ToList();
            if (cells.Count == 0 || cells.Any(c => c.QuerySelector("tr") is not null))
            {
                continue; // a layout row wrapping a nested table: its inner rows are visited on their own
            }
            var texts = cells.Select(KindHtml.Text).ToList();
            var referenceIndex = texts.FindIndex(t => Reference().IsMatch(t));
            if (referenceIndex < 0)
            {
                continue;
            }
            var match = Reference().Match(texts[referenceIndex]);
            var reference = match.Value;
            if (!references.Add(reference))
            {
                continue;
            }
            KindDocuments.CheckItemCount(references.Count, Kind);

            DateTimeOffset? published = null;
            var subject = new List<string>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (i == referenceIndex)
                {
                    // A reference cell may carry the subject after the reference, as in the notification itself.
                    var rest = KindDocuments.CleanText(texts[i].Replace(reference, "", StringComparison.Ordinal).Trim(' ', '-', '—', ':', '(', ')'));
                    if (rest.Length > 0 && !IsNoise(rest))
                    {
                        subject.Add(rest);
                    }
                }
                else if (published is null && ParseDate(texts[i]) is { } date)
                {
                    published = date;
                }
                else if (texts[i].Length > 0 && !IsNoise(texts[i]))
                {
                    subject.Add(texts[i]);
                }
            }
            if (subject.Count == 0)
            {
                warnings.Add($"{Kind}: {reference} has no subject; titled by its reference");
            }
            if (published is null)
            {
                warnings.Add($"{Kind}: {reference} has no readable date");
            }
            var number = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            items.Add(new FeedItem
            {
                Id = reference,
                Link = PdfLink(row, source.Url) ?? PdfUrl(number, year),
                Title = subject.Count > 0 ? KindDocuments.CleanText(string.Join(": ", subject)) : $"Depositary notification {reference}",
                Summary = $"UN depositary notification {reference}",
                Published = published,
                Language = "en",
            });
        }
        if (references.Count == 0)
        {
            throw new FeedFormatException($"{Kind}: no depositary notification reference (C.N.<n>.<year>.TREATIES-…) in any of the page's {rows.Length} table rows: an error page, or the page layout has changed");
        }
        return new ParsedFeed(Kind, "UN Treaty Collection: depositary notifications", items, warnings) { Language = "en" };
    }

    /// <summary>The English PDF of the row, else any PDF it links to.</summary>
    private static string? PdfLink(IElement row, string pageUrl)
    {
        var links = row.QuerySelectorAll("a[href]").Select(a => KindHtml.ResolveLink(pageUrl, a.GetAttribute("href"))).OfType<string>().ToList();
        return links.FirstOrDefault(l => l.EndsWith("-Eng.pdf", StringComparison.OrdinalIgnoreCase))
            ?? links.FirstOrDefault(l => l.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Cells that only hold link labels (English, French, PDF) say nothing about the notification.</summary>
    private static bool IsNoise(string text) => LinkLabels().IsMatch(text);

    /// <summary>Dates as the UN writes them: 15/10/2026, 15 October 2026, October 15, 2026, 2026-10-15. UTC midnight keeps the day.</summary>
    private static DateTimeOffset? ParseDate(string text)
    {
        text = text.Trim();
        if (text.Length is < 8 or > 30)
        {
            return null;
        }
        string[] formats = ["dd/MM/yyyy", "d/M/yyyy", "d MMMM yyyy", "dd MMMM yyyy", "MMMM d, yyyy", "yyyy-MM-dd", "d MMM yyyy", "dd-MMM-yyyy"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(@"C\.N\.(?<n>\d{1,5})\.(?<y>\d{4})\.TREATIES-[A-Z0-9]+(?:\.[A-Za-z0-9]+)*")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?:(?:english|french|anglais|français|pdf|view|download|en|fr|depositary notification)[\s/|,]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLabels();
}
