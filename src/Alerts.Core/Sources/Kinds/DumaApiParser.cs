using System.Text.Json;
using Alerts.Core.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Reads the State Duma API's <c>search.json</c>: one item per bill, titled by its name, summarised by its last
/// event (stage and decision) and dated by that event, so a bill moving on is an edit of the same item.
/// </summary>
public sealed class DumaApiParser : ISourceKind
{
    public string Kind => DumaApi.Kind;

    /// <summary>The token and the app token, read from the settings the source's options name, go into the address.</summary>
    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings)
    {
        var credentials = DumaApi.ResolveCredentials(source, key => settings[key]);
        return SourceRequest.Get(new Uri(DumaApi.SearchUrl(configuredUri.ToString(), credentials)), SourceRequest.JsonAccept);
    }

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        using var doc = KindDocuments.ReadJson(content, contentType, Kind);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("laws", out var laws) || laws.ValueKind != JsonValueKind.Array)
        {
            var message = KindDocuments.Str(root, "text") ?? KindDocuments.Str(root, "message") ?? KindDocuments.Str(root, "error");
            throw new FeedFormatException(message is null
                ? $"{Kind}: expected an object with a \"laws\" array, got {KindDocuments.Shape(root)}"
                : $"{Kind}: the API answered with an error: {KindDocuments.Snippet(message)}");
        }
        KindDocuments.CheckItemCount(laws.GetArrayLength(), Kind);

        var items = new List<FeedItem>();
        var warnings = new List<string>();
        var index = 0;
        foreach (var law in laws.EnumerateArray())
        {
            index++;
            var number = KindDocuments.Str(law, "number");
            var title = KindDocuments.CleanText(KindDocuments.Str(law, "name"));
            if (string.IsNullOrWhiteSpace(number) || title.Length == 0)
            {
                warnings.Add($"{Kind}: bill {index} has no number or name; skipped");
                continue;
            }
            var lastEvent = KindDocuments.Obj(law, "lastEvent");
            var url = KindDocuments.Str(law, "url");
            items.Add(new FeedItem
            {
                Id = number,
                Link = Uri.TryCreate(url, UriKind.Absolute, out _) ? url! : DumaApi.BillUrl(number),
                Title = title,
                Summary = lastEvent is { } e ? EventSummary(e) : "",
                Published = KindDocuments.DateAtMidnight(lastEvent is { } d ? KindDocuments.Str(d, "date") : null, KindDocuments.MoscowOffset)
                    ?? KindDocuments.DateAtMidnight(KindDocuments.Str(law, "introductionDate"), KindDocuments.MoscowOffset),
                Language = "ru",
            });
        }
        return new ParsedFeed(Kind, "api.duma.gov.ru", items, warnings) { Language = "ru" };
    }

    /// <summary>"Stage: decision", e.g. "Рассмотрение законопроекта в первом чтении: принять в первом чтении".</summary>
    private static string EventSummary(JsonElement lastEvent)
    {
        var stage = KindDocuments.CleanText(KindDocuments.Obj(lastEvent, "stage") is { } s ? KindDocuments.Str(s, "name") : null);
        var solution = KindDocuments.CleanText(KindDocuments.Str(lastEvent, "solution"));
        return (stage.Length, solution.Length) switch
        {
            (> 0, > 0) => $"{stage}: {solution}",
            (> 0, 0) => stage,
            _ => solution,
        };
    }
}
