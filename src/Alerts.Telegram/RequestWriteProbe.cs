using System.Net;

namespace Alerts.Telegram;

/// <summary>
/// Tells the sender whether a Bot API request began to be written to the connection. The handler sits in the
/// Telegram HttpClient's pipeline and wraps the request content; SocketsHttpHandler serialises the content only
/// after the connection is open and the request line and headers are written. A call that failed before that
/// (connect refused or timed out, no connection from the pool) never reached Telegram and may be sent again.
/// </summary>
public sealed class RequestWriteProbe : DelegatingHandler
{
    private static readonly AsyncLocal<WriteObservation?> Current = new();

    public RequestWriteProbe()
    {
    }

    public RequestWriteProbe(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Starts observing the next request made in this async flow.</summary>
    public static WriteObservation Observe()
    {
        var observation = new WriteObservation();
        Current.Value = observation;
        return observation;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Current.Value is { } observation)
        {
            observation.Observed = true;
            if (request.Content is { } content)
            {
                request.Content = new ObservedContent(content, observation);
            }
            else
            {
                // Nothing to watch: count it as written as soon as it is handed on.
                observation.WriteStarted = true;
            }
        }
        return base.SendAsync(request, cancellationToken);
    }

    private sealed class ObservedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly WriteObservation _observation;

        public ObservedContent(HttpContent inner, WriteObservation observation)
        {
            _inner = inner;
            _observation = observation;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _observation.WriteStarted = true;
            return _inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            var known = _inner.Headers.ContentLength;
            length = known ?? 0;
            return known is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>What <see cref="RequestWriteProbe"/> saw of one request.</summary>
public sealed class WriteObservation
{
    /// <summary>The request went through the probe (false: the HttpClient has no probe, so nothing is known).</summary>
    public bool Observed { get; set; }

    /// <summary>The request body began to be written to an open connection.</summary>
    public bool WriteStarted { get; set; }
}
