using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, serving registered payloads per path with a
/// strong ETag and Last-Modified, answering 304 to matching conditional requests and counting requests.
/// Paths can be switched to a status (429 with Retry-After, 500...), a redirect or a delay.
/// </summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    private static readonly DateTimeOffset s_epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _notModified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _lastHeaders = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _bytesSent;
    private int _version;

    private LoopbackFeedServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Body bytes sent so far (200 responses).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public int TotalRequests => _counts.Values.Sum();

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The absolute URL of a path on this server.</summary>
    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; <paramref name="chunked"/> omits Content-Length.</summary>
    public void Serve(string path, byte[] body, string contentType = "application/rss+xml; charset=utf-8", bool chunked = false)
        => _routes[Normalise(path)] = Payload(body, contentType, chunked);

    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8")
        => Serve(path, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Changes the payload of a served path (new ETag and a later Last-Modified), keeping its content type.</summary>
    public void Replace(string path, byte[] body)
    {
        var key = Normalise(path);
        var contentType = _routes.TryGetValue(key, out var old) && old.ContentType is not null ? old.ContentType : "application/rss+xml; charset=utf-8";
        _routes[key] = Payload(body, contentType, old?.Chunked ?? false);
    }

    /// <summary>Answers <paramref name="status"/> (with Retry-After when given) until served again.</summary>
    public void Fail(string path, int status, string? retryAfter = null, string body = "")
        => _routes[Normalise(path)] = new Route { Status = status, RetryAfter = retryAfter, Body = Encoding.UTF8.GetBytes(body), ContentType = "text/html; charset=utf-8" };

    /// <summary>Answers a redirect to <paramref name="location"/> (absolute or relative).</summary>
    public void Redirect(string path, string location, int status = 302)
        => _routes[Normalise(path)] = new Route { Status = status, Location = location };

    /// <summary>Waits this long before answering (the payload stays as it is).</summary>
    public void Delay(string path, TimeSpan delay)
    {
        var key = Normalise(path);
        _routes[key] = (_routes.TryGetValue(key, out var route) ? route : new Route { Status = 404 }) with { Delay = delay };
    }

    /// <summary>How many requests to <paramref name="path"/> were answered 304 Not Modified.</summary>
    public int NotModifiedCount(string path) => _notModified.TryGetValue(Normalise(path), out var count) ? count : 0;

    public int RequestCount(string path) => _counts.TryGetValue(Normalise(path), out var count) ? count : 0;

    /// <summary>Request headers of the last request to the path (names lowercased).</summary>
    public IReadOnlyDictionary<string, string> LastRequestHeaders(string path)
        => _lastHeaders.TryGetValue(Normalise(path), out var headers) ? headers : new Dictionary<string, string>();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Route Payload(byte[] body, string contentType, bool chunked)
    {
        var version = Interlocked.Increment(ref _version);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
        return new Route
        {
            Status = 200, Body = body, ContentType = contentType, Chunked = chunked, ETag = etag,
            // A stable, later time for every new payload; no wall clock involved.
            LastModified = s_epoch.AddMinutes(version),
        };
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Normalise(context.Request.Path.Value ?? "/");
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        _lastHeaders[path] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        if (!_routes.TryGetValue(path, out var route))
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (route.Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var response = context.Response;
        if (route.Location is not null)
        {
            response.StatusCode = route.Status;
            response.Headers.Location = route.Location;
            return;
        }
        if (route.Status != 200)
        {
            response.StatusCode = route.Status;
            if (route.RetryAfter is not null) response.Headers.RetryAfter = route.RetryAfter;
            if (route.ContentType is not null) response.ContentType = route.ContentType;
            await response.Body.WriteAsync(route.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        response.Headers.ETag = route.ETag;
        response.Headers.LastModified = route.LastModified.ToString("R", CultureInfo.InvariantCulture);
        if (NotModified(context.Request, route))
        {
            _notModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            response.StatusCode = 304;
            return;
        }
        response.StatusCode = 200;
        response.ContentType = route.ContentType;
        if (!route.Chunked)
        {
            response.ContentLength = route.Body.Length;
        }
        try
        {
            await response.Body.WriteAsync(route.Body, context.RequestAborted).ConfigureAwait(false);
            Interlocked.Add(ref _bytesSent, route.Body.Length);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading (size cap, timeout): expected in tests.
        }
    }

    private static bool NotModified(HttpRequest request, Route route)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == route.ETag);
        }
        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return ifModifiedSince.Length > 0
            && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && route.LastModified <= since;
    }

    private static string Normalise(string path) => "/" + path.TrimStart('/');

    private sealed record Route
    {
        public int Status { get; init; } = 200;
        public byte[] Body { get; init; } = [];
        public string? ContentType { get; init; }
        public bool Chunked { get; init; }
        public string? ETag { get; init; }
        public DateTimeOffset LastModified { get; init; }
        public string? RetryAfter { get; init; }
        public string? Location { get; init; }
        public TimeSpan? Delay { get; init; }
    }
}
