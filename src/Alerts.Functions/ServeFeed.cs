using System.Net;
using Alerts.Core.Publishing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Alerts.Functions;

/// <summary>
/// The public feeds, anonymous GET and HEAD on <c>/api/feeds/events.atom|json</c>, <c>/api/feeds/state/&lt;XX&gt;.atom|json</c>
/// and <c>/api/feeds/treaty/&lt;id&gt;.atom|json</c> (<c>?language=en|ru</c>, <c>?limit=N</c>): the same entries as
/// <c>alerts feed</c>, with ETag, Last-Modified and Cache-Control (<see cref="FeedEndpoint"/> decides everything; this
/// class only copies the request in and the answer out).
/// </summary>
public sealed class ServeFeed(FeedEndpoint endpoint)
{
    public const string Route = "feeds/{*path}";

    [Function(nameof(ServeFeed))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Route)] HttpRequestData request,
        CancellationToken cancellationToken)
    {
        var feed = await endpoint.HandleAsync(new FeedRequest(
            request.Method,
            FeedPath(request.Url),
            request.Url,
            request.Query["language"],
            request.Query["limit"],
            Header(request, "If-None-Match"),
            Header(request, "If-Modified-Since")), cancellationToken);
        var response = request.CreateResponse((HttpStatusCode)feed.Status);
        foreach (var (name, value) in feed.Headers)
        {
            response.Headers.Add(name, value);
        }
        if (feed.Body.Length > 0)
        {
            await response.Body.WriteAsync(feed.Body, cancellationToken);
        }
        return response;
    }

    /// <summary>The part of the URL path after <c>/feeds/</c> (whatever the host's route prefix), unescaped.</summary>
    public static string FeedPath(Uri url)
    {
        var path = url.AbsolutePath;
        var at = path.IndexOf("/feeds/", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? "" : Uri.UnescapeDataString(path[(at + "/feeds/".Length)..]);
    }

    private static string? Header(HttpRequestData request, string name)
        => request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
