using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

public class BackfillDigestTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en", Backfill = "digest" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru", Backfill = "digest" };

    private static TreatyChange Seed() => AlertFormatter.SampleChange;

    private static TreatyChange Unknown => AlertFormatter.SampleChange with
    {
        EventId = "unknown.withdrawal.ru",
        Treaty = new TreatyRef(TreatyRef.UnknownId, "an agreement"),
        StepDate = new DateOnly(2025, 9, 1),
    };

    [Fact]
    public void A_first_poll_without_old_events_gives_no_digest()
        => Assert.Null(BackfillDigest.Build("gov", SourceLevel.Official, [], Now));

    [Fact]
    public void Old_items_of_one_step_are_one_entry_at_the_most_advanced_stage_newest_step_first()
    {
        var older = Seed() with { Treaty = new TreatyRef("coe:1", "Statute of the Council of Europe"), StepDate = new DateOnly(2022, 3, 15) };
        var proposal = Seed();
        var law = Seed() with { Milestone = TreatyMilestone.Enacted, Step = null, StepDate = new DateOnly(2025, 10, 28) };

        var digest = BackfillDigest.Build("gov", SourceLevel.Official, [older, proposal, law], Now)!;

        Assert.Equal("digest.gov", digest.EventId);
        Assert.Equal(1, digest.Revision);
        Assert.Equal([TreatyMilestone.Enacted, TreatyMilestone.Proposed], digest.Digest!.Select(e => e.Milestone));
        Assert.Equal(["coe:126", "coe:1"], digest.Digest!.Select(e => e.Treaty.Id));
    }

    [Fact]
    public void An_old_decree_is_an_entry_dated_by_the_act_and_refined_to_its_procedure_step()
    {
        var decree = new SourceRef("government-ru-docs", "http://government.ru/docs/all/160340/",
            "О внесении предложения о денонсации Российской Федерацией Соглашения об утилизации плутония",
            new DateTimeOffset(2025, 7, 31, 9, 0, 0, TimeSpan.Zero), SourceLevel.Official, "ru");
        var detection = new Alerts.Core.Detection.TreatyDetection(new TreatyRef("ru-us-plutonium-2000", "Plutonium Management and Disposition Agreement"),
            TreatyAction.Withdrawal, ["RU"], TreatyMilestone.Proposed, 0.95, []);

        var entry = BackfillDigest.Entry(detection, decree, "Постановление от 30 июля 2025 г. № 1144", Now);

        Assert.Equal(new DateOnly(2025, 7, 30), entry.StepDate);
        Assert.Equal(TreatyMilestone.Proposed, entry.Milestone);
        Assert.Equal(TreatyMilestone.Proposed, Assert.Single(entry.Sources).Reports);
        Assert.Equal("ru-us-plutonium-2000|withdrawal|RU", entry.EventId);
    }

    [Fact]
    public void An_old_item_is_dated_by_the_day_its_publisher_gave_not_the_utc_day()
    {
        var detection = new Alerts.Core.Detection.TreatyDetection(new TreatyRef("ru-us-plutonium-2000", "Plutonium Management and Disposition Agreement"),
            TreatyAction.Withdrawal, ["RU"], TreatyMilestone.Proposed, 0.95, []);
        // Just after midnight in Moscow (30 July in UTC): the decree of 31 July is no act dated after its publication.
        var decree = new SourceRef("government-ru-docs", "http://government.ru/docs/all/160341/",
            "О внесении предложения о денонсации Российской Федерацией Соглашения об утилизации плутония",
            new DateTimeOffset(2025, 7, 31, 0, 30, 0, TimeSpan.FromHours(3)), SourceLevel.Official, "ru");
        // An evening in New York (4 April in UTC).
        var report = new SourceRef("news", "https://news.example/plutonium", "Russia moves to quit plutonium deal",
            new DateTimeOffset(2023, 4, 3, 20, 0, 0, TimeSpan.FromHours(-5)), SourceLevel.Media, "en");

        Assert.Equal(new DateOnly(2025, 7, 31), BackfillDigest.Entry(detection, decree, "Постановление от 31 июля 2025 г. № 1150", Now).StepDate);
        Assert.Equal(new DateOnly(2023, 4, 3), BackfillDigest.Entry(detection, report, "", Now).StepDate);
    }

    [Fact]
    public void An_entry_with_a_future_or_missing_publication_date_is_dated_now_not_ahead()
    {
        var detection = new Alerts.Core.Detection.TreatyDetection(new TreatyRef("ru-us-plutonium-2000", "Plutonium Management and Disposition Agreement"),
            TreatyAction.Withdrawal, ["RU"], TreatyMilestone.Proposed, 0.95, []);
        var future = new SourceRef("news", "https://news.example/future", "Russia moves to quit plutonium deal",
            Now.AddDays(40), SourceLevel.Media, "en");

        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime), BackfillDigest.Entry(detection, future, "", Now).StepDate);
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime), BackfillDigest.Entry(detection, future with { Published = null }, "", Now).StepDate);
    }

    [Fact]
    public void A_digest_of_many_long_old_events_still_fits_a_queue_message()
    {
        var longTitle = new string('я', 4000);
        var many = Enumerable.Range(1, 60).Select(i => Seed() with
        {
            Treaty = new TreatyRef($"coe:{i}", longTitle),
            Title = longTitle,
            Summary = longTitle,
            Sources = [.. Enumerable.Range(1, 8).Select(j => new SourceRef("s", $"https://example.org/{i}/{j}", longTitle, Now, SourceLevel.Media, "ru"))],
        });

        var digest = BackfillDigest.Build("gov", SourceLevel.Media, many, Now)!;

        Assert.InRange(digest.Digest!.Count, 1, BackfillDigest.MaxEntries);
        Assert.NotNull(MessageJson.SerializeForQueue(digest));
        // Ordinary old events all fit.
        var ordinary = BackfillDigest.Build("gov", SourceLevel.Media, Enumerable.Range(1, 60).Select(i => Seed() with { Treaty = new TreatyRef($"coe:{i}", "A convention") }), Now)!;
        Assert.Equal(BackfillDigest.MaxEntries, ordinary.Digest!.Count);
    }

    [Fact]
    public void Only_channels_that_take_digests_list_entries_and_never_an_unknown_treaty()
    {
        var digest = BackfillDigest.Build("gov", SourceLevel.Official, [Seed(), Unknown], Now)!;

        Assert.Equal(["coe:126"], BackfillDigest.EntriesFor(digest, English).Select(e => e.Treaty.Id));
        Assert.Empty(BackfillDigest.EntriesFor(digest, new ChannelDefinition { Id = "quiet", ChatId = "-1003", Language = "en" }));
        Assert.Empty(BackfillDigest.EntriesFor(digest, new ChannelDefinition { Id = "us", ChatId = "-1004", Language = "en", Backfill = "digest", States = ["US"] }));
    }

    [Fact]
    public void The_digest_post_says_it_is_old_news_and_dates_each_step_with_its_document()
    {
        var digest = BackfillDigest.Build("gov", SourceLevel.Official, [Seed()], Now)!;

        var en = Assert.Single(RepositoryTemplates.Formatter().Format(digest, English).Parts);
        var ru = Assert.Single(RepositoryTemplates.Formatter().Format(digest, Russian).Parts);

        Assert.Equal(
            "🗂 <b>Earlier steps on treaties, found in a source's archive</b> (not news; checked on 10 January 2026)\n\n"
            + "📤 The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture (ETS 126), 23 August 2025"
            + " — <a href=\"http://government.ru/docs/all/160982/\">Government of Russia</a>",
            en);
        Assert.StartsWith("🗂 <b>Ранее: шаги по договорам", ru, StringComparison.Ordinal);
        Assert.Contains("Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток» (СЕД № 126), 23 августа 2025 г. — <a href=\"http://government.ru/docs/all/160982/\">", ru, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{2,}", System.Text.RegularExpressions.Regex.Replace(ru, "<a [^>]*>.*?</a>|<[^>]+>", " "));
    }

    [Fact]
    public void A_digest_channel_whose_template_has_no_digest_branch_fails_at_start()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "plain.liquid"), "<b>{{ title }}</b>\n{{ date }}");
            var formatter = new AlertFormatter(new AlertTemplates(dir.FullName));
            var channel = new ChannelDefinition { Id = "c", ChatId = "-1", Language = "en", Template = "plain", Backfill = "digest" };

            var ex = Assert.Throws<AlertTemplateException>(() => formatter.ValidateTemplates([channel]));
            Assert.Contains("digest", ex.Message, StringComparison.Ordinal);
            formatter.ValidateTemplates([new ChannelDefinition { Id = "c", ChatId = "-1", Language = "en", Template = "plain" }]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
