using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Events;

public sealed class EventTrackerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _db;
    private readonly EventTracker _tracker;

    public EventTrackerTests()
    {
        _db = new TempSqlite(_time);
        _tracker = new EventTracker(_db.Store, _time, NullLogger<EventTracker>.Instance);
    }

    public void Dispose() => _db.Dispose();

    private static TreatyDetection Cpt(TreatyStage stage) =>
        new(new TreatyRef("coe:126", "European Convention for the Prevention of Torture"), TreatyAction.Withdrawal, ["RU"], stage, 0.9, ["withdraw"]);

    private static SourceRef Src(string link, SourceLevel level = SourceLevel.Media, string lang = "en") =>
        new("src", link, "Russia to Quit Europe's Anti-Torture Convention", null, level, lang);

    [Fact]
    public async Task First_detection_creates_revision_one_with_readable_id()
    {
        var change = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://a.example/1"), "summary");

        Assert.NotNull(change);
        Assert.Equal("coe-126.withdrawal.ru", change.EventId);
        Assert.Equal(1, change.Revision);
        Assert.Equal(TreatyStage.Proposed, change.Stage);
        var stored = await new EventStore(_db.Store).GetRevisionAsync(change.EventId, 1);
        Assert.Equal(change.Title, stored?.Title);
    }

    [Fact]
    public async Task Reprint_by_another_outlet_adds_a_source_silently()
    {
        await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://a.example/1"), "");
        var second = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://b.example/2"), "");

        Assert.Null(second);
        var head = await _tracker.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(2, head!.Sources.Count);
        Assert.Equal(1, head.Revision);
    }

    [Fact]
    public async Task Later_stage_higher_level_and_new_language_each_make_a_revision()
    {
        await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://a.example/1"), "");
        var official = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("http://government.ru/docs/1", SourceLevel.Official), "");
        var russian = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://ru.example/1", lang: "ru"), "");
        var duma = await _tracker.ApplyAsync(Cpt(TreatyStage.Legislative), Src("https://a.example/2"), "");

        Assert.Equal([2, 3, 4], new[] { official!.Revision, russian!.Revision, duma!.Revision });
        Assert.Equal(SourceLevel.Official, duma.Level);
        Assert.Equal(TreatyStage.Legislative, duma.Stage);
    }

    [Fact]
    public async Task Out_of_order_item_fills_history_without_moving_the_stage_back()
    {
        await _tracker.ApplyAsync(Cpt(TreatyStage.Enacted), Src("https://a.example/law"), "");
        var earlier = await _tracker.ApplyAsync(Cpt(TreatyStage.Legislative), Src("https://a.example/vote"), "");

        Assert.Null(earlier);
        var head = await _tracker.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(TreatyStage.Enacted, head!.Stage);
        Assert.Equal([TreatyStage.Legislative, TreatyStage.Enacted], head.StageHistory.Select(s => s.Stage));
    }

    [Fact]
    public async Task Same_item_applied_again_returns_the_same_revision()
    {
        var first = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://a.example/1"), "");
        var again = await _tracker.ApplyAsync(Cpt(TreatyStage.Proposed), Src("https://a.example/1"), "");

        Assert.Equal(first!.Revision, again!.Revision);
        Assert.Equal(first.EventId, again.EventId);
        var head = await _tracker.GetHeadAsync(first.EventId);
        Assert.Single(head!.Sources);
    }

    [Fact]
    public async Task Parallel_pollers_detecting_the_same_event_make_one_event()
    {
        var trackers = Enumerable.Range(0, 6)
            .Select(_ => new EventTracker(new Local.SqliteStateStore(_db.Database, _time), _time, NullLogger<EventTracker>.Instance))
            .ToList();
        var results = await Task.WhenAll(trackers.Select((t, i) => t.ApplyAsync(Cpt(TreatyStage.Proposed), Src($"https://outlet{i}.example/story"), "")));

        var announced = results.Where(r => r is not null).ToList();
        Assert.Single(announced);
        var head = await _tracker.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(6, head!.Sources.Count);
        Assert.Equal(1, head.Revision);
        Assert.Single(await _tracker.ListAsync());
    }

    [Fact]
    public async Task Unknown_treaties_correlate_by_normalised_name()
    {
        TreatyDetection Unknown(string name) => new(new TreatyRef(TreatyRef.UnknownId, name), TreatyAction.Ratification, ["AM"], TreatyStage.Legislative, 0.8, []);

        var a = await _tracker.ApplyAsync(Unknown("Treaty of Friendship"), Src("https://a.example/1"), "");
        var b = await _tracker.ApplyAsync(Unknown("treaty of  friendship"), Src("https://b.example/1"), "");

        Assert.NotNull(a);
        Assert.Null(b);
        Assert.StartsWith("unknown-", a.EventId, StringComparison.Ordinal);
    }
}
