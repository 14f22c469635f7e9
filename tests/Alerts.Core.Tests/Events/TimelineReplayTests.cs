using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Tests.Support;
using Alerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Events;

/// <summary>
/// Real sequences of Russia's treaty actions (tests/data/timeline), each row an item with two
/// reprints, through the real detector (config/treaties.json) and the real tracker on SQLite.
/// </summary>
public sealed class TimelineReplayTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _db;
    private readonly TestEvents _events;

    public TimelineReplayTests()
    {
        _db = new TempSqlite(_time);
        _events = NewEvents(_db);
    }

    public void Dispose() => _db.Dispose();

    private TestEvents NewEvents(TempSqlite db)
        => TestEvents.On(db.Store, _time, catalog: TimelineReplay.Catalog);

    /// <summary>
    /// Scenario, its one event, the stage and step it ends at, and the revisions a subscriber sees
    /// when the items arrive in order (each a post or an edit of it).
    /// </summary>
    public static TheoryData<string, string, TreatyMilestone, string, int> Expected => new()
    {
        // bill submitted (kremlin.ru, official) → law signed (kremlin.ru): 2 posts; reprints are silent.
        { "new-start", "new-start.suspension.ru", TreatyMilestone.Enacted, ProcedureSteps.LawSigned, 2 },
        // bill → Duma → Federation Council → law signed → "formally quits" (English: also a new language).
        { "cfe", "cfe.withdrawal.ru", TreatyMilestone.Effective, ProcedureSteps.InEffect, 5 },
        // bill → Duma third reading → Federation Council → law signed.
        { "ctbt", "un-xxvi-4.deratification.ru", TreatyMilestone.Enacted, ProcedureSteps.LawSigned, 4 },
        // government proposal → Duma → law signed (kremlin.ru).
        { "coe-2023", "coe-treaties.withdrawal.ru", TreatyMilestone.Enacted, ProcedureSteps.LawSigned, 3 },
        // government proposal → The Moscow Times in English (new language) → Federation Council → law text.
        { "cpt-2025", "coe-126.withdrawal.ru", TreatyMilestone.Enacted, ProcedureSteps.LawSigned, 4 },
        { "open-skies", "open-skies.withdrawal.ru", TreatyMilestone.Proposed, ProcedureSteps.GovernmentProposal, 1 },
        { "plutonium", "ru-us-plutonium-2000.withdrawal.ru", TreatyMilestone.Proposed, ProcedureSteps.GovernmentProposal, 1 },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task In_order_with_reprints_ends_as_one_event_at_the_right_stage(string scenario, string eventId, TreatyMilestone stage, string step, int revisions)
    {
        var items = TimelineReplay.Items(scenario);

        var announced = await TimelineReplay.ReplayAsync(items, _events.Tracker, _time);

        var head = Assert.Single(await _events.Queries.ListAsync());
        Assert.Equal(eventId, head.EventId);
        Assert.Equal((stage, step), (head.Milestone, head.Step));
        Assert.Equal(revisions, head.Revision);
        Assert.Equal(Enumerable.Range(1, revisions), announced.Select(c => c.Revision));
        // m24.ru is the evidence of two rows (the bill, then the signature): one page, edited.
        Assert.Equal(items.Select(i => i.Link).Distinct().Count(), head.Sources.Count);
        Assert.Equal(revisions, (await TestEvents.RevisionsAsync(_db.Store, eventId)).Count);
        // The history walks the procedure forward, one entry per step.
        Assert.Equal(head.MilestoneHistory.OrderBy(h => h.Milestone).ThenBy(h => ProcedureSteps.Rank(h.Step)), head.MilestoneHistory);
        Assert.Equal(head.MilestoneHistory.Count, head.MilestoneHistory.Select(h => (h.Milestone, h.Step)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Shuffled_with_reprints_ends_in_the_same_state_as_in_order(string scenario, string eventId, TreatyMilestone stage, string step, int revisions)
    {
        var items = TimelineReplay.Items(scenario);
        await TimelineReplay.ReplayAsync(items, _events.Tracker, _time);
        var ordered = (await _events.Queries.GetHeadAsync(eventId))!;

        foreach (var seed in new[] { 7, 42, 2023 })
        {
            using var db = new TempSqlite(_time);
            var events = NewEvents(db);
            var announced = await TimelineReplay.ReplayAsync(TimelineReplay.Shuffle(items, seed), events.Tracker, _time);

            var head = Assert.Single(await events.Queries.ListAsync());
            Assert.Equal(eventId, head.EventId);
            Assert.Equal((stage, step, ordered.Level), (head.Milestone, head.Step, head.Level));
            Assert.Equal(Render(ordered.MilestoneHistory), Render(head.MilestoneHistory));
            // Out of order, earlier steps fill the history silently: never more posts than in order,
            // except for a level or language first seen on an earlier step.
            Assert.InRange(head.Revision, 1, revisions + 2);
            // A link seen again re-announces the latest revision (idempotent downstream), nothing more.
            Assert.Equal(Enumerable.Range(1, head.Revision), announced.Select(c => c.Revision).Distinct());
        }
    }

    [Fact]
    public async Task The_whole_timeline_as_one_stream_makes_one_event_per_real_action()
    {
        var items = TimelineReplay.Scenarios.Keys.SelectMany(s => TimelineReplay.Items(s)).OrderBy(i => i.Published).ToList();

        await TimelineReplay.ReplayAsync(items, _events.Tracker, _time);

        var heads = await _events.Queries.ListAsync();
        var expected = Expected.Select(row => (string)row[1]).Append("ru-kp-partnership-2024.entry_into_force.kp-ru").Order(StringComparer.Ordinal);
        Assert.Equal(expected, heads.Select(h => h.EventId).Order(StringComparer.Ordinal));
        foreach (var row in Expected)
        {
            var head = heads.Single(h => h.EventId == (string)row[1]);
            Assert.Equal(((TreatyMilestone)row[2], (string)row[3], (int)row[4]), (head.Milestone, head.Step, head.Revision));
        }
    }

    [Fact]
    public async Task A_redelivered_poll_loses_nothing_and_adds_nothing()
    {
        var items = TimelineReplay.Items("cfe", reprints: 0);
        var first = await TimelineReplay.ReplayAsync(items, _events.Tracker, _time);

        // The same items again (a poll redelivered after a crash): only the latest revision comes back.
        var again = await TimelineReplay.ReplayAsync(items, _events.Tracker, _time);

        Assert.Equal(5, first.Count);
        var repeated = Assert.Single(again);
        Assert.Equal(5, repeated.Revision);
        Assert.Equal(5, (await _events.Queries.GetHeadAsync("cfe.withdrawal.ru"))!.Revision);
    }

    private static List<string> Render(IEnumerable<MilestoneStep> history)
        => history.Select(h => $"{h.Milestone}/{h.Step}/{h.SeenAt:O}/{h.Link}").ToList();
}
