using System.Text.Json.Serialization;

namespace Alerts.Core.Posting;

/// <summary>The ledger's record of one (event, revision, channel) delivery.</summary>
public sealed record LedgerEntry
{
    public LedgerState State { get; init; }
    public string ChatId { get; set; } = "";
    /// <summary>Messages posted for this delivery so far (parts of a new post, or the update reply).</summary>
    public IReadOnlyList<long> MessageIds { get; set; } = [];
    /// <summary>Messages edited for this delivery (the earlier post).</summary>
    public IReadOnlyList<long> EditedIds { get; set; } = [];
    /// <summary>The edit of the earlier post is done (whether or not Telegram accepted every part).</summary>
    public bool Edited { get; init; }
    /// <summary>While <see cref="LedgerState.Sending"/>: the request being written is an edit (repeating it is harmless).</summary>
    public bool InFlightEdit { get; init; }
    public int Attempt { get; init; }
    /// <summary>Failed attempts (5xx, Telegram unreachable, unknown edit); waits for limits do not count.</summary>
    public int Failures { get; init; }
    /// <summary>Resends made after an unknown outcome.</summary>
    public int UnknownResends { get; init; }
    /// <summary>An operator looked at this dropped or held delivery and let it go (<c>alerts deliveries drop</c>).</summary>
    public bool Acknowledged { get; init; }
    /// <summary>When the delivery was first seen (the ordering wait for earlier revisions counts from here).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Note { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LedgerState>))]
public enum LedgerState
{
    /// <summary>Nothing in flight; free to send under the event-channel claim (progress, if any, is kept).</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    /// <summary>A request is being written to Telegram now: if this is still here after its claim expired, the send's outcome is unknown.</summary>
    [JsonStringEnumMemberName("sending")] Sending,
    /// <summary>Done: never post it again.</summary>
    [JsonStringEnumMemberName("sent")] Sent,
    /// <summary>Held: a request left and no answer came; it may or may not be posted. Listed for the operator, releasable.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>Given up (channel gone or disabled, refused); listed for the operator, releasable.</summary>
    [JsonStringEnumMemberName("dropped")] Dropped,
    /// <summary>A newer revision was shown first; nothing to send, nothing lost.</summary>
    [JsonStringEnumMemberName("superseded")] Superseded,
}

/// <summary>What happened to a ledger entry; <see cref="LedgerTransitions"/> says which state it leads to.</summary>
public enum LedgerTrigger
{
    /// <summary>The delivery is seen for the first time.</summary>
    Queue,
    /// <summary>A rate slot is granted and the request is about to be written.</summary>
    Write,
    /// <summary>Telegram answered (sent, refused for now, or asked to wait); progress is recorded.</summary>
    Answer,
    /// <summary>The request never reached Telegram (connection refused or timed out, request not written).</summary>
    NotSent,
    /// <summary>The request left and no answer came.</summary>
    Lost,
    /// <summary>A step of an update is done (the edit of the earlier post); nothing is in flight.</summary>
    Progress,
    /// <summary>Every part is out and the post is recorded.</summary>
    Complete,
    /// <summary>Will never go out (channel gone or disabled, refused).</summary>
    Drop,
    /// <summary>A newer revision is shown already.</summary>
    Supersede,
    /// <summary>The post record shows this revision: a crash came after everything went out.</summary>
    Reconcile,
    /// <summary>An operator sends a held or dropped delivery again (<c>alerts deliveries release</c>).</summary>
    Release,
    /// <summary>An operator lets a held or dropped delivery go (<c>alerts deliveries drop</c>).</summary>
    Acknowledge,
}

/// <summary>The ledger's state machine: every allowed (state, trigger) pair and the state it leads to.</summary>
public static class LedgerTransitions
{
    private static readonly Dictionary<(LedgerState? From, LedgerTrigger Trigger), LedgerState> Table = new()
    {
        [(null, LedgerTrigger.Queue)] = LedgerState.Pending,
        [(null, LedgerTrigger.Drop)] = LedgerState.Dropped,

        [(LedgerState.Pending, LedgerTrigger.Write)] = LedgerState.Sending,
        [(LedgerState.Pending, LedgerTrigger.Progress)] = LedgerState.Pending,
        [(LedgerState.Pending, LedgerTrigger.Complete)] = LedgerState.Sent,
        [(LedgerState.Pending, LedgerTrigger.Reconcile)] = LedgerState.Sent,
        [(LedgerState.Pending, LedgerTrigger.Drop)] = LedgerState.Dropped,
        [(LedgerState.Pending, LedgerTrigger.Supersede)] = LedgerState.Superseded,

        [(LedgerState.Sending, LedgerTrigger.Answer)] = LedgerState.Pending,
        [(LedgerState.Sending, LedgerTrigger.NotSent)] = LedgerState.Pending,
        [(LedgerState.Sending, LedgerTrigger.Lost)] = LedgerState.Unknown,
        [(LedgerState.Sending, LedgerTrigger.Drop)] = LedgerState.Dropped,
        [(LedgerState.Sending, LedgerTrigger.Reconcile)] = LedgerState.Sent,

        [(LedgerState.Unknown, LedgerTrigger.Write)] = LedgerState.Sending,
        [(LedgerState.Unknown, LedgerTrigger.Reconcile)] = LedgerState.Sent,
        [(LedgerState.Unknown, LedgerTrigger.Release)] = LedgerState.Pending,
        [(LedgerState.Unknown, LedgerTrigger.Acknowledge)] = LedgerState.Dropped,

        [(LedgerState.Dropped, LedgerTrigger.Release)] = LedgerState.Pending,
        [(LedgerState.Dropped, LedgerTrigger.Acknowledge)] = LedgerState.Dropped,
    };

    /// <summary>The state <paramref name="trigger"/> leads to from <paramref name="from"/> (null: no entry yet).</summary>
    /// <exception cref="InvalidOperationException">the transition is not allowed.</exception>
    public static LedgerState Next(LedgerState? from, LedgerTrigger trigger) =>
        Table.TryGetValue((from, trigger), out var to)
            ? to
            : throw new InvalidOperationException($"Ledger entry in state '{from?.ToString() ?? "none"}' cannot take '{trigger}'.");

    public static bool Allows(LedgerState? from, LedgerTrigger trigger) => Table.ContainsKey((from, trigger));

    /// <summary>True for entries the operator must look at: held (unknown) or dropped and not yet acknowledged.</summary>
    public static bool NeedsAttention(LedgerEntry entry) =>
        entry.State is LedgerState.Unknown || (entry.State is LedgerState.Dropped && !entry.Acknowledged);
}
