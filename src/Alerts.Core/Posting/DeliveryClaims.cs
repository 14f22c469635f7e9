using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Posting;

/// <summary>
/// One delivery of an event to a channel at a time, across processes and hosts: a claim document in
/// <see cref="StateTables.Channels"/> (partition = channel id, row <c>claim|&lt;event&gt;</c>) taken with optimistic
/// concurrency and held for a limited time. Revision 2 of an event waits while revision 1 is being posted,
/// then finds its message id and edits or replies instead of posting a second time. A claim outlives a crashed
/// holder only until it expires; the holder renews it before every request.
/// </summary>
public sealed class DeliveryClaims(IStateStore store, TimeProvider time)
{
    public static string Row(string eventId) => "claim|" + eventId;

    /// <summary>Takes the claim for <paramref name="duration"/>; when another holder has it, returns null and how long it still runs.</summary>
    public async Task<(DeliveryClaim? Claim, TimeSpan Wait)> TryAcquireAsync(string channelId, string eventId, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var doc = await store.GetAsync(StateTables.Channels, channelId, Row(eventId), cancellationToken);
        if (doc is not null)
        {
            var held = MessageJson.Deserialize<ClaimDocument>(doc.Json);
            if (held.ExpiresAt > now)
            {
                return (null, held.ExpiresAt - now);
            }
        }
        var holder = Guid.NewGuid().ToString("N");
        var json = MessageJson.Serialize(new ClaimDocument(holder, now + duration));
        try
        {
            var etag = await store.WriteOverAsync(StateTables.Channels, channelId, Row(eventId), doc, json, cancellationToken);
            return (new DeliveryClaim(channelId, eventId, holder, etag), TimeSpan.Zero);
        }
        catch (ConcurrencyConflictException)
        {
            return (null, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Extends a claim still held; false when it expired and someone else took it (stop: do not send).</summary>
    public async Task<bool> RenewAsync(DeliveryClaim claim, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var json = MessageJson.Serialize(new ClaimDocument(claim.Holder, time.GetUtcNow() + duration));
        try
        {
            claim.ETag = await store.ReplaceAsync(StateTables.Channels, claim.ChannelId, Row(claim.EventId), json, claim.ETag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>Ends a claim (marks it expired) unless someone else holds it by now.</summary>
    public async Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken = default)
    {
        var json = MessageJson.Serialize(new ClaimDocument(claim.Holder, DateTimeOffset.UnixEpoch));
        try
        {
            await store.ReplaceAsync(StateTables.Channels, claim.ChannelId, Row(claim.EventId), json, claim.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // It expired and another holder took it: theirs now.
        }
    }

    internal sealed record ClaimDocument(string Holder, DateTimeOffset ExpiresAt);
}

/// <summary>A held claim on delivering one event to one channel; <see cref="ETag"/> follows each renewal.</summary>
public sealed class DeliveryClaim(string channelId, string eventId, string holder, string etag)
{
    public string ChannelId { get; } = channelId;
    public string EventId { get; } = eventId;
    public string Holder { get; } = holder;
    public string ETag { get; internal set; } = etag;
}
