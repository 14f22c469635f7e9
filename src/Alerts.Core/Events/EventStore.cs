using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Events;

/// <summary>
/// Treaty events and their revisions in <see cref="StateTables.Events"/>: partition = event id,
/// row <c>head</c> = the event's current state, rows <c>r000001</c>... = each revision as a TreatyChange.
/// </summary>
public sealed class EventStore(IStateStore store)
{
    public const string HeadRow = "head";

    public static string RevisionRow(int revision) => "r" + revision.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Saves a revision; saving the same revision twice keeps the first (redelivered messages).</summary>
    public async Task SaveRevisionAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.InsertAsync(StateTables.Events, change.EventId, RevisionRow(change.Revision), MessageJson.Serialize(change), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Already saved by an earlier delivery of the same message: revisions are immutable.
        }
    }

    public async Task<TreatyChange?> GetRevisionAsync(string eventId, int revision, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Events, eventId, RevisionRow(revision), cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<TreatyChange>(doc.Json);
    }

    /// <summary>All revisions of an event, oldest first.</summary>
    public async Task<IReadOnlyList<TreatyChange>> GetRevisionsAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Events, eventId, cancellationToken);
        return docs.Where(d => d.RowKey.StartsWith('r'))
            .Select(d => MessageJson.Deserialize<TreatyChange>(d.Json))
            .OrderBy(c => c.Revision)
            .ToList();
    }
}
