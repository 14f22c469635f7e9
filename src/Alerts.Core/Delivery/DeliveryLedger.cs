using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Delivery;

/// <summary>
/// Per (event, revision, channel) in <see cref="StateTables.Ledger"/>: partition = event id, row =
/// <c>&lt;channel&gt;|r000001</c>. A delivery is claimed ("sending") before anything is sent and marked "sent"
/// with the Telegram message ids after, so a redelivered queue message never posts twice and a crash between
/// the send and the record is visible as a claim that never finished.
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
    /// Claims a delivery for sending: creates the entry, or moves a <see cref="LedgerState.Pending"/> (or, when
    /// <paramref name="fromUnknown"/>, an unknown) entry to sending. Null when another worker changed it first.
    /// </summary>
    public async Task<LedgerRecord?> TryClaimAsync(string eventId, int revision, string channelId, string chatId, int attempt, LedgerRecord? existing, bool fromUnknown = false, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        try
        {
            if (existing is null)
            {
                var entry = new LedgerEntry { State = LedgerState.Sending, ChatId = chatId, Attempt = attempt, UpdatedAt = now };
                var etag = await store.InsertAsync(StateTables.Ledger, eventId, RowKey(channelId, revision), MessageJson.Serialize(entry), cancellationToken);
                return new LedgerRecord(eventId, revision, channelId, entry, etag);
            }
            var claimed = existing.Entry with
            {
                State = LedgerState.Sending,
                ChatId = chatId,
                Attempt = attempt,
                UpdatedAt = now,
                UnknownResends = existing.Entry.UnknownResends + (fromUnknown ? 1 : 0),
            };
            return await SaveAsync(existing, claimed, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    /// <summary>Writes a new state of a claimed entry (progress, sent, unknown, pending).</summary>
    /// <exception cref="ConcurrencyConflictException">someone else changed the entry.</exception>
    public async Task<LedgerRecord> SaveAsync(LedgerRecord record, LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        entry = entry with { UpdatedAt = time.GetUtcNow() };
        var etag = await store.ReplaceAsync(StateTables.Ledger, record.EventId, RowKey(record.ChannelId, record.Revision), MessageJson.Serialize(entry), record.ETag, cancellationToken);
        return record with { Entry = entry, ETag = etag };
    }

    /// <summary>Every ledger entry of an event (all revisions and channels), for listings and tests.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> ListAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Ledger, eventId, cancellationToken);
        return docs.Select(d =>
        {
            var bar = d.RowKey.LastIndexOf("|r", StringComparison.Ordinal);
            return new LedgerRecord(eventId, int.Parse(d.RowKey.AsSpan(bar + 2), CultureInfo.InvariantCulture), d.RowKey[..bar], MessageJson.Deserialize<LedgerEntry>(d.Json), d.ETag);
        }).ToList();
    }
}

/// <summary>A ledger entry with its key and concurrency tag.</summary>
public sealed record LedgerRecord(string EventId, int Revision, string ChannelId, LedgerEntry Entry, string ETag);
