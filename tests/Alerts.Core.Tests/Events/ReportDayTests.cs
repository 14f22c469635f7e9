using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Core.Tests.Formatting;
using Alerts.Core.Tests.Support;
using Alerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Events;

/// <summary>
/// A step without an act's date is dated by its earliest report, on the calendar day the publisher gave it (issue #12
/// item 3/4): "Mon, 03 Apr 2023 20:00:00 -0500" is 3 April, although it is 4 April in UTC. The offset travels from the
/// feed through the stored event documents (JSON keeps it), so heads stored before the rule read the same way.
/// </summary>
public sealed class ReportDayTests : IDisposable
{
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru" };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2023, 4, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly TempSqlite _db;
    private readonly TestEvents _events;

    public ReportDayTests()
    {
        _db = new TempSqlite(_time);
        _events = TestEvents.On(_db.Store, _time);
    }

    public void Dispose() => _db.Dispose();

    private static TreatyDetection Cpt() =>
        new(new TreatyRef("coe:126", "European Convention for the Prevention of Torture"), TreatyAction.Withdrawal, ["RU"], TreatyMilestone.Proposed, 0.9, ["withdraw"]);

    /// <summary>One item of an RSS feed as the parser reads it.</summary>
    private static FeedItem Item(string link, string pubDate)
    {
        var rss = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>News</title><link>https://news.example/</link>
            <item><title>Russia to Quit Europe's Anti-Torture Convention</title><link>{link}</link><pubDate>{pubDate}</pubDate>
            <description>The government proposed withdrawal.</description></item>
            </channel></rss>
            """;
        return Assert.Single(FeedParser.Parse(Encoding.UTF8.GetBytes(rss), "application/rss+xml").Items);
    }

    private static SourceRef Ref(FeedItem item) => new("news", item.Link, item.Title, item.Published, SourceLevel.Media, "en");

    private static (string En, string Ru) Posts(TreatyChange change) =>
        (RepositoryTemplates.Formatter().Format(change, English).Parts[0], RepositoryTemplates.Formatter().Format(change, Russian).Parts[0]);

    [Fact]
    public async Task A_report_published_in_the_evening_west_of_utc_is_dated_by_its_own_day_in_both_channels()
    {
        var item = Item("https://news.example/cpt", "Mon, 03 Apr 2023 20:00:00 -0500");
        var change = await _events.Tracker.ApplyAsync(Cpt(), Ref(item), item.Summary);

        Assert.Equal(new DateOnly(2023, 4, 3), change!.StepDate);
        // The revision the delivery stage reads back from the store.
        var stored = await _events.Store.GetRevisionAsync(change.EventId, 1);
        var (en, ru) = Posts(stored!);
        Assert.Contains("3 April 2023", en);
        Assert.DoesNotContain("4 April 2023", en);
        Assert.Contains("3 апреля 2023", ru);
        Assert.DoesNotContain("4 апреля 2023", ru);

        // A reprint a few hours later (4 April in its own offset) reloads the stored head; the step keeps its first day.
        var reprint = Item("https://other.example/cpt", "Tue, 04 Apr 2023 08:00:00 +0300");
        Assert.Null(await _events.Tracker.ApplyAsync(Cpt(), Ref(reprint), reprint.Summary));
        Assert.Equal(new DateOnly(2023, 4, 3), (await _events.Queries.GetHeadAsync(change.EventId))!.StepDate);
    }

    [Fact]
    public async Task A_head_stored_before_the_rule_is_read_with_the_report_s_own_day()
    {
        // A head as the previous version stored it: the source's publication with its offset, the step dated by UTC.
        const string eventId = "coe-126.withdrawal.ru";
        const string stored = """
            {"v":1,"eventId":"coe-126.withdrawal.ru","treaty":{"id":"coe:126","name":"European Convention for the Prevention of Torture"},"action":"withdrawal","states":["RU"],"stage":"proposed","level":"media","confidence":0.9,"revision":1,"title":"Russia to Quit Europe\u0027s Anti-Torture Convention","summary":"","evidence":["withdraw"],"sources":[{"source":{"sourceId":"news","link":"https://news.example/cpt","title":"Russia to Quit Europe\u0027s Anti-Torture Convention","published":"2023-04-03T20:00:00-05:00","authority":"media","language":"en"},"revision":1,"stage":"proposed","appliedAt":"2023-04-04T09:00:00+00:00"}],"stageHistory":[{"stage":"proposed","seenAt":"2023-04-03T20:00:00-05:00","link":"https://news.example/cpt"}],"firstSeen":"2023-04-04T09:00:00+00:00","lastChange":"2023-04-04T09:00:00+00:00","lastActivity":"2023-04-03T20:00:00-05:00","sequence":1,"stepDate":"2023-04-04"}
            """;
        await _db.Store.InsertAsync(StateTables.Events, eventId, EventTable.HeadRow, stored);

        var reprint = Item("https://other.example/cpt", "Tue, 04 Apr 2023 08:00:00 +0300");
        // Without its description the reprint names no finer step, as the stored source did not.
        await _events.Tracker.ApplyAsync(Cpt(), Ref(reprint), "");

        var head = (await _events.Queries.GetHeadAsync(eventId))!;
        Assert.Equal(2, head.Sources.Count);
        Assert.Equal(new DateOnly(2023, 4, 3), head.StepDate);
    }

    [Theory]
    [InlineData("Trump signs executive order to withdraw US from WHO", "President Donald Trump on Monday signed an executive order directing the United States to withdraw.", "2025-01-21", "2025-01-20")]
    [InlineData("Трамп подписал указ о выходе США из ВОЗ", "Президент США в понедельник подписал указ о выходе из ВОЗ.", "2025-01-21", "2025-01-20")]
    [InlineData("Парламент одобрил выход", "Депутаты во вторник проголосовали за выход.", "2025-01-22", "2025-01-21")]
    [InlineData("U.S. formally notifies UN of withdrawal", "The United States submitted its notice on Monday; the exit takes effect a year later.", "2025-01-28", "2025-01-27")]
    [InlineData("Hungary's parliament votes to leave the ICC", "Hungarian lawmakers on Tuesday approved a bill.", "2025-05-20", null)]
    [InlineData("Talks on Monday", "The vote on Tuesday followed the talks.", "2025-01-21", null)]
    [InlineData("Treaty signed", "The treaty was signed on Sunday by both leaders.", "2025-01-21", null)]
    [InlineData("Parliament passes law", "The law passed. Protests followed on Monday night.", "2025-01-21", null)]
    [InlineData("Parliament to vote", "Parliament will vote next Monday.", "2025-01-21", null)]
    public void A_report_dated_by_the_weekday_before_its_publication_day_dates_the_step_by_that_day(string title, string summary, string published, string? expected)
        => Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            EffectiveDates.ReportedWeekday(title, summary, DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_step_an_agency_dates_on_monday_in_a_report_out_after_midnight_utc_is_dated_monday()
    {
        // Session 8: the US executive order on the WHO (Monday 20 January 2025) was posted "Date: 21 January 2025", the
        // day AP's report came out in UTC, though the report itself says "on Monday".
        var detection = new TreatyDetection(new TreatyRef("un:IX-1", "Constitution of the World Health Organization"), TreatyAction.Withdrawal, ["US"], TreatyMilestone.Enacted, 0.9, ["withdraw"]);
        var report = new SourceRef("news", "https://news.example/who", "Trump signs executive order to withdraw US from World Health Organization",
            new DateTimeOffset(2023, 4, 4, 1, 10, 0, TimeSpan.Zero), SourceLevel.Media, "en");

        var change = await _events.Tracker.ApplyAsync(detection, report, "President Donald Trump on Monday signed an executive order directing the United States to withdraw from the World Health Organization.");

        Assert.Equal(new DateOnly(2023, 4, 3), change!.StepDate);
        var (en, ru) = Posts(change);
        Assert.Contains("Date: 3 April 2023.", en);
        Assert.Contains("Дата: 3 апреля 2023 г.", ru);
    }
}
