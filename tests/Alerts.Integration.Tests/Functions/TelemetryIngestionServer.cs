using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// Application Insights' ingestion endpoint (<c>POST /v2.1/track</c>, newline-delimited JSON
/// envelopes, gzip) on 127.0.0.1, so a test can read what the worker's exporter really sent.
/// </summary>
public sealed class TelemetryIngestionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _items = new();

    private TelemetryIngestionServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>A connection string naming this server for ingestion and live metrics.</summary>
    public string ConnectionString =>
        $"InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint={BaseUrl};LiveEndpoint={BaseUrl}";

    public IReadOnlyList<JsonElement> Items => _items.ToList();

    /// <summary>The names of the metrics received (customMetrics' <c>name</c>).</summary>
    public IReadOnlySet<string> MetricNames => Items
        .Where(i => BaseType(i) == "MetricData")
        .SelectMany(i => i.GetProperty("data").GetProperty("baseData").GetProperty("metrics").EnumerateArray())
        .Select(m => m.GetProperty("name").GetString()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The names of the spans received as dependencies (the worker's invocation spans among them).</summary>
    public IReadOnlySet<string> DependencyNames => Items
        .Where(i => BaseType(i) == "RemoteDependencyData")
        .Select(i => i.GetProperty("data").GetProperty("baseData").GetProperty("name").GetString()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Log records received (traces), as their custom dimensions.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> LogDimensions => Items
        .Where(i => BaseType(i) == "MessageData")
        .Select(i => (IReadOnlyDictionary<string, string>)(i.GetProperty("data").GetProperty("baseData").TryGetProperty("properties", out var p)
            ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>()))
        .ToList();

    public static async Task<TelemetryIngestionServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new TelemetryIngestionServer(app);
        app.MapPost("/v2.1/track", server.TrackAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return server;
    }

    private async Task<IResult> TrackAsync(HttpRequest request)
    {
        Stream body = request.Body;
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(request.Body, CompressionMode.Decompress);
        }
        using var reader = new StreamReader(body);
        var received = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                _items.Enqueue(document.RootElement.Clone());
                received++;
            }
        }
        return Results.Json(new { itemsReceived = received, itemsAccepted = received, errors = Array.Empty<object>() });
    }

    private static string? BaseType(JsonElement item)
        => item.TryGetProperty("data", out var data) && data.TryGetProperty("baseType", out var type) ? type.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
