using System.Globalization;
using System.Security.Cryptography;
using Alerts.Core.Detection;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Publishing;

/// <summary>A feed request as the HTTP function reads it: the path after <c>feeds/</c>, the query and the conditional headers.</summary>
public sealed record FeedRequest(string Method, string Path, Uri? Url = null, string? Language = null, string? Limit = null, string? IfNoneMatch = null, string? IfModifiedSince = null);

/// <summary>What to answer: status, headers and body (empty for 304, HEAD and errors without text).</summary>
public sealed record FeedResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// The public feeds over HTTP, without the HTTP stack: <c>events.atom|json</c>, <c>state/&lt;XX&gt;.atom|json</c>,
/// <c>treaty/&lt;id&gt;.atom|json</c> (<c>:</c> as <c>-</c>, e.g. <c>coe-126</c>), with <c>?language=en|ru</c> and
/// <c>?limit=N</c> (at most <see cref="FeedOptions.MaxEntries"/>). The body is what <c>alerts feed</c> writes
/// (<see cref="EventFeedWriter"/>) plus the self link; a strong ETag is a hash of the body and Last-Modified the newest
/// entry's update, so <c>If-None-Match</c> and <c>If-Modified-Since</c> give 304 (RFC 9110: If-None-Match wins when both
/// are sent). An unknown state or treaty is a 404 with a short plain-text reason.
/// </summary>
public sealed class FeedEndpoint(PublicEvents events, TreatyCatalog catalog, ITreatyNames names, IOptions<FeedOptions> options)
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";
    private const int MaxPathLength = 200;

    private readonly Lazy<Dictionary<string, string>> _treatyIds = new(() => catalog.Entries
        .GroupBy(e => EventFeedWriter.FileSafe(e.Id), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase));

    public async Task<FeedResponse> HandleAsync(FeedRequest request, CancellationToken cancellationToken = default)
    {
        var head = string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);
        if (!head && !string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return Plain(405, "Feeds are read with GET or HEAD.", ("Allow", "GET, HEAD"));
        }
        var language = string.IsNullOrEmpty(request.Language) ? "en" : request.Language.ToLowerInvariant();
        if (language is not ("en" or "ru"))
        {
            return Plain(400, "language must be en or ru.");
        }
        var max = options.Value.MaxEntries;
        var limit = max;
        if (!string.IsNullOrEmpty(request.Limit))
        {
            if (!int.TryParse(request.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return Plain(400, $"limit must be a whole number from 1 to {max}.");
            }
            limit = Math.Min(limit, max);
        }
        if (!TryParsePath(request.Path, out var scope, out var key, out var format))
        {
            return Plain(404, "No such feed. Feeds are events.atom, events.json, state/<XX>.atom|json (e.g. state/RU.json) and treaty/<id>.atom|json (e.g. treaty/coe-126.atom).");
        }

        var all = await events.ListAsync(cancellationToken);
        EventFeed feed;
        switch (scope)
        {
            case "state":
                var state = key.ToUpperInvariant();
                if (!StateNames.IsKnown(state))
                {
                    return Plain(404, $"Unknown state '{Shorten(key)}'. States are two-letter codes such as RU.");
                }
                feed = EventFeedWriter.ForState(state, all, language);
                break;
            case "treaty":
                if (FindTreaty(key, all) is not { } treaty)
                {
                    return Plain(404, $"Unknown treaty '{Shorten(key)}'. Treaties are catalogue ids with '-' for ':', such as coe-126.");
                }
                feed = EventFeedWriter.ForTreaty(treaty, all, language, names);
                break;
            default:
                feed = EventFeedWriter.All(all, language);
                break;
        }
        feed = feed with { Events = feed.Events.Take(limit).ToList() };

        using var body = new MemoryStream();
        if (format == "atom")
        {
            EventFeedWriter.WriteAtom(body, feed, language, names, request.Url);
        }
        else
        {
            EventFeedWriter.WriteJson(body, feed, language, names, request.Url);
        }
        var bytes = body.ToArray();
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = format == "atom" ? AtomContentType : JsonFeedContentType,
            ["ETag"] = etag,
            ["Cache-Control"] = $"public, max-age={options.Value.MaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}",
            ["Vary"] = "Accept-Encoding",
            ["X-Content-Type-Options"] = "nosniff",
            // Public data: a web page on any site may read the feed (no credentials are ever involved).
            ["Access-Control-Allow-Origin"] = "*",
            ["Access-Control-Expose-Headers"] = "ETag, Last-Modified",
        };
        var lastModified = EventFeedWriter.LastModified(feed) is { } newest ? TruncateToSeconds(newest) : (DateTimeOffset?)null;
        if (lastModified is { } modified)
        {
            headers["Last-Modified"] = modified.ToString("r", CultureInfo.InvariantCulture);
        }
        if (NotModified(request, etag, lastModified))
        {
            headers.Remove("Content-Type");
            return new FeedResponse(304, headers, []);
        }
        return new FeedResponse(200, headers, head ? [] : bytes);
    }

    /// <summary><c>events.atom</c>, <c>state/RU.json</c>, <c>treaty/coe-126.atom</c> into scope (<c>events</c>, <c>state</c>, <c>treaty</c>), key and format.</summary>
    public static bool TryParsePath(string? path, out string scope, out string key, out string format)
    {
        scope = key = format = "";
        if (string.IsNullOrEmpty(path) || path.Length > MaxPathLength)
        {
            return false;
        }
        var dot = path.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }
        format = path[(dot + 1)..].ToLowerInvariant();
        if (format is not ("atom" or "json"))
        {
            return false;
        }
        var stem = path[..dot];
        if (stem == "events")
        {
            scope = "events";
            return true;
        }
        var slash = stem.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == stem.Length - 1 || stem.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }
        scope = stem[..slash];
        key = stem[(slash + 1)..];
        return scope is "state" or "treaty";
    }

    /// <summary>A treaty by its file-safe id (<c>coe-126</c>) or its id (<c>coe:126</c>): the catalogue's, or one a public event names.</summary>
    public TreatyRef? FindTreaty(string key, IReadOnlyList<Events.EventHead> all)
    {
        var fromEvents = all.Select(e => e.Treaty).FirstOrDefault(t => t.Id != TreatyRef.UnknownId
            && (string.Equals(t.Id, key, StringComparison.OrdinalIgnoreCase) || string.Equals(EventFeedWriter.FileSafe(t.Id), key, StringComparison.OrdinalIgnoreCase)));
        if (fromEvents is not null)
        {
            return fromEvents;
        }
        var id = catalog.Find(key)?.Id ?? _treatyIds.Value.GetValueOrDefault(key);
        return id is null ? null : new TreatyRef(id, names.Find(id, "en")?.Name ?? id);
    }

    private static bool NotModified(FeedRequest request, string etag, DateTimeOffset? lastModified)
    {
        if (!string.IsNullOrWhiteSpace(request.IfNoneMatch))
        {
            // Weak comparison, as RFC 9110 asks for If-None-Match.
            return request.IfNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || Opaque(t) == Opaque(etag));
        }
        return lastModified is { } modified
            && !string.IsNullOrWhiteSpace(request.IfModifiedSince)
            && DateTimeOffset.TryParseExact(request.IfModifiedSince.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified <= since;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
        => new DateTimeOffset(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static FeedResponse Plain(int status, string text, params (string Name, string Value)[] extra)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "text/plain; charset=utf-8",
            ["Cache-Control"] = "no-store",
            ["X-Content-Type-Options"] = "nosniff",
        };
        foreach (var (name, value) in extra)
        {
            headers[name] = value;
        }
        return new FeedResponse(status, headers, System.Text.Encoding.UTF8.GetBytes(text + "\n"));
    }
}
