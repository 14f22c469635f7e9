namespace Alerts.Core.Events;

/// <summary>Read-only views of the events for the operator's commands (<c>alerts events</c>, <c>alerts preview</c>).</summary>
public sealed class EventQueries(EventTable events)
{
    public async Task<EventHead?> GetHeadAsync(string eventId, CancellationToken cancellationToken = default)
        => (await events.GetHeadAsync(eventId, cancellationToken))?.Head;

    /// <summary>Every event head, newest change first.</summary>
    public async Task<IReadOnlyList<EventHead>> ListAsync(CancellationToken cancellationToken = default)
        => (await events.ListHeadsAsync(cancellationToken)).OrderByDescending(h => h.LastChange).ToList();
}
