using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Posting;

/// <summary>
/// Per (event, revision, channel) in <see cref="StateTables.Ledger"/>: partition = event id, row =
/// <c>&lt;channel&gt;|r000001</c>. Every change goes through <see cref="LedgerTransitions"/>: an entry is
/// <c>sending</c> only while a request is being written and answered, so after a crash a <c>sending</c> entry is a
/// send whose outcome is really unknown, and everything else is safe to send again.
/// </summary>
public sealed class DeliveryLedger(IStateStore store, TimeProvider time)
{
    public static string RowKey(string channelId, int revision) =>
        channelId + "|r" + revision.ToString("D6", CultureInfo.InvariantCulture);

    public async Task<LedgerRecord?> GetAsync(string eventId, int revision, string channelId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Ledger, eventId, RowKey(channelId, revision), cancellationToken);
        return doc is null ? null : new LedgerRecord(eventId, revision, channelId, MessageJson.Deserialize<LedgerEntry>(doc.Json), doc.ETag);
    }

    /// <summary>
    /// Creates the entry in the state <paramref name="trigger"/> leads to from nothing (<see cref="LedgerTrigger.Queue"/>
    /// or <see cref="LedgerTrigger.Drop"/>); when it exists already, returns the stored one.
    /// </summary>
    public async Task<LedgerRecord> CreateAsync(string eventId, int revision, string channelId, LedgerTrigger trigger, LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        entry = entry with { State = LedgerTransitions.Next(null, trigger), CreatedAt = now, UpdatedAt = now };
        try
        {
            var etag = await store.InsertAsync(StateTables.Ledger, eventId, RowKey(channelId, revision), MessageJson.Serialize(entry), cancellationToken);
            return new LedgerRecord(eventId, revision, channelId, entry, etag);
        }
        catch (ConcurrencyConflictException)
        {
            return await GetAsync(eventId, revision, channelId, cancellationToken)
                ?? throw new InvalidOperationException($"Ledger entry {eventId}/{channelId}/r{revision} vanished");
        }
    }

    /// <summary>Moves an entry along <paramref name="trigger"/>, applying <paramref name="change"/> to the rest of it.</summary>
    /// <exception cref="InvalidOperationException">the state machine does not allow the move.</exception>
    /// <exception cref="ConcurrencyConflictException">someone else changed the entry since it was read.</exception>
    public async Task<LedgerRecord> MoveAsync(LedgerRecord record, LedgerTrigger trigger, Func<LedgerEntry, LedgerEntry>? change = null, CancellationToken cancellationToken = default)
    {
        var state = LedgerTransitions.Next(record.Entry.State, trigger);
        var entry = (change?.Invoke(record.Entry) ?? record.Entry) with { State = state, UpdatedAt = time.GetUtcNow() };
        var etag = await store.ReplaceAsync(StateTables.Ledger, record.EventId, RowKey(record.ChannelId, record.Revision), MessageJson.Serialize(entry), record.ETag, cancellationToken);
        return record with { Entry = entry, ETag = etag };
    }

    /// <summary>Every ledger entry of an event (all revisions and channels).</summary>
    public async Task<IReadOnlyList<LedgerRecord>> ListAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Ledger, eventId, cancellationToken);
        return docs.Select(Parse).ToList();
    }

    /// <summary>Every ledger entry (for the operator's listings and the health report, not for hot paths).</summary>
    public async Task<IReadOnlyList<LedgerRecord>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAllAsync(StateTables.Ledger, cancellationToken);
        return docs.Select(Parse).ToList();
    }

    private static LedgerRecord Parse(StoredDocument doc)
    {
        var bar = doc.RowKey.LastIndexOf("|r", StringComparison.Ordinal);
        return new LedgerRecord(doc.PartitionKey, int.Parse(doc.RowKey.AsSpan(bar + 2), CultureInfo.InvariantCulture), doc.RowKey[..bar], MessageJson.Deserialize<LedgerEntry>(doc.Json), doc.ETag);
    }
}

/// <summary>A ledger entry with its key and concurrency tag.</summary>
public sealed record LedgerRecord(string EventId, int Revision, string ChannelId, LedgerEntry Entry, string ETag)
{
    /// <summary>How the operator names it: <c>&lt;event&gt;/&lt;channel&gt;/&lt;revision&gt;</c>.</summary>
    public string Id => $"{EventId}/{ChannelId}/{Revision.ToString(CultureInfo.InvariantCulture)}";
}
