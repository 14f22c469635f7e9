using System.Text.Json;

namespace Alerts.Core.Feeds;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    public static FeedDocument Read(ReadOnlyMemory<byte> utf8, Uri? baseUri, List<string> warnings)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(utf8, s_options);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"not a feed: the JSON document is malformed or truncated ({e.Message})", e);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FeedFormatException("not a feed: the JSON document is not an object");
            }
            var version = String(root, "version");
            if (version is null || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedFormatException("not a feed: the JSON document has no JSON Feed \"version\"");
            }
            var document = new FeedDocument
            {
                Version = version.TrimEnd('/').EndsWith("/1", StringComparison.Ordinal) ? "json1" : "json11",
                Encoding = "utf-8",
            };
            document.Warnings.AddRange(warnings);
            var title = String(root, "title");
            document.Title = title is null ? null : new FeedText(title, FeedText.Plain);
            var description = String(root, "description");
            document.Subtitle = description is null ? null : new FeedText(description, FeedText.Plain);
            document.Link = Absolute(String(root, "home_page_url"), baseUri);
            if (document.Link is not null) document.Links.Add(document.Link);
            document.Language = String(root, "language");
            var feedBase = Uri.TryCreate(document.Link, UriKind.Absolute, out var home) ? home : baseUri;
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new FeedFormatException("not a feed: the JSON Feed has no \"items\" array");
            }
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    document.Warnings.Add("a JSON Feed item is not an object; skipped");
                    continue;
                }
                var entry = new FeedEntry
                {
                    Id = item.TryGetProperty("id", out var id) ? id.ValueKind switch
                    {
                        JsonValueKind.String => id.GetString(),
                        JsonValueKind.Number => id.GetRawText(),
                        _ => null,
                    } : null,
                    Link = Absolute(String(item, "url") ?? String(item, "external_url"), feedBase),
                    Published = FeedDates.Parse(String(item, "date_published")),
                    Updated = FeedDates.Parse(String(item, "date_modified")),
                    Language = String(item, "language") ?? document.Language,
                };
                var itemTitle = String(item, "title");
                entry.Title = itemTitle is null ? null : new FeedText(itemTitle, FeedText.Plain);
                var summary = String(item, "summary");
                entry.Summary = summary is null ? null : new FeedText(summary, FeedText.Plain);
                var html = String(item, "content_html");
                if (html is not null) entry.Contents.Add(new FeedText(html, FeedText.Html));
                var text = String(item, "content_text");
                if (text is not null) entry.Contents.Add(new FeedText(text, FeedText.Plain));
                if (entry.Link is not null) entry.Links.Add(entry.Link);
                document.Entries.Add(entry);
            }
            return document;
        }
    }

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Absolute(string? url, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var trimmed = url.Trim();
        if (baseUri is null || trimmed.Contains("://", StringComparison.Ordinal))
        {
            return trimmed;
        }
        return Uri.TryCreate(baseUri, trimmed, out var resolved) ? resolved.ToString() : trimmed;
    }
}
