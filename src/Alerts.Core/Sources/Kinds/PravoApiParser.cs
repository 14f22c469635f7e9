using System.Text.Json;
using Alerts.Core.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Reads publication.pravo.gov.ru <c>/api/Documents</c>: one item per published act, identified by its
/// electronic publication number, dated the day of publication at midnight Moscow time.
/// </summary>
public sealed class PravoApiParser : ISourceKind
{
    public string Kind => PravoApi.Kind;

    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings)
        => SourceRequest.Get(configuredUri, SourceRequest.JsonAccept);

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        using var doc = KindDocuments.ReadJson(content, contentType, Kind);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            // The API reports bad requests as {"message": "..."} with status 200 on some paths.
            var message = KindDocuments.Str(root, "message");
            throw new FeedFormatException(message is null
                ? $"{Kind}: expected an object with an \"items\" array, got {KindDocuments.Shape(root)}"
                : $"{Kind}: the API answered with an error: {KindDocuments.Snippet(message)}");
        }
        KindDocuments.CheckItemCount(list.GetArrayLength(), Kind);

        var items = new List<FeedItem>();
        var warnings = new List<string>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            index++;
            var eoNumber = KindDocuments.Str(entry, "eoNumber");
            var title = KindDocuments.CleanText(KindDocuments.Str(entry, "complexName") ?? KindDocuments.Str(entry, "name"));
            if (string.IsNullOrWhiteSpace(eoNumber) || title.Length == 0)
            {
                warnings.Add($"{Kind}: document {index} has no eoNumber or name; skipped");
                continue;
            }
            var published = KindDocuments.DateAtMidnight(KindDocuments.Str(entry, "publishDateShort"), KindDocuments.MoscowOffset);
            if (published is null)
            {
                warnings.Add($"{Kind}: document {eoNumber} has no readable publishDateShort");
            }
            items.Add(new FeedItem
            {
                Id = eoNumber,
                Link = PravoApi.DocumentUrl(eoNumber),
                Title = title,
                Published = published,
                Language = "ru",
            });
        }
        return new ParsedFeed(Kind, "publication.pravo.gov.ru", items, warnings) { Language = "ru" };
    }
}
