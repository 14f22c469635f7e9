using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

public sealed class CliCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Bad_channel_configuration_fails_at_start_naming_the_key()
    {
        var config = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new[] { new { Id = "main", ChatId = "@x", Language = "fr" } },
        });

        var result = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Channels:0:Language", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dry run", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_filters_take_the_vocabulary_names_and_reject_others_naming_the_key()
    {
        var good = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new[] { new { Id = "main", ChatId = "@x", Language = "en", Actions = new[] { "entry_into_force", "withdrawal" }, MinimumLevel = "official" } },
        }, "good.json");
        var bad = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new[] { new { Id = "main", ChatId = "@x", Language = "en", Actions = new[] { "quits" } } },
        }, "bad.json");

        var accepted = await _cli.RunAsync("sources", "--config", good, "--store", _cli.StoreArgument);
        var refused = await _cli.RunAsync("run", "--once", "--config", bad, "--store", _cli.StoreArgument);

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("Channels:0", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_source_url_fails_at_start_naming_the_source()
    {
        var config = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Sources = new[] { new { Id = "broken", Url = "file:///etc/passwd", Group = "news" } },
        });

        var result = await _cli.RunAsync("sources", "--config", config, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Sources[broken]:Url", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_source_kind_fails_at_start_listing_the_kinds_of_the_registry()
    {
        var config = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Sources = new[] { new { Id = "pigeon", Url = "https://example.org/feed", Kind = "carrier-pigeon", Group = "news" } },
        });

        var result = await _cli.RunAsync("sources", "--config", config, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Sources[pigeon]:Kind: 'carrier-pigeon' is not a source kind (", result.Error, StringComparison.Ordinal);
        Assert.Contains("coe-signatures", result.Error, StringComparison.Ordinal);
        Assert.Contains("rss", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_config_file_is_named()
    {
        var result = await _cli.RunAsync("sources", "--config", Path.Combine(_cli.WorkDir, "nope.json"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nope.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_without_channels_says_why_it_prints_no_post_and_one_with_a_channel_does_not()
    {
        var bare = await _cli.RunAsync("run", "--once", "--config", _cli.WriteConfig(new { UseDefaultSources = false }, "bare.json"), "--store", _cli.StoreArgument);
        var withChannel = await _cli.RunAsync("run", "--once", "--store", _cli.StoreArgument, "--config", _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new[] { new { Id = "main", ChatId = "@x", Language = "en" } },
        }, "channel.json"));

        Assert.True(bare.ExitCode == 0, bare.ToString());
        Assert.Contains("dry run with no channels configured", bare.Error, StringComparison.Ordinal);
        Assert.True(withChannel.ExitCode == 0, withChannel.ToString());
        Assert.DoesNotContain("no channels configured", withChannel.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_catalogue_overrides_by_id_and_lists_health()
    {
        var config = _cli.WriteConfig(new
        {
            Sources = new object[]
            {
                new { Id = "extra-feed", Url = "https://example.org/rss", Group = "news", Interval = "00:20:00" },
            },
        });

        var result = await _cli.RunAsync("sources", "--format", "jsonl", "--config", config, "--store", _cli.StoreArgument);

        Assert.Equal(0, result.ExitCode);
        var rows = result.JsonLines();
        Assert.Contains(rows, r => r.GetProperty("id").GetString() == "extra-feed" && r.GetProperty("stale").GetBoolean() == false);
        Assert.True(rows.Count > 1, "the default catalogue in config/ is loaded too: " + result);
    }

    [Fact]
    public async Task Eval_scores_detector_above_keyword_baseline_on_the_dev_corpus()
    {
        var result = await _cli.RunAsync("eval", RepositoryPaths.TestData("corpus-dev"), "--baseline", "--format", "json", "--store", _cli.StoreArgument);

        Assert.Equal(0, result.ExitCode);
        var reports = result.JsonLines();
        Assert.Equal(2, reports.Count);
        var detector = reports[0].GetProperty("f1").GetDouble();
        var baseline = reports[1].GetProperty("f1").GetDouble();
        Assert.True(detector > baseline + 0.2, $"detector F1 {detector} vs baseline {baseline}");
        Assert.True(reports[0].GetProperty("precision").GetDouble() > reports[1].GetProperty("precision").GetDouble());
    }

    [Fact]
    public async Task Eval_scores_several_corpora_side_by_side_with_languages()
    {
        var result = await _cli.RunAsync("eval", RepositoryPaths.TestData("corpus-dev"), RepositoryPaths.TestData("corpus-dev2"), "--format", "json", "--store", _cli.StoreArgument);

        Assert.Equal(0, result.ExitCode);
        var reports = result.JsonLines();
        Assert.Equal(2, reports.Count);
        Assert.Equal(1626, reports[0].GetProperty("items").GetInt32());
        Assert.Equal(2461, reports[1].GetProperty("items").GetInt32());
        Assert.EndsWith("corpus-dev2", reports[1].GetProperty("corpus").GetString(), StringComparison.Ordinal);
        var languages = reports[1].GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("language").GetString()).ToList();
        Assert.Equal(["en", "pl", "ru"], languages);

        var text = await _cli.RunAsync("eval", RepositoryPaths.TestData("corpus-dev"), RepositoryPaths.TestData("corpus-dev2"), "--misses", "--store", _cli.StoreArgument);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("| corpus | detector |", text.Output, StringComparison.Ordinal);
        Assert.Contains("misses (", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_names_a_folder_that_is_not_a_corpus()
    {
        var result = await _cli.RunAsync("eval", _cli.WorkDir);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("items.jsonl", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_renders_a_change_file_in_the_channel_language()
    {
        var change = new TreatyChange
        {
            EventId = "coe-126.withdrawal.ru",
            Revision = 1,
            Treaty = new TreatyRef("coe:126", "European Convention for the Prevention of Torture"),
            Action = TreatyAction.Withdrawal,
            States = ["RU"],
            Milestone = TreatyMilestone.Proposed,
            Confidence = 0.9,
            Level = SourceLevel.Official,
            Title = "О внесении Президенту Российской Федерации предложения о денонсации Европейской конвенции по предупреждению пыток",
            Sources = [new SourceRef("government-ru", "http://government.ru/docs/1", "Decree", new DateTimeOffset(2025, 8, 26, 0, 0, 0, TimeSpan.FromHours(3)), SourceLevel.Official, "ru")],
            DetectedAt = DateTimeOffset.Parse("2025-08-26T09:00:00Z", CultureInfo.InvariantCulture),
        };
        var file = Path.Combine(_cli.WorkDir, "change.json");
        await File.WriteAllTextAsync(file, MessageJson.Serialize(change));

        var english = await _cli.RunAsync("preview", file, "--language", "en", "--store", _cli.StoreArgument);
        var russian = await _cli.RunAsync("preview", file, "--language", "ru", "--store", _cli.StoreArgument);

        Assert.Equal(0, english.ExitCode);
        Assert.Equal(0, russian.ExitCode);
        Assert.Contains("📤", english.Output, StringComparison.Ordinal);
        Assert.Contains("Prevention of Torture", english.Output, StringComparison.Ordinal);
        Assert.Contains("пыток", russian.Output, StringComparison.Ordinal);
        Assert.Contains("http://government.ru/docs/1", english.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_names_an_unknown_event()
    {
        var result = await _cli.RunAsync("preview", "no-such-event", "--store", _cli.StoreArgument);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("no-such-event", result.Error, StringComparison.Ordinal);
    }
}
