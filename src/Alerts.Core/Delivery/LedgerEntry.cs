using System.Text.Json.Serialization;

namespace Alerts.Core.Delivery;

/// <summary>The ledger's record of one (event, revision, channel) delivery.</summary>
public sealed record LedgerEntry
{
    public LedgerState State { get; init; }
    public string ChatId { get; init; } = "";
    /// <summary>Messages posted for this delivery so far (parts of a new post, or the update reply).</summary>
    public IReadOnlyList<long> MessageIds { get; init; } = [];
    /// <summary>Messages edited for this delivery (the earlier post).</summary>
    public IReadOnlyList<long> EditedIds { get; init; } = [];
    /// <summary>The edit of the earlier post is done (whether or not Telegram accepted every part).</summary>
    public bool Edited { get; init; }
    public int Attempt { get; init; }
    /// <summary>Failed attempts (5xx, connection refused, unknown edit); waits for limits do not count.</summary>
    public int Failures { get; init; }
    /// <summary>Resends made after an unknown outcome.</summary>
    public int UnknownResends { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Note { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LedgerState>))]
public enum LedgerState
{
    /// <summary>Nothing in flight; free to claim (a retry after a definite refusal, with any progress kept).</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    /// <summary>Claimed before a send: if this is still here later, the send's outcome is unknown.</summary>
    [JsonStringEnumMemberName("sending")] Sending,
    /// <summary>Done: never post it again.</summary>
    [JsonStringEnumMemberName("sent")] Sent,
    /// <summary>A send may or may not have been posted.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>Given up (channel gone, refused); kept so a redelivery does not try again.</summary>
    [JsonStringEnumMemberName("dropped")] Dropped,
}
