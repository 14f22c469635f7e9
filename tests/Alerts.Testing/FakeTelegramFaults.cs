namespace Alerts.Testing;

/// <summary>A failure the fake Telegram server answers with instead of doing the call.</summary>
public abstract record FakeTelegramFault
{
    /// <summary>429 Too Many Requests with <c>parameters.retry_after</c>.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : FakeTelegramFault;

    /// <summary>A 5xx answer (Telegram's own 500/502 "Bad Gateway").</summary>
    public sealed record ServerError(int StatusCode = 502) : FakeTelegramFault;

    /// <summary>403 "Forbidden: bot was kicked from the channel chat".</summary>
    public sealed record Kicked : FakeTelegramFault;

    /// <summary>400 with <c>parameters.migrate_to_chat_id</c>: the group became a supergroup.</summary>
    public sealed record Migrated(long NewChatId) : FakeTelegramFault;

    /// <summary>400 "Bad Request: can't parse entities: ..." whatever the text.</summary>
    public sealed record BadEntities(string Detail = "Unsupported start tag \"x\" at byte offset 0") : FakeTelegramFault;

    /// <summary>
    /// Reads the request, then answers only after <paramref name="Delay"/> (longer than the client's timeout).
    /// With <paramref name="PostAnyway"/> the message is posted before the delay: Telegram did it, the client never learns.
    /// </summary>
    public sealed record Timeout(TimeSpan Delay, bool PostAnyway = false) : FakeTelegramFault;
}

/// <summary>Telegram's documented flood limits, enforced by the fake when set.</summary>
public sealed record FakeTelegramLimits
{
    public int PerChatPerSecond { get; init; } = 1;
    public int PerChatPerMinute { get; init; } = 20;
    public int GlobalPerSecond { get; init; } = 30;

    /// <summary>
    /// Slack for request arrival jitter: a send counts against a window only while it is younger than the window minus this.
    /// Telegram itself is not stricter than to the millisecond.
    /// </summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>One request the fake received, as parsed from the wire.</summary>
public sealed record FakeTelegramCall(
    string Method,
    string? ChatId,
    string? Text,
    string? ParseMode,
    long? MessageId,
    long? ReplyToMessageId,
    bool? LinkPreviewDisabled,
    int StatusCode,
    string? Description,
    DateTimeOffset At);

/// <summary>A message as subscribers of the chat see it now (after edits).</summary>
public sealed record FakeTelegramMessage(string ChatId, long MessageId, string Html, string PlainText, long? ReplyToMessageId, int EditCount);

/// <summary>What <see cref="FakeTelegramConnectionFaults"/> does with a new connection.</summary>
public enum ConnectionFault
{
    /// <summary>Relay to the fake Telegram server.</summary>
    Pass,
    /// <summary>Accept, wait for the request's first bytes without reading them, then reset: the request never reaches Telegram.</summary>
    Reset,
    /// <summary>Accept and read everything, never answer (every method, getMe too): Telegram hangs.</summary>
    Hang,
}

/// <summary>
/// Faults below HTTP, in front of a <see cref="FakeTelegramServer"/>: a TCP relay on 127.0.0.1 whose
/// <see cref="Mode"/> decides what happens to each new connection. Changing the mode closes the open
/// connections (as a server closing its keep-alive connections would), so the next request opens a new one.
/// </summary>
public sealed class FakeTelegramConnectionFaults : IAsyncDisposable
{
    private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
    private readonly System.Net.IPEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<System.Net.Sockets.TcpClient> _open = [];
    private ConnectionFault _mode;
    private int _connections;

    public FakeTelegramConnectionFaults(FakeTelegramServer telegram, ConnectionFault mode = ConnectionFault.Pass)
    {
        var uri = new Uri(telegram.BaseUrl);
        _target = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(uri.Host), uri.Port);
        _mode = mode;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    /// <summary>The base URL to give the client instead of the fake server's.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public ConnectionFault Mode
    {
        get { lock (_gate) { return _mode; } }
        set
        {
            List<System.Net.Sockets.TcpClient> open;
            lock (_gate)
            {
                _mode = value;
                open = _open.ToList();
                _open.Clear();
            }
            foreach (var client in open)
            {
                client.Dispose();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            System.Net.Sockets.TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            ConnectionFault mode;
            lock (_gate)
            {
                mode = _mode;
                _open.Add(client);
            }
            _ = HandleAsync(client, mode);
        }
    }

    private async Task HandleAsync(System.Net.Sockets.TcpClient client, ConnectionFault mode)
    {
        try
        {
            switch (mode)
            {
                case ConnectionFault.Reset:
                    // Wait until the request has arrived, without reading it (peek), then reset: the client is then
                    // always waiting for an answer when the RST comes, whatever the machine's load. A reset racing the
                    // client's own write could surface as a clean end of stream instead.
                    using (var arrived = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                    {
                        arrived.CancelAfter(TimeSpan.FromSeconds(5));
                        try
                        {
                            await client.Client.ReceiveAsync(new byte[1], System.Net.Sockets.SocketFlags.Peek, arrived.Token);
                        }
                        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                        {
                        }
                    }
                    client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
                    client.Dispose();
                    return;
                case ConnectionFault.Hang:
                    var buffer = new byte[8192];
                    var stream = client.GetStream();
                    while (await stream.ReadAsync(buffer, _stopping.Token) > 0)
                    {
                    }
                    return;
                default:
                    using (var upstream = new System.Net.Sockets.TcpClient())
                    {
                        await upstream.ConnectAsync(_target, _stopping.Token);
                        var a = client.GetStream();
                        var b = upstream.GetStream();
                        await Task.WhenAny(a.CopyToAsync(b, _stopping.Token), b.CopyToAsync(a, _stopping.Token));
                    }
                    client.Dispose();
                    return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Mode = ConnectionFault.Pass;
        _stopping.Dispose();
    }
}

/// <summary>
/// A listening socket that never accepts, its accept queue filled: a new connection attempt gets no answer to its
/// SYN and hangs until the client's connect timeout (Telegram's listener overloaded). Nothing is ever sent.
/// </summary>
public sealed class FullBacklogListener : IDisposable
{
    private readonly System.Net.Sockets.Socket _listener = new(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
    private readonly List<System.Net.Sockets.Socket> _fillers = [];

    public FullBacklogListener()
    {
        _listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        _listener.Listen(1);
        var endpoint = (System.Net.IPEndPoint)_listener.LocalEndPoint!;
        // Fill the accept queue; a filler whose handshake the kernel no longer completes is left pending.
        for (var i = 0; i < 4; i++)
        {
            var filler = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            _fillers.Add(filler);
            _ = filler.ConnectAsync(endpoint);
        }
        Thread.Sleep(200);
        BaseUrl = $"http://127.0.0.1:{endpoint.Port}";
    }

    public string BaseUrl { get; }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }
        _listener.Dispose();
    }
}
