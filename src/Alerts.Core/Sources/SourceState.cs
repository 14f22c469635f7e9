namespace Alerts.Core.Sources;

/// <summary>What is remembered about one source between polls: validators, schedule and health.</summary>
public sealed record SourceState
{
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    /// <summary>Earliest time of the next poll: interval, Retry-After or failure backoff.</summary>
    public DateTimeOffset? NextPollAfter { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    public int? LastHttpStatus { get; init; }
    public int ItemsSeen { get; init; }
    public long PollCount { get; init; }

    public SourceValidators Validators => new(ETag, LastModified);
}
