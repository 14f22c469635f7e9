using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Alerts.Core.Feeds;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Sources;

/// <summary>
/// Reads a source over HTTP: conditional GET, manual redirects (no https→http downgrade), a size cap and a
/// time limit. The source's kind (from <see cref="SourceKinds"/>) shapes the request and parses the body.
/// Sources that may reach private addresses use a separate client, so their pooled connections are never
/// shared with guarded sources.
/// </summary>
public sealed partial class HttpSourceReader : ISourceReader
{
    /// <summary>Named HttpClient whose handler refuses loopback, link-local and private addresses.</summary>
    public const string GuardedClientName = "Alerts.Sources";
    /// <summary>Named HttpClient for sources with <see cref="SourceDefinition.AllowPrivateNetwork"/>.</summary>
    public const string PrivateClientName = "Alerts.Sources.Private";
    /// <summary>Suffix of the two clients above configured by <see cref="LegacyTls"/>, for requests that ask for it.</summary>
    public const string LegacyTlsSuffix = ".LegacyTls";

    private readonly IHttpClientFactory _clients;
    private readonly SourceKinds _kinds;
    private readonly IConfiguration _settings;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpSourceReader> _logger;

    /// <param name="settings">Where the kinds read the credentials the sources' options name.</param>
    public HttpSourceReader(IHttpClientFactory clients, SourceKinds kinds, IConfiguration settings, IOptions<FetchOptions> options,
        TimeProvider time, ILogger<HttpSourceReader> logger)
    {
        _clients = clients;
        _kinds = kinds;
        _settings = settings;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<SourceReadResult> ReadAsync(SourceDefinition source, SourceValidators validators, CancellationToken cancellationToken = default)
    {
        if (_kinds.Find(source.Kind) is not { } kind)
        {
            return Fail(source, validators, $"no parser for source kind '{source.Kind}'");
        }
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || !IsWeb(uri))
        {
            return Fail(source, validators, "source URL must be an absolute http or https URL");
        }
        SourceRequest request;
        try
        {
            request = kind.Request(source, uri, _settings);
        }
        catch (InvalidOperationException e)
        {
            return Fail(source, validators, e.Message);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var client = _clients.CreateClient((source.AllowPrivateNetwork ? PrivateClientName : GuardedClientName) + (request.LegacyTls ? LegacyTlsSuffix : ""));
        try
        {
            return await FetchAsync(client, source, request, validators, kind, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(source, validators, $"timed out after {_options.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return Fail(source, validators, Describe(e));
        }
    }

    private async Task<SourceReadResult> FetchAsync(HttpClient client, SourceDefinition source, SourceRequest first,
        SourceValidators validators, ISourceKind kind, CancellationToken cancellationToken)
    {
        var uri = first.Uri;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgentHeader);
            if (hop == 0)
            {
                // Credentials go to the configured host only, never to where it redirects.
                foreach (var (name, value) in first.Credentials)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
            request.Headers.TryAddWithoutValidation("Accept", first.Accept);
            if (!string.IsNullOrEmpty(validators.ETag))
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", validators.ETag);
            }
            if (!string.IsNullOrEmpty(validators.LastModified))
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", validators.LastModified);
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                if (location is null)
                {
                    return Fail(source, validators, $"redirect {status} without a Location", status);
                }
                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (!IsWeb(next))
                {
                    return Fail(source, validators, $"redirect to a non-http URL refused: {next.Scheme}", status);
                }
                if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
                {
                    return Fail(source, validators, $"redirect from https to http refused ({next.Host})", status);
                }
                if (hop >= _options.MaxRedirects)
                {
                    return Fail(source, validators, $"too many redirects (more than {_options.MaxRedirects})", status);
                }
                uri = next;
                continue;
            }
            if (status == 304)
            {
                return SourceReadResult.NotModified(NewValidators(response, validators));
            }
            if (status is 429 or 503)
            {
                return Fail(source, validators, $"HTTP {status}: asked to retry later", status, RetryAfter(response));
            }
            if (status is < 200 or > 299)
            {
                return Fail(source, validators, $"HTTP {status} {response.ReasonPhrase}", status);
            }
            var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return Fail(source, validators, $"response larger than {_options.MaxBytes} bytes; cut off", status);
            }
            var contentType = response.Content.Headers.ContentType?.ToString();
            var documentUri = response.Content.Headers.ContentLocation is { } location2 && Uri.TryCreate(uri, location2, out var located) && IsWeb(located)
                ? located : uri;
            try
            {
                var feed = kind.Parse(body.AsSpan(), contentType, documentUri, source);
                LogFetched(source.Id, status, body.Length, feed.Items.Count, feed.Warnings.Count);
                return new SourceReadResult(SourceReadStatus.Fetched, feed.Items, NewValidators(response, SourceValidators.None), status,
                    Warnings: feed.Warnings, Bytes: body.Length, FeedTitle: feed.Title);
            }
            catch (FeedFormatException e)
            {
                // A 200 with an HTML error page, an empty or truncated body: a failure, never "no items".
                var failed = Fail(source, validators, e.Message, status);
                return failed with { Bytes = body.Length };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A parser defect on one source must not stop the poll of the others.
                var failed = Fail(source, validators, $"parser for kind '{source.Kind}' failed: {e.GetType().Name}: {e.Message}", status);
                return failed with { Bytes = body.Length };
            }
        }
    }

    /// <summary>The body, or null when it is longer than the cap (reading stops there).</summary>
    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = _options.MaxBytes;
        if (content.Headers.ContentLength is { } declared && declared > max)
        {
            return null;
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static SourceValidators NewValidators(HttpResponseMessage response, SourceValidators previous)
    {
        var etag = response.Headers.ETag?.ToString() ?? previous.ETag;
        var lastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture) ?? previous.LastModified;
        return new SourceValidators(etag, lastModified);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private SourceReadResult Fail(SourceDefinition source, SourceValidators validators, string error, int? status = null, TimeSpan? retryAfter = null)
    {
        LogFailed(source.Id, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", error);
        return SourceReadResult.Failure(validators, error, status, retryAfter);
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SourceAddressRefusedException refused)
            {
                return refused.Message;
            }
        }
        return e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}";
    }

    private static bool IsWeb(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} fetched: HTTP {HttpStatus}, {Bytes} bytes, {Items} items, {Warnings} warnings")]
    private partial void LogFetched(string sourceId, int httpStatus, int bytes, int items, int warnings);

    // HttpStatus is "-" when no response came (DNS, refused address, timeout), not "(null)".
    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} failed: HTTP {HttpStatus}: {Error}")]
    private partial void LogFailed(string sourceId, string httpStatus, string error);
}
