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
