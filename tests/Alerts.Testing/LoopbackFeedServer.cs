using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 serving feed payloads with a strong ETag and Last-Modified,
/// answering 304 to a matching conditional GET, as a well-behaved feed host does. Counts requests
/// per path and can be told to answer a status (429 with Retry-After, 500) or change a payload.
/// </summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Payload> _payloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _notModified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, TimeSpan? RetryAfter)> _statuses = new(StringComparer.Ordinal);

    private LoopbackFeedServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (e.g. <c>/rss/news</c>).</summary>
    public void Serve(string path, byte[] content, string contentType = "application/rss+xml; charset=utf-8")
        => _payloads[path] = new Payload(content, contentType, ETagOf(content), DateTimeOffset.UtcNow.AddSeconds(-_payloads.Count - 1));

    /// <summary>Changes the payload: a new ETag and a later Last-Modified.</summary>
    public void Replace(string path, byte[] content)
    {
        var old = _payloads[path];
        _payloads[path] = new Payload(content, old.ContentType, ETagOf(content), old.LastModified.AddMinutes(1));
    }

    /// <summary>Answers <paramref name="status"/> at <paramref name="path"/> until <see cref="ClearStatus"/>.</summary>
    public void AnswerStatus(string path, int status, TimeSpan? retryAfter = null) => _statuses[path] = (status, retryAfter);

    public void ClearStatus(string path) => _statuses.TryRemove(path, out _);

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public int RequestCount(string path) => _requests.GetValueOrDefault(path);

    public int NotModifiedCount(string path) => _notModified.GetValueOrDefault(path);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_statuses.TryGetValue(path, out var forced))
        {
            context.Response.StatusCode = forced.Status;
            if (forced.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            return;
        }
        if (!_payloads.TryGetValue(path, out var payload))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.Headers.ETag = payload.ETag;
        context.Response.Headers.LastModified = payload.LastModified.ToString("R", CultureInfo.InvariantCulture);
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        var ifModifiedSince = context.Request.Headers.IfModifiedSince.ToString();
        var matches = ifNoneMatch.Length > 0
            ? ifNoneMatch.Split(',').Any(tag => tag.Trim() == payload.ETag)
            : DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
              && payload.LastModified <= since.AddSeconds(1);
        if (matches)
        {
            _notModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = payload.ContentType;
        context.Response.ContentLength = payload.Content.Length;
        await context.Response.Body.WriteAsync(payload.Content);
    }

    private static string ETagOf(byte[] content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Payload(byte[] Content, string ContentType, string ETag, DateTimeOffset LastModified);
}
