using System.Text.Json;
using Alerts.Core.Feeds;
using Alerts.Integration.Tests.Cli;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// <c>alerts feed</c> after <c>alerts run --once</c> has made the seed event from the seed decree and story
/// (loopback feed server, fake Telegram, the embedded SQLite store).
/// </summary>
public sealed class FeedCommandTests : IAsyncLifetime
{
    private const string ChatId = "-1009876543210";
    private const string OperatorChat = "-1000000000002";
    private readonly CliHarness _cli = new();
    private PipelineRig _rig = null!;
    private LoopbackFeedServer _feeds = null!;
    private FakeTelegramServer _telegram = null!;

    public async Task InitializeAsync()
    {
        _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()), (PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocsBeforeTheDecree()));
        (_feeds, _telegram) = (_rig.Feeds, _rig.Telegram);
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Feed_writes_atom_and_json_feed_files_for_all_events_the_state_and_the_treaty_without_private_data()
    {
        var config = _cli.WriteConfig(_rig.Settings(pollInterval: "00:00:01").Source("mt-feed", PipelineFeeds.NewsPath)
            .Source("government-ru-docs", PipelineFeeds.DocsPath, "decrees", "ru", "official").Channel("feed-en", ChatId).Bot(operatorChat: OperatorChat));
        async Task RunOnceAsync()
        {
            var run = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        await RunOnceAsync();
        _feeds.Replace(PipelineFeeds.DocsPath, PipelineFeeds.GovernmentDocs());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync();
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync();

        var output = Path.Combine(_cli.WorkDir, "feeds");
        var result = await _cli.RunAsync("feed", "--out", output, "--store", _cli.StoreArgument, "--config", config);
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var name in new[] { "all", "state/RU", "treaty/coe-126" })
        {
            var atomBytes = await File.ReadAllBytesAsync(Path.Combine(output, name + ".atom"));
            var atom = FeedParser.ParseDocument(atomBytes);
            Assert.Equal("atom10", atom.Version);
            Assert.Empty(atom.Warnings);
            Assert.Equal("urn:treaty-alerts:feed:" + Uri.EscapeDataString(name), atom.Id);
            var entry = Assert.Single(atom.Entries, e => e.Id == "urn:treaty-alerts:event:coe-126.withdrawal.ru");
            // The treaty named from the catalogue in the feed's language (the decree that opened the event is Russian).
            Assert.Equal("European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment: withdrawal by Russia (proposed)", entry.Title?.Value);
            Assert.NotNull(entry.Updated);
            // The decree (official) is the entry's link; the news story is among its sources.
            Assert.Equal("http://government.ru/docs/all/160982/", entry.Link);
            Assert.Contains(entry.Links, l => l.Contains("russia-to-quit-europes-anti-torture-convention", StringComparison.Ordinal));
            var content = Assert.Single(entry.Contents).Value;
            Assert.Contains("Stage: proposed", content, StringComparison.Ordinal);
            Assert.Contains("Date of the step: 2025-08-23", content, StringComparison.Ordinal);

            var jsonBytes = await File.ReadAllBytesAsync(Path.Combine(output, name + ".json"));
            using var json = JsonDocument.Parse(jsonBytes);
            Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
            var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == "urn:treaty-alerts:event:coe-126.withdrawal.ru");
            Assert.Equal(atom.Entries.Count, json.RootElement.GetProperty("items").GetArrayLength());
            Assert.Equal("2025-08-23", item.GetProperty("_treaty_alerts").GetProperty("step_date").GetString());

            // No private data: chat ids, the operator chat and the bot token appear in neither file.
            foreach (var text in new[] { System.Text.Encoding.UTF8.GetString(atomBytes), System.Text.Encoding.UTF8.GetString(jsonBytes) })
            {
                Assert.DoesNotContain(ChatId, text, StringComparison.Ordinal);
                Assert.DoesNotContain(OperatorChat, text, StringComparison.Ordinal);
                Assert.DoesNotContain(_telegram.Token, text, StringComparison.Ordinal);
                Assert.DoesNotContain("feed-en", text, StringComparison.Ordinal);
            }
        }

        // Every file written passes the third-party validator (RELAX NG of RFC 4287, JSON Feed 1.1 schema, feedsmith).
        var written = Directory.GetFiles(output, "*.*", SearchOption.AllDirectories);
        Assert.Contains(Path.Combine(output, "state", "RU.atom"), written);
        var validated = await FeedValidator.AssertValidAsync(written);
        Assert.Equal(written.Length, validated.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));

        // Only the feeds asked for: one state and one treaty (by its id with ':'), the same bytes as the full run's.
        var selected = Path.Combine(_cli.WorkDir, "feeds-selected");
        var only = await _cli.RunAsync("feed", "--out", selected, "--state", "RU", "--treaty", "coe:126", "--store", _cli.StoreArgument, "--config", config);
        Assert.True(only.ExitCode == 0, only.ToString());
        Assert.Equal(
            [Path.Combine("state", "RU.atom"), Path.Combine("state", "RU.json"), Path.Combine("treaty", "coe-126.atom"), Path.Combine("treaty", "coe-126.json")],
            Directory.GetFiles(selected, "*.*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(selected, f)).Order(StringComparer.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(output, "treaty", "coe-126.json")), await File.ReadAllBytesAsync(Path.Combine(selected, "treaty", "coe-126.json")));
        var unknown = await _cli.RunAsync("feed", "--out", selected, "--state", "ZZ", "--store", _cli.StoreArgument, "--config", config);
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        Assert.Contains("unknown state 'ZZ'", unknown.ToString(), StringComparison.Ordinal);

        var russian = Path.Combine(_cli.WorkDir, "feeds-ru");
        var ru = await _cli.RunAsync("feed", "--out", russian, "--language", "ru", "--store", _cli.StoreArgument, "--config", config);
        Assert.True(ru.ExitCode == 0, ru.ToString());
        var ruEntry = Assert.Single(FeedParser.ParseDocument(await File.ReadAllBytesAsync(Path.Combine(russian, "all.atom"))).Entries, e => e.Id == "urn:treaty-alerts:event:coe-126.withdrawal.ru");
        Assert.Contains("выход — Россия", ruEntry.Title?.Value, StringComparison.Ordinal);
    }
}
