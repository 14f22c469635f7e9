using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Testing;

/// <summary>The events classes over one real store, wired as the hosts wire them.</summary>
public sealed record TestEvents(EventTable Store, EventTracker Tracker, EventFollowUps FollowUps, EventQueries Queries)
{
    /// <summary>A catalogue without treaties: no notice periods.</summary>
    public static TreatyCatalog EmptyCatalog { get; } = TreatyCatalog.Parse("""{"treaties":[]}""");

    public static TestEvents On(IStateStore store, TimeProvider time, EventOptions? options = null, TreatyCatalog? catalog = null)
    {
        var events = new EventTable(store);
        var derivation = new EventDerivation(catalog ?? EmptyCatalog);
        var configured = Options.Create(options ?? new EventOptions());
        return new TestEvents(
            events,
            new EventTracker(events, derivation, time, configured, NullLogger<EventTracker>.Instance),
            new EventFollowUps(events, derivation, configured, NullLogger<EventFollowUps>.Instance),
            new EventQueries(events));
    }

    /// <summary>Every saved revision of an event, oldest first.</summary>
    public static async Task<IReadOnlyList<TreatyChange>> RevisionsAsync(IStateStore store, string eventId)
    {
        var docs = await store.QueryAsync(StateTables.Events, eventId);
        return docs.Where(d => d.RowKey != EventTable.HeadRow)
            .Select(d => MessageJson.Deserialize<TreatyChange>(d.Json))
            .OrderBy(c => c.Revision)
            .ToList();
    }
}
