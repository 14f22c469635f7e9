using Alerts.Integration.Tests.Cli;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// <c>alerts run --once</c> on the embedded SQLite default: the same stages as the Functions app,
/// against a loopback feed server serving a real archived feed and a fake Telegram Bot API server.
/// </summary>
public sealed class CliPipelineTests : IAsyncLifetime
{
    private const string ChatId = "-1009876543210";
    private const string RussianChatId = "-1009876543211";
    private readonly CliHarness _cli = new();
    private PipelineRig _rig = null!;

    public async Task InitializeAsync() => _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()));

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _cli.Dispose();
    }

    private string Config(bool withToken = true, string? extraSourceUrl = null, bool withDecrees = false, string review = "uncertain", string backfill = "none", string? operatorChat = null)
    {
        var settings = _rig.Settings(pollInterval: "00:00:01").Source("mt-cli", PipelineFeeds.NewsPath)
            .Channel("cli-en", ChatId, "en", review, backfill)
            .Bot(withToken, operatorChat ?? "");
        if (withDecrees)
        {
            settings.Source("government-ru-docs", PipelineFeeds.DocsPath, "decrees", "ru", "official").Channel("cli-ru", RussianChatId, "ru", review, backfill);
        }
        if (extraSourceUrl is not null)
        {
            settings.SourceAt("broken-feed", extraSourceUrl);
        }
        return _cli.WriteConfig(settings);
    }

    private Task<CliResult> RunOnceAsync(string config) => _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);

    [Fact]
    public async Task Run_once_posts_the_seed_story_exactly_once_and_a_304_poll_adds_nothing()
    {
        using var metrics = new MetricsRecorder(Core.Operations.AlertsMetrics.MeterName);
        var config = Config();

        var first = await RunOnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(_rig.Telegram.CallsOf("sendMessage"));

        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await RunOnceAsync(config);
        Assert.True(second.ExitCode == 0, second.ToString());
        var sent = Assert.Single(_rig.Telegram.CallsOf("sendMessage"));
        Assert.Equal(ChatId, sent.ChatId);
        Assert.Contains("Prevention of Torture", sent.Text, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var third = await RunOnceAsync(config);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(1, _rig.Feeds.NotModifiedCount(PipelineFeeds.NewsPath));
        Assert.Single(_rig.Telegram.CallsOf("sendMessage"));

        // The same story told by the metrics an operator watches: three polls (two fetched, one 304), one post.
        Assert.Equal(2, metrics.Sum("alerts.source.polls", ("source", "mt-cli"), ("status", "fetched")));
        Assert.Equal(1, metrics.Sum("alerts.source.polls", ("source", "mt-cli"), ("status", "not_modified")));
        Assert.Equal(1, metrics.Sum("alerts.deliveries", ("channel", "cli-en"), ("result", "delivered")));

        var events = await _cli.RunAsync("events", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        var only = Assert.Single(events.JsonLines());
        Assert.Equal("coe-126.withdrawal.ru", only.GetProperty("id").GetString());
        Assert.Equal("proposed", only.GetProperty("stage").GetString());

        var timeline = await _cli.RunAsync("events", "show", "coe-126.withdrawal.ru", "--store", _cli.StoreArgument, "--config", config);
        Assert.True(timeline.ExitCode == 0, timeline.ToString());
        Assert.Contains("coe:126", timeline.Output, StringComparison.Ordinal);
        Assert.Contains("stage proposed", timeline.Output, StringComparison.Ordinal);
        Assert.Contains("russia-to-quit-europes-anti-torture-convention", timeline.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_decree_and_the_seed_story_give_one_post_per_channel_saying_the_government_proposed_it()
    {
        _rig.Feeds.Serve(PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocsBeforeTheDecree());
        var config = Config(withDecrees: true);
        var first = await RunOnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());

        // The decree first, then the news story of the same step (each in its own run: deliveries of two
        // revisions of one event in one run are the delivery stage's to serialise).
        _rig.Feeds.Replace(PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocs());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await RunOnceAsync(config);
        Assert.True(second.ExitCode == 0, second.ToString());
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var third = await RunOnceAsync(config);
        Assert.True(third.ExitCode == 0, third.ToString());

        bool Seed(FakeTelegramCall c) => c.Text!.Contains("Torture", StringComparison.Ordinal) || c.Text!.Contains("пыток", StringComparison.Ordinal);
        var english = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == ChatId && Seed(c));
        var russian = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == RussianChatId && Seed(c));
        Assert.Contains(_rig.Telegram.CallsOf("editMessageText"), c => c.ChatId == ChatId && c.Text!.Contains("The Moscow Times", StringComparison.Ordinal));
        string Final(FakeTelegramCall post) => _rig.Telegram.CallsOf("editMessageText").Where(c => c.ChatId == post.ChatId).Select(c => c.Text!).LastOrDefault() ?? post.Text!;
        var en = Final(english);
        var ru = Final(russian);

        Assert.Contains("The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture", en, StringComparison.Ordinal);
        Assert.Contains("Date: 23 August 2025.", en, StringComparison.Ordinal);
        Assert.Contains("The Moscow Times</a>", en, StringComparison.Ordinal);
        Assert.Contains("Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток", ru, StringComparison.Ordinal);
        Assert.Contains("Дата: 23 августа 2025 г.", ru, StringComparison.Ordinal);
        foreach (var text in new[] { en, ru })
        {
            Assert.StartsWith("<a href=\"http://government.ru/docs/all/160982/\">", text[text.IndexOf("<a ", StringComparison.Ordinal)..], StringComparison.Ordinal);
            Assert.True(FakeTelegramHtml.TryParse(text, out _, out var htmlError), htmlError);
        }
        // Russian only, outside the link texts (The Moscow Times keeps its name).
        Assert.DoesNotMatch("[A-Za-z]{2,}", System.Text.RegularExpressions.Regex.Replace(ru, "<a [^>]*>.*?</a>|<[^>]+>", " "));

        var events = await _cli.RunAsync("events", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        Assert.Single(events.JsonLines(), e => e.GetProperty("id").GetString()!.StartsWith("coe-126.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_russian_post_told_only_by_an_english_source_quotes_none_of_it_and_is_what_preview_shows()
    {
        // Only The Moscow Times (English) reports the step: the Russian channel's post is composed from facts.
        _rig.Feeds.Serve(PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocsBeforeTheDecree());
        var config = Config(withDecrees: true);
        var first = await RunOnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await RunOnceAsync(config);
        Assert.True(second.ExitCode == 0, second.ToString());

        var delivered = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == RussianChatId).Text!;
        Assert.Contains("Правительство России предложило выйти из конвенции", delivered, StringComparison.Ordinal);
        Assert.DoesNotContain("Prime Minister Mikhail Mishustin", delivered, StringComparison.Ordinal);
        Assert.DoesNotContain("Europe's Anti-Torture", delivered, StringComparison.Ordinal);
        // No Latin-script sentence outside the link texts (the outlet keeps its name: The Moscow Times).
        var outsideLinks = System.Text.RegularExpressions.Regex.Replace(delivered, "<a [^>]*>.*?</a>|<[^>]+>", " ");
        Assert.DoesNotMatch("[A-Za-z]{2,}", outsideLinks);

        // alerts preview renders the same event with the same templates: the text the channel received.
        var preview = await _cli.RunAsync("preview", "coe-126.withdrawal.ru", "--channel", "cli-ru", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.Equal(delivered, preview.Output.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_first_poll_of_old_decrees_gives_each_digest_channel_one_dated_digest_in_its_language()
    {
        _rig.Feeds.Serve(PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocs());
        var config = Config(withDecrees: true, backfill: "digest");

        // The run's clock is today's: both decrees (23 August and 31 July 2025) are older than the two-day window.
        var first = await RunOnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());
        var en = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == ChatId).Text!;
        var ru = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == RussianChatId).Text!;

        Assert.StartsWith("🗂 <b>Earlier steps", en, StringComparison.Ordinal);
        Assert.Contains("The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture", en, StringComparison.Ordinal);
        Assert.Contains(", 23 August 2025 — <a href=\"http://government.ru/docs/all/160982/\">", en, StringComparison.Ordinal);
        Assert.Contains(", 31 July 2025 — <a href=\"http://government.ru/docs/all/160340/\">", en, StringComparison.Ordinal);
        // Newest first, one line each.
        Assert.True(en.IndexOf("160982", StringComparison.Ordinal) < en.IndexOf("160340", StringComparison.Ordinal), en);
        Assert.Equal(2, en.Split('\n').Count(l => l.Contains("government.ru/docs/all/", StringComparison.Ordinal)));

        Assert.StartsWith("🗂 <b>Ранее", ru, StringComparison.Ordinal);
        Assert.Contains("Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток", ru, StringComparison.Ordinal);
        Assert.Contains(", 23 августа 2025 г. — <a", ru, StringComparison.Ordinal);
        Assert.Contains(", 31 июля 2025 г. — <a", ru, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{2,}", System.Text.RegularExpressions.Regex.Replace(ru, "<a [^>]*>.*?</a>|<[^>]+>", " "));
        foreach (var text in new[] { en, ru })
        {
            Assert.True(FakeTelegramHtml.TryParse(text, out _, out var htmlError), htmlError);
        }

        // The next run announces nothing again; old news opened no event (nothing to follow up or wait on).
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await RunOnceAsync(config);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(2, _rig.Telegram.CallsOf("sendMessage").Count);
        var events = await _cli.RunAsync("events", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        Assert.Empty(events.JsonLines());
    }

    [Fact]
    public async Task A_channel_reviewing_all_holds_the_seed_story_until_the_operator_approves_it()
    {
        const string operatorChat = "-1000000000002";
        var config = Config(review: "all", operatorChat: operatorChat);
        await RunOnceAsync(config);
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);
        Assert.DoesNotContain(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == ChatId);
        // The operator chat hears of the held event once, with the id to approve.
        var notice = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == operatorChat);
        Assert.Contains("ReviewHeld", notice.Text, StringComparison.Ordinal);
        Assert.Contains("alerts review approve cli-en:coe-126.withdrawal.ru", notice.Text, StringComparison.Ordinal);

        var held = await _cli.RunAsync("review", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        var entry = Assert.Single(held.JsonLines());
        Assert.Equal("cli-en:coe-126.withdrawal.ru", entry.GetProperty("id").GetString());
        var unknown = await _cli.RunAsync("review", "approve", "cli-en:no-such-event", "--store", _cli.StoreArgument, "--config", config);
        Assert.Equal(4, unknown.ExitCode);
        Assert.Contains("not a held event", unknown.Error, StringComparison.Ordinal);

        var approve = await _cli.RunAsync("review", "approve", "cli-en:coe-126.withdrawal.ru", "--store", _cli.StoreArgument, "--config", config);
        Assert.True(approve.ExitCode == 0, approve.ToString());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        var post = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == ChatId);
        Assert.Contains("Prevention of Torture", post.Text, StringComparison.Ordinal);
        Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == operatorChat);
        var after = await _cli.RunAsync("review", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        Assert.Empty(after.JsonLines());
    }

    [Fact]
    public async Task Alerts_run_takes_review_decisions_from_the_review_decisions_queue()
    {
        var config = Config(review: "all");
        await RunOnceAsync(config);
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);
        Assert.Empty(_rig.Telegram.CallsOf("sendMessage"));

        // What an operator (or a tool) puts on the queue the Functions app reads; here on the run's own store.
        var queue = new Alerts.Local.SqliteMessageQueue(Alerts.Local.SqliteDatabase.ForFile(Path.Combine(_cli.WorkDir, "alerts.db")), TimeProvider.System);
        await queue.EnqueueAsync(Core.Messages.QueueNames.ReviewDecisions, "{\"id\":\"cli-en:coe-126.withdrawal.ru\",\"approve\":true}");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var run = await RunOnceAsync(config);
        Assert.True(run.ExitCode == 0, run.ToString());

        var post = Assert.Single(_rig.Telegram.CallsOf("sendMessage"));
        Assert.Contains("Prevention of Torture", post.Text, StringComparison.Ordinal);
        var after = await _cli.RunAsync("review", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        Assert.Empty(after.JsonLines());
    }

    [Fact]
    public async Task Without_a_token_run_prints_the_alert_instead_of_sending()
    {
        var config = Config(withToken: false);
        await RunOnceAsync(config);
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var result = await RunOnceAsync(config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"--- dry run: post to {ChatId} ---", result.Output, StringComparison.Ordinal);
        Assert.Contains("Prevention of Torture", result.Output, StringComparison.Ordinal);
        Assert.Empty(_rig.Telegram.Calls);

        // The dry runs kept what they saw (sources, items, events) but recorded no delivery: no ledger entry "sent"
        // with a made-up message id, no post or channel state, nothing on the store's queues.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var store = new Microsoft.Data.Sqlite.SqliteConnection(_cli.StoreArgument);
        store.Open();
        using var count = store.CreateCommand();
        count.CommandText = "SELECT (SELECT COUNT(*) FROM documents WHERE table_name NOT IN ('sources', 'items', 'events')) + (SELECT COUNT(*) FROM messages)";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task A_failing_source_gives_a_non_zero_exit_and_a_table_naming_it_while_others_still_run()
    {
        _rig.Feeds.Fail("/broken", 500);
        var config = Config(extraSourceUrl: _rig.Feeds.Url("/broken").ToString());

        var result = await RunOnceAsync(config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("broken-feed", result.Error, StringComparison.Ordinal);
        Assert.Contains("500", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _rig.Feeds.RequestCount(PipelineFeeds.NewsPath));

        var health = await _cli.RunAsync("sources", "--format", "jsonl", "--store", _cli.StoreArgument, "--config", config);
        var broken = Assert.Single(health.JsonLines(), r => r.GetProperty("id").GetString() == "broken-feed");
        Assert.Equal(1, broken.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(500, broken.GetProperty("lastHttpStatus").GetInt32());
    }
    [Theory]
    [InlineData(null, "The Daily Example")]
    [InlineData("Daily Example Weekly", "Daily Example Weekly")]
    public async Task An_outlet_outside_the_name_table_is_named_by_its_configured_name_else_its_feeds_title_not_its_host(string? configured, string shown)
    {
        // An outlet the posts do not know by host: its feed says who it is ("The Daily Example - World"); a configured Name wins.
        static byte[] Feed(string items) => System.Text.Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>The Daily Example - World</title><link>https://dailyexample.org/</link><description>d</description>
            {items}
            </channel></rss>
            """);
        var seed = File.ReadAllText(RepositoryPaths.TestData("e2e", "seed-item.xml")).Replace("https://www.themoscowtimes.com/", "https://dailyexample.org/", StringComparison.Ordinal);
        _rig.Feeds.Serve("/daily.xml", Feed(""));
        var settings = _rig.Settings(pollInterval: "00:00:01").Source("daily", "/daily.xml").Channel("cli-en", ChatId, "en", "none", "none").Bot(true, "");
        if (configured is not null)
        {
            settings.Set("Sources:0:Name", configured);
        }
        var config = _cli.WriteConfig(settings);
        var first = await RunOnceAsync(config);
        Assert.True(first.ExitCode == 0, first.ToString());

        _rig.Feeds.Replace("/daily.xml", Feed(seed));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var second = await RunOnceAsync(config);
        Assert.True(second.ExitCode == 0, second.ToString());

        var post = Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == ChatId).Text!;
        Assert.Contains($"{shown}</a>", post, StringComparison.Ordinal);
        Assert.DoesNotContain(">Dailyexample.org<", post, StringComparison.Ordinal);
    }
}
