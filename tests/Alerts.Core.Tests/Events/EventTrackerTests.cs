using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Tests.Support;
using Alerts.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Events;

public sealed class EventTrackerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _db;
    private readonly TestEvents _events;

    public EventTrackerTests()
    {
        _db = new TempSqlite(_time);
        _events = TestEvents.On(_db.Store, _time);
    }

    public void Dispose() => _db.Dispose();

    private static TreatyDetection Cpt(TreatyMilestone stage) =>
        new(new TreatyRef("coe:126", "European Convention for the Prevention of Torture"), TreatyAction.Withdrawal, ["RU"], stage, 0.9, ["withdraw"]);

    private static SourceRef Src(string link, SourceLevel level = SourceLevel.Media, string lang = "en") =>
        new("src", link, "Russia to Quit Europe's Anti-Torture Convention", null, level, lang);

    [Fact]
    public async Task First_detection_creates_revision_one_with_readable_id()
    {
        var change = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://a.example/1"), "summary");

        Assert.NotNull(change);
        Assert.Equal("coe-126.withdrawal.ru", change.EventId);
        Assert.Equal(1, change.Revision);
        Assert.Equal(TreatyMilestone.Proposed, change.Milestone);
        var stored = await _events.Store.GetRevisionAsync(change.EventId, 1);
        Assert.Equal(change.Title, stored?.Title);
    }

    [Fact]
    public async Task Reprint_by_another_outlet_adds_a_source_silently()
    {
        await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://a.example/1"), "");
        var second = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://b.example/2"), "");

        Assert.Null(second);
        var head = await _events.Queries.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(2, head!.Sources.Count);
        Assert.Equal(1, head.Revision);
    }

    [Fact]
    public async Task Later_stage_higher_level_and_new_language_each_make_a_revision()
    {
        await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://a.example/1"), "");
        var official = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("http://government.ru/docs/1", SourceLevel.Official), "");
        var russian = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://ru.example/1", lang: "ru"), "");
        var duma = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), Src("https://a.example/2"), "");

        Assert.Equal([2, 3, 4], new[] { official!.Revision, russian!.Revision, duma!.Revision });
        Assert.Equal(SourceLevel.Official, duma.Level);
        Assert.Equal(TreatyMilestone.Legislative, duma.Milestone);
    }

    [Fact]
    public async Task Out_of_order_item_fills_history_without_moving_the_stage_back()
    {
        await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), Src("https://a.example/law"), "");
        var earlier = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), Src("https://a.example/vote"), "");

        Assert.Null(earlier);
        var head = await _events.Queries.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(TreatyMilestone.Enacted, head!.Milestone);
        Assert.Equal([TreatyMilestone.Legislative, TreatyMilestone.Enacted], head.MilestoneHistory.Select(s => s.Milestone));
    }

    [Fact]
    public async Task Same_item_applied_again_returns_the_same_revision()
    {
        var first = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://a.example/1"), "");
        var again = await _events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src("https://a.example/1"), "");

        Assert.Equal(first!.Revision, again!.Revision);
        Assert.Equal(first.EventId, again.EventId);
        var head = await _events.Queries.GetHeadAsync(first.EventId);
        Assert.Single(head!.Sources);
    }

    [Fact]
    public async Task Parallel_pollers_detecting_the_same_event_make_one_event()
    {
        var trackers = Enumerable.Range(0, 6)
            .Select(_ => TestEvents.On(new Local.SqliteStateStore(_db.Database, _time), _time).Tracker)
            .ToList();
        var results = await Task.WhenAll(trackers.Select((t, i) => t.ApplyAsync(Cpt(TreatyMilestone.Proposed), Src($"https://outlet{i}.example/story"), "")));

        var announced = results.Where(r => r is not null).ToList();
        Assert.Single(announced);
        var head = await _events.Queries.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal(6, head!.Sources.Count);
        Assert.Equal(1, head.Revision);
        Assert.Single(await _events.Queries.ListAsync());
    }

    [Fact]
    public async Task A_later_stage_or_another_report_of_the_effect_carries_an_idle_event_on_instead_of_opening_a_second()
    {
        var events = EventsWith(new EventOptions { Windows = { ["announced"] = TimeSpan.FromDays(60), ["effective"] = TimeSpan.FromDays(60) } });
        var start = _time.GetUtcNow();
        var announced = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Announced), At("https://a.example/1", start, title: "t"), "");
        // Four months on, the parliament votes: the same process, not a new event.
        _time.Advance(TimeSpan.FromDays(120));
        var voted = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("https://b.example/1", _time.GetUtcNow(), title: "t"), "");
        _time.Advance(TimeSpan.FromDays(10));
        var left = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://c.example/1", _time.GetUtcNow(), title: "t"), "");
        // Three months after it took effect, another outlet reports the state has left: one more source.
        _time.Advance(TimeSpan.FromDays(90));
        var again = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://d.example/1", _time.GetUtcNow(), title: "t"), "");
        // A new announcement much later is a new process (a state that rejoined and leaves again).
        _time.Advance(TimeSpan.FromDays(90));
        var anew = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Announced), At("https://e.example/1", _time.GetUtcNow(), title: "t"), "");

        Assert.Equal("coe-126.withdrawal.ru", announced!.EventId);
        Assert.Equal(("coe-126.withdrawal.ru", TreatyMilestone.Legislative), (voted!.EventId, voted.Milestone));
        Assert.Equal(("coe-126.withdrawal.ru", TreatyMilestone.Effective), (left!.EventId, left.Milestone));
        Assert.True(again is null || again.EventId == "coe-126.withdrawal.ru", again?.EventId);
        Assert.Equal(4, (await events.Queries.GetHeadAsync("coe-126.withdrawal.ru"))!.Sources.Count);
        Assert.Equal("coe-126.withdrawal.ru-2", anew!.EventId);
    }

    [Fact]
    public async Task Unknown_treaties_correlate_by_normalised_name()
    {
        TreatyDetection Unknown(string name) => new(new TreatyRef(TreatyRef.UnknownId, name), TreatyAction.Ratification, ["AM"], TreatyMilestone.Legislative, 0.8, []);

        var a = await _events.Tracker.ApplyAsync(Unknown("Treaty of Friendship"), Src("https://a.example/1"), "");
        var b = await _events.Tracker.ApplyAsync(Unknown("treaty of  friendship"), Src("https://b.example/1"), "");

        Assert.NotNull(a);
        Assert.Null(b);
        Assert.StartsWith("unknown-", a.EventId, StringComparison.Ordinal);
    }

    private static SourceRef At(string link, DateTimeOffset published, SourceLevel level = SourceLevel.Media, string title = "Russia to Quit Europe's Anti-Torture Convention", string lang = "en") =>
        new("src", link, title, published, level, lang);

    private TestEvents EventsWith(EventOptions? options = null, Alerts.Core.Detection.TreatyCatalog? catalog = null) =>
        TestEvents.On(_db.Store, _time, options, catalog);

    [Fact]
    public async Task An_event_idle_past_its_window_is_closed_and_the_next_detection_starts_a_numbered_one()
    {
        var events = EventsWith(new EventOptions { Windows = { ["proposed"] = TimeSpan.FromDays(100) } });
        var start = _time.GetUtcNow();
        var first = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://a.example/1", start), "");
        _time.Advance(TimeSpan.FromDays(90));
        var within = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://b.example/1", _time.GetUtcNow()), "");
        _time.Advance(TimeSpan.FromDays(101));
        var after = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://c.example/1", _time.GetUtcNow()), "");
        var again = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://c.example/1", _time.GetUtcNow()), "");
        // An old item, published while the first event was open, still belongs to it.
        var late = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://d.example/old", start.AddDays(10)), "");

        Assert.Equal("coe-126.withdrawal.ru", first!.EventId);
        Assert.Null(within);
        Assert.Equal("coe-126.withdrawal.ru-2", after!.EventId);
        Assert.Equal(1, after.Revision);
        Assert.Equal(MessageJson.Serialize(after), MessageJson.Serialize(again));
        Assert.Null(late);
        var closed = await events.Queries.GetHeadAsync("coe-126.withdrawal.ru");
        Assert.Equal("coe-126.withdrawal.ru-2", closed!.SucceededBy);
        Assert.Equal(3, closed.Sources.Count);
        Assert.Equal(2, (await events.Queries.GetHeadAsync("coe-126.withdrawal.ru-2"))!.Sequence);
        Assert.Equal(2, (await events.Queries.ListAsync()).Count);
    }

    [Fact]
    public async Task A_future_publication_date_is_taken_as_now_it_neither_keeps_the_event_open_nor_dates_the_step_ahead()
    {
        var events = EventsWith(new EventOptions { Windows = { ["proposed"] = TimeSpan.FromDays(100) } });
        var start = _time.GetUtcNow();
        // A feed's mistake: the item claims to be published a year from now.
        var first = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://a.example/1", start.AddDays(365)), "");

        Assert.Equal(DateOnly.FromDateTime(start.UtcDateTime), first!.StepDate);
        Assert.All(first.MilestoneHistory, h => Assert.True(h.SeenAt <= start, $"history dated {h.SeenAt:O}"));

        // 101 days on, the event has been idle past its 100-day window since it was seen, not since its claimed date.
        _time.Advance(TimeSpan.FromDays(101));
        var next = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://b.example/1", _time.GetUtcNow()), "");

        Assert.Equal("coe-126.withdrawal.ru-2", next!.EventId);
        Assert.Equal(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), next.StepDate);
    }

    [Fact]
    public async Task Windows_are_per_stage_a_notified_withdrawal_waits_a_year_for_its_effect()
    {
        var events = EventsWith();
        await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Notified), At("https://depositary.example/n", _time.GetUtcNow(), SourceLevel.Depositary), "");
        _time.Advance(TimeSpan.FromDays(400));
        var effect = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://a.example/effect", _time.GetUtcNow()), "");

        Assert.Equal("coe-126.withdrawal.ru", effect!.EventId);
        Assert.Equal(TreatyMilestone.Effective, effect.Milestone);
    }

    [Fact]
    public async Task A_later_step_of_the_same_stage_makes_a_revision_a_repeat_of_it_does_not()
    {
        var events = EventsWith();
        var t = _time.GetUtcNow();
        var duma = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("https://a.example/duma", t, title: "Госдума приняла закон о денонсации конвенции", lang: "ru"), "");
        var council = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("https://a.example/fc", t.AddDays(7), title: "Совет Федерации одобрил закон о денонсации конвенции", lang: "ru"), "");
        var reprint = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("https://b.example/fc", t.AddDays(7), title: "Совфед одобрил закон о денонсации конвенции", lang: "ru"), "");

        Assert.Equal(ProcedureSteps.LowerHouseAdopted, duma!.Step);
        Assert.Equal((2, ProcedureSteps.UpperHouseApproved), (council!.Revision, council.Step));
        Assert.Null(reprint);
        Assert.Equal([ProcedureSteps.LowerHouseAdopted, ProcedureSteps.UpperHouseApproved], council.MilestoneHistory.Select(h => h.Step));
    }

    [Fact]
    public async Task A_step_reported_as_scheduled_opens_the_event_and_its_report_as_done_advances_it()
    {
        var t = _time.GetUtcNow();
        var nato = new TreatyRef("north-atlantic-treaty", "North Atlantic Treaty");
        TreatyDetection Join(TreatyMilestone stage) => new(nato, TreatyAction.Accession, ["FI"], stage, 0.9, ["join"]);

        var scheduled = await _events.Tracker.ApplyAsync(Join(TreatyMilestone.Announced), At("https://a.example/set", t, title: "Finland set to join NATO, in blow to Putin"), "Finland is joining NATO");
        var plan = await _events.Tracker.ApplyAsync(Join(TreatyMilestone.Announced), At("https://b.example/plan", t.AddHours(1), title: "Finland plans to join NATO"), "");
        var joined = await _events.Tracker.ApplyAsync(Join(TreatyMilestone.Effective), At("https://c.example/joins", t.AddHours(8), title: "Finland officially joins NATO"), "");

        Assert.Equal((TreatyMilestone.Announced, ProcedureSteps.Scheduled), (scheduled!.Milestone, scheduled.Step));
        // A vaguer report of the same stage does not move the post back to "announced plans".
        Assert.Null(plan);
        Assert.Equal((2, TreatyMilestone.Effective), (joined!.Revision, joined.Milestone));
    }

    [Fact]
    public async Task An_official_source_published_after_a_media_claim_of_a_later_stage_corrects_it()
    {
        var events = EventsWith();
        var t = _time.GetUtcNow();
        // A headline says Russia has left; the Duma's own record, published afterwards, shows a vote.
        var media = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://a.example/quits", t), "");
        _time.Advance(TimeSpan.FromHours(3));
        var official = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("http://duma.gov.ru/news/1", t.AddHours(3), SourceLevel.Official, "Госдума приняла закон о денонсации конвенции", "ru"), "");

        Assert.Equal(TreatyMilestone.Effective, media!.Milestone);
        Assert.Equal(2, official!.Revision);
        Assert.Equal(TreatyMilestone.Legislative, official.Milestone);
        Assert.Equal(EventTracker.CorrectionStage, official.Correction);
        Assert.DoesNotContain(official.MilestoneHistory, h => h.Milestone == TreatyMilestone.Effective);
    }

    [Fact]
    public async Task An_official_record_of_an_earlier_step_published_before_the_media_report_is_no_correction()
    {
        var events = EventsWith();
        var t = _time.GetUtcNow();
        await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), At("https://a.example/signed", t), "");
        var official = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("http://duma.gov.ru/news/1", t.AddDays(-5), SourceLevel.Official, "Госдума приняла закон о денонсации конвенции", "ru"), "");

        // Higher level and a new language make a revision; the stage stays.
        Assert.Equal(TreatyMilestone.Enacted, official!.Milestone);
        Assert.Null(official.Correction);
        Assert.Equal([TreatyMilestone.Legislative, TreatyMilestone.Enacted], official.MilestoneHistory.Select(h => h.Milestone));
    }

    [Fact]
    public async Task Notification_of_a_coe_denunciation_schedules_the_effect_for_the_first_day_of_the_month_after_six_months()
    {
        var catalog = Alerts.Core.Detection.TreatyCatalog.Parse("""
            {"treaties":[{"id":"coe:126","system":"coe","names":{"en":"European Convention for the Prevention of Torture"},
              "denunciationEffect":"typical CoE final clause: effective on the first day of the month following the expiration of a period after receipt of the notification (six months in most conventions, twelve in some)"}]}
            """);
        var events = EventsWith(catalog: catalog);
        var notified = new DateTimeOffset(2025, 10, 3, 12, 0, 0, TimeSpan.Zero);
        _time.SetUtcNow(notified);
        var change = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Notified), At("https://coe.example/notification", notified, SourceLevel.Depositary), "");

        Assert.Equal(new DateOnly(2026, 5, 1), change!.EffectiveDate);
        Assert.Empty(await events.FollowUps.DueFollowUpsAsync(new DateTimeOffset(2026, 4, 30, 23, 0, 0, TimeSpan.Zero)));

        var due = new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero);
        _time.SetUtcNow(due);
        var followUp = Assert.Single(await events.FollowUps.DueFollowUpsAsync(due));
        Assert.Equal((2, TreatyMilestone.Effective, ProcedureSteps.InEffect), (followUp.Revision, followUp.Milestone, followUp.Step));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), followUp.MilestoneHistory[^1].SeenAt);
        Assert.NotNull(await _events.Store.GetRevisionAsync(followUp.EventId, 2));

        // A timer run that failed before its enqueue gets the same revision again, for a while.
        Assert.Equal(MessageJson.Serialize(followUp), MessageJson.Serialize(Assert.Single(await events.FollowUps.DueFollowUpsAsync(due.AddMinutes(30)))));
        Assert.Empty(await events.FollowUps.DueFollowUpsAsync(due.AddDays(1)));
        Assert.Empty(await events.FollowUps.DueFollowUpsAsync(due.AddDays(2)));
        Assert.Equal(2, (await events.Queries.GetHeadAsync(followUp.EventId))!.Revision);
    }

    [Fact]
    public async Task A_stated_effective_date_wins_and_a_source_reporting_the_effect_first_cancels_the_follow_up()
    {
        var events = EventsWith();
        var t = _time.GetUtcNow();
        var change = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), At("https://a.example/law", t, title: "Putin signs law on denunciation; the denunciation takes effect on 1 March 2026"), "");
        Assert.Equal(new DateOnly(2026, 3, 1), change!.EffectiveDate);

        var corrected = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), At("http://kremlin.ru/acts/1", t.AddDays(1), SourceLevel.Official, "Putin signs law on denunciation; the denunciation takes effect on 16 March 2026"), "");
        Assert.Equal((new DateOnly(2026, 3, 16), EventTracker.CorrectionEffectiveDate), (corrected!.EffectiveDate, corrected.Correction));

        _time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero));
        await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://a.example/effect", _time.GetUtcNow()), "");
        Assert.Empty(await events.FollowUps.DueFollowUpsAsync(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_future_take_effect_phrase_is_not_the_effect()
    {
        var events = EventsWith();
        var change = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Effective), At("https://a.example/1", _time.GetUtcNow(), title: "Russia's withdrawal from the anti-torture convention will take effect on 1 March 2026"), "");

        Assert.Equal(TreatyMilestone.Notified, change!.Milestone);
        Assert.Equal(new DateOnly(2026, 3, 1), change.EffectiveDate);
    }

    [Fact]
    public void Options_name_the_bad_key()
    {
        var options = new EventOptions { Windows = { ["parliament"] = TimeSpan.FromDays(1), ["proposed"] = TimeSpan.Zero } };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("Events:Windows:parliament", StringComparison.Ordinal));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("Events:Windows:proposed must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_edited_to_a_later_step_counts_again_under_the_same_link()
    {
        var events = EventsWith();
        var t = _time.GetUtcNow();
        await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Legislative), At("https://live.example/page", t, title: "Госдума приняла закон о денонсации конвенции", lang: "ru"), "");
        var edited = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), At("https://live.example/page", t, title: "Путин подписал закон о денонсации конвенции", lang: "ru"), "");
        var redelivered = await events.Tracker.ApplyAsync(Cpt(TreatyMilestone.Enacted), At("https://live.example/page", t, title: "Путин подписал закон о денонсации конвенции", lang: "ru"), "");

        Assert.Equal((2, ProcedureSteps.LawSigned), (edited!.Revision, edited.Step));
        Assert.Equal(2, redelivered!.Revision);
        Assert.Single((await events.Queries.GetHeadAsync(edited.EventId))!.Sources);
    }

    [Fact]
    public async Task The_container_builds_the_tracker_with_its_options()
    {
        var services = new ServiceCollection()
            .AddSingleton<Alerts.Core.Ports.IStateStore>(_db.Store)
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton(Alerts.Core.Detection.TreatyCatalog.Parse("""{"treaties":[]}"""))
            .AddSingleton<EventTable>()
            .AddSingleton<EventDerivation>()
            .AddSingleton<EventTracker>();
        services.AddOptions<EventOptions>().Configure(o => o.Windows["proposed"] = TimeSpan.FromDays(1));

        using var provider = services.BuildServiceProvider();

        var tracker = provider.GetRequiredService<EventTracker>();
        await tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://a.example/1", _time.GetUtcNow()), "");
        _time.Advance(TimeSpan.FromDays(2));
        var next = await tracker.ApplyAsync(Cpt(TreatyMilestone.Proposed), At("https://b.example/1", _time.GetUtcNow()), "");

        // The configured one-day window, not the default 400 days.
        Assert.Equal("coe-126.withdrawal.ru-2", next!.EventId);
    }
}
