using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Posting;

/// <summary>
/// The operator's view of deliveries that ended neither sent nor queued: held (the outcome of a request is
/// unknown) and dropped (channel gone or disabled, refused). Listed by <c>alerts deliveries list</c> and the health
/// report until an operator releases (sends again) or drops (lets go of) each.
/// </summary>
public sealed class HeldDeliveries(DeliveryLedger ledger, IMessageQueue queue)
{
    /// <summary>Held and dropped deliveries not yet acknowledged, oldest first; with <paramref name="all"/>, every entry not sent.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> ListAsync(bool all = false, CancellationToken cancellationToken = default)
    {
        var records = await ledger.ListAllAsync(cancellationToken);
        return records
            .Where(r => all ? r.Entry.State != LedgerState.Sent : LedgerTransitions.NeedsAttention(r.Entry))
            .OrderBy(r => r.Entry.UpdatedAt)
            .ToList();
    }

    /// <summary>Sends a held or dropped delivery again: the entry goes back to pending and a delivery message is queued.</summary>
    /// <exception cref="ArgumentException">no such delivery, or it is not held or dropped.</exception>
    public async Task<LedgerRecord> ReleaseAsync(string id, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(id, LedgerTrigger.Release, cancellationToken);
        record = await ledger.MoveAsync(record, LedgerTrigger.Release, e => e with { Failures = 0, Acknowledged = false, Note = "released by the operator" }, cancellationToken);
        var delivery = new Delivery(record.EventId, record.Revision, record.ChannelId);
        await queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.SerializeForQueue(delivery), null, cancellationToken);
        return record;
    }

    /// <summary>Lets a held or dropped delivery go: it stays dropped and is no longer listed.</summary>
    /// <exception cref="ArgumentException">no such delivery, or it is not held or dropped.</exception>
    public async Task<LedgerRecord> DropAsync(string id, CancellationToken cancellationToken = default)
    {
        var record = await FindAsync(id, LedgerTrigger.Acknowledge, cancellationToken);
        return await ledger.MoveAsync(record, LedgerTrigger.Acknowledge, e => e with { Acknowledged = true, Note = (e.Note is null ? "" : e.Note + "; ") + "dropped by the operator" }, cancellationToken);
    }

    private async Task<LedgerRecord> FindAsync(string id, LedgerTrigger trigger, CancellationToken cancellationToken)
    {
        var (eventId, channelId, revision) = Parse(id);
        var record = await ledger.GetAsync(eventId, revision, channelId, cancellationToken)
            ?? throw new ArgumentException($"no delivery '{id}' in the ledger");
        if (!LedgerTransitions.Allows(record.Entry.State, trigger))
        {
            throw new ArgumentException($"delivery '{id}' is {record.Entry.State.ToString().ToLowerInvariant()}; only held (unknown) or dropped deliveries can be released or dropped");
        }
        return record;
    }

    /// <summary>Reads <c>&lt;event&gt;/&lt;channel&gt;/&lt;revision&gt;</c> (<see cref="LedgerRecord.Id"/>).</summary>
    public static (string EventId, string ChannelId, int Revision) Parse(string id)
    {
        var parts = id.Split('/');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) || revision < 1)
        {
            throw new ArgumentException($"'{id}' is not a delivery id; expected <event>/<channel>/<revision> as 'alerts deliveries list' prints it");
        }
        return (parts[0], parts[1], revision);
    }
}
