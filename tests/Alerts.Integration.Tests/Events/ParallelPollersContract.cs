using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Events;

/// <summary>
/// Pollers running at the same moment, each with its own store client (as separate function
/// instances or processes would have), against one real store: they must agree on one event.
/// Run against Azurite and against a SQLite file.
/// </summary>
public abstract class ParallelPollersContract
{
    private const int Pollers = 8;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 8, 26, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A new client on the same store.</summary>
    protected abstract IStateStore OpenStore();

    // Each test uses its own treaty id, so tests sharing one Azurite account do not see each other's events.
    private readonly string _treatyId = "test-" + Guid.NewGuid().ToString("N")[..12];

    private string EventId => _treatyId + ".withdrawal.ru";

    private TestEvents NewEvents(EventOptions? options = null) => TestEvents.On(OpenStore(), Time, options);

    private EventTracker NewTracker(EventOptions? options = null) => NewEvents(options).Tracker;

    private TreatyDetection Detection(TreatyMilestone stage)
        => new(new TreatyRef(_treatyId, "Test Convention"), TreatyAction.Withdrawal, ["RU"], stage, 0.9, ["test"]);

    private SourceRef Source(string link, string title = "Russia to quit the Test Convention", SourceLevel level = SourceLevel.Media)
        => new("outlet", link, title, Time.GetUtcNow(), level, "en");

    private static async Task<T[]> Together<T>(int count, Func<int, Task<T>> work)
    {
        // All pollers read before any writes, as far as the scheduler allows: that is the race to win.
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await work(i);
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Parallel_pollers_reporting_the_same_news_make_one_event_and_one_post()
    {
        var trackers = Enumerable.Range(0, Pollers).Select(_ => NewTracker()).ToList();

        var results = await Together(Pollers, i => trackers[i].ApplyAsync(Detection(TreatyMilestone.Proposed), Source($"https://outlet{i}.example/story"), ""));

        var announced = Assert.Single(results, r => r is not null);
        Assert.Equal((EventId, 1), (announced!.EventId, announced.Revision));
        var head = await NewEvents().Queries.GetHeadAsync(EventId);
        Assert.Equal((1, Pollers), (head!.Revision, head.Sources.Count));
        Assert.Single(await TestEvents.RevisionsAsync(OpenStore(), EventId));
    }

    [Fact]
    public async Task Parallel_pollers_with_different_stages_agree_on_the_revisions()
    {
        var stages = new[] { TreatyMilestone.Proposed, TreatyMilestone.Legislative, TreatyMilestone.Enacted, TreatyMilestone.Proposed, TreatyMilestone.Legislative, TreatyMilestone.Enacted };
        var titles = new[] { "Government proposes to quit the Test Convention", "Duma passes bill to quit the Test Convention", "Putin signs law on the Test Convention" };
        var trackers = stages.Select(_ => NewTracker()).ToList();

        var results = await Together(stages.Length, i => trackers[i].ApplyAsync(Detection(stages[i]), Source($"https://outlet{i}.example/story", titles[i % 3]), ""));

        var head = (await NewEvents().Queries.GetHeadAsync(EventId))!;
        Assert.Equal(TreatyMilestone.Enacted, head.Milestone);
        Assert.Equal(stages.Length, head.Sources.Count);
        Assert.Single(await NewEvents().Queries.ListAsync(), h => h.Treaty.Id == _treatyId);
        // Every revision handed out is the one stored under its number: no two pollers made different revision 2s.
        var stored = await TestEvents.RevisionsAsync(OpenStore(), EventId);
        Assert.Equal(Enumerable.Range(1, head.Revision), stored.Select(r => r.Revision));
        foreach (var change in results.OfType<TreatyChange>())
        {
            Assert.Equal(MessageJson.Serialize(stored[change.Revision - 1]), MessageJson.Serialize(change));
        }
        Assert.Equal([TreatyMilestone.Proposed, TreatyMilestone.Legislative, TreatyMilestone.Enacted], head.MilestoneHistory.Select(h => h.Milestone).Distinct());
    }

    [Fact]
    public async Task Parallel_pollers_past_an_idle_window_open_one_successor()
    {
        var options = new EventOptions { Windows = { ["proposed"] = TimeSpan.FromDays(30) } };
        await NewTracker(options).ApplyAsync(Detection(TreatyMilestone.Proposed), Source("https://first.example/1"), "");
        Time.Advance(TimeSpan.FromDays(45));
        var trackers = Enumerable.Range(0, Pollers).Select(_ => NewTracker(options)).ToList();

        var results = await Together(Pollers, i => trackers[i].ApplyAsync(Detection(TreatyMilestone.Proposed), Source($"https://outlet{i}.example/again"), ""));

        var announced = Assert.Single(results, r => r is not null);
        Assert.Equal((EventId + "-2", 1), (announced!.EventId, announced.Revision));
        var heads = (await NewEvents().Queries.ListAsync()).Where(h => h.Treaty.Id == _treatyId).ToList();
        Assert.Equal([EventId, EventId + "-2"], heads.Select(h => h.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(Pollers, heads.Single(h => h.EventId == EventId + "-2").Sources.Count);
    }

    [Fact]
    public async Task Parallel_timer_runs_make_one_follow_up_revision()
    {
        var tracker = NewTracker();
        var notice = await tracker.ApplyAsync(Detection(TreatyMilestone.Enacted),
            Source("https://outlet.example/law", "Putin signs law; the denunciation of the Test Convention takes effect on 1 March 2026"), "");
        Assert.Equal(new DateOnly(2026, 3, 1), notice!.EffectiveDate);
        var due = new DateTimeOffset(2026, 3, 1, 0, 5, 0, TimeSpan.Zero);
        Time.SetUtcNow(due);
        var timers = Enumerable.Range(0, 4).Select(_ => NewEvents().FollowUps).ToList();

        var results = await Together(timers.Count, i => timers[i].DueFollowUpsAsync(due));

        var followUps = results.SelectMany(r => r).Where(c => c.EventId == EventId).ToList();
        Assert.NotEmpty(followUps);
        Assert.All(followUps, c => Assert.Equal((2, TreatyMilestone.Effective), (c.Revision, c.Milestone)));
        Assert.Equal(2, (await NewEvents().Queries.GetHeadAsync(EventId))!.Revision);
    }
}
