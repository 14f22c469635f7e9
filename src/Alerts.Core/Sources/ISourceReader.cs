namespace Alerts.Core.Sources;

/// <summary>
/// Fetches and parses one source: conditional GET with the validators kept from the last poll,
/// then the parser its <see cref="SourceDefinition.Kind"/> names. Never throws for what the remote
/// side does (HTTP errors, bad documents, refused addresses): that is a <see cref="SourceReadStatus.Failed"/> result.
/// </summary>
public interface ISourceReader
{
    Task<SourceReadResult> ReadAsync(SourceDefinition source, SourceValidators validators, CancellationToken cancellationToken = default);
}

/// <summary>HTTP validators kept per source between polls.</summary>
public sealed record SourceValidators(string? ETag, string? LastModified)
{
    public static SourceValidators None { get; } = new(null, null);
}

public enum SourceReadStatus
{
    /// <summary>A document came back and was parsed; <see cref="SourceReadResult.Items"/> holds its items.</summary>
    Fetched,
    /// <summary>304 Not Modified: nothing to do.</summary>
    NotModified,
    /// <summary>The fetch or the parse failed; <see cref="SourceReadResult.Error"/> says why. What was seen before stays as it was.</summary>
    Failed,
}

public sealed record SourceReadResult(
    SourceReadStatus Status,
    IReadOnlyList<Feeds.FeedItem> Items,
    SourceValidators Validators,
    int? HttpStatus = null,
    string? Error = null,
    TimeSpan? RetryAfter = null,
    IReadOnlyList<string>? Warnings = null,
    long Bytes = 0,
    string? FeedTitle = null)
{
    public static SourceReadResult NotModified(SourceValidators validators, int httpStatus = 304)
        => new(SourceReadStatus.NotModified, [], validators, httpStatus);

    public static SourceReadResult Failure(SourceValidators validators, string error, int? httpStatus = null, TimeSpan? retryAfter = null)
        => new(SourceReadStatus.Failed, [], validators, httpStatus, error, retryAfter);
}
