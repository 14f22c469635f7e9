using System.Text;
using Alerts.Integration.Tests.Cli;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The bot in <c>alerts run --once</c> (SQLite store): a user writes to the bot in a private chat of the fake Telegram
/// server, the run reads it with getUpdates, and personal deliveries go out through the same stages as the channel's,
/// against the loopback feed server serving the archived Moscow Times feed.
/// </summary>
public sealed class BotConversationCliTests : IAsyncLifetime
{
    private const string ChannelChat = "-1009876543210";
    private const long User = 424_242_001;
    private readonly CliHarness _cli = new();
    private LoopbackFeedServer _feeds = null!;
    private FakeTelegramServer _telegram = null!;

    /// <summary>
    /// A second Russian withdrawal, constructed for this test in the Moscow Times' item shape (headline and link made up):
    /// the event after the user unfollowed.
    /// </summary>
    private const string SecondItem = """
            <item>
              <title>Russia Withdraws From the Open Skies Treaty</title>
              <link>https://www.themoscowtimes.com/2025/09/02/russia-withdraws-from-the-open-skies-treaty-a90999</link>
              <guid isPermaLink="true">https://www.themoscowtimes.com/2025/09/02/russia-withdraws-from-the-open-skies-treaty-a90999</guid>
              <pubDate>Tue, 02 Sep 2025 09:00:00 +0000</pubDate>
              <description>President Vladimir Putin signed a law on Russia's withdrawal from the Treaty on Open Skies.</description>
            </item>

        """;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _telegram = await FakeTelegramServer.StartAsync();
        _feeds.Serve(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive());
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        await _telegram.DisposeAsync();
        _cli.Dispose();
    }

    private string Config() => _cli.WriteConfig(new
    {
        UseDefaultSources = false,
        Sources = new[] { new { Id = "mt-cli", Url = _feeds.Url(PipelineFeeds.NewsPath).ToString(), Group = "news", Language = "en", Authority = "media", Interval = "00:00:01", AllowPrivateNetwork = true } },
        Channels = new[] { new { Id = "cli-en", ChatId = ChannelChat, Language = "en", Review = "none" } },
        Telegram = new { BotToken = _telegram.Token, ApiBaseUrl = _telegram.BaseUrl },
        Subscriptions = new { MaxFilters = 3 },
    });

    private async Task<CliResult> RunOnceAsync(string config)
    {
        var result = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static byte[] WithSecondItem()
    {
        var feed = Encoding.UTF8.GetString(PipelineFeeds.MoscowTimesWithSeedStory());
        var first = feed.IndexOf("<item>", StringComparison.Ordinal);
        var lineStart = feed.LastIndexOf('\n', first) + 1;
        return Encoding.UTF8.GetBytes(feed[..lineStart] + SecondItem + feed[lineStart..]);
    }

    [Fact]
    public async Task Start_follow_Russia_a_Russian_withdrawal_arrives_once_unfollow_and_the_next_one_does_not()
    {
        var config = Config();
        _telegram.UserSays(User, "/start");
        _telegram.UserSays(User, "/follow RU");
        await RunOnceAsync(config);

        var answers = _telegram.TextsTo(User);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("Treaty Alerts tells you when a state signs", answers[0], StringComparison.Ordinal);
        Assert.Equal("Following: Russia — all steps, all treaties.\n/list shows everything you follow.", answers[1]);
        Assert.Equal(0, _telegram.PendingUpdates);

        // The seed story: a Russian withdrawal, posted to the channel and to the user, once each.
        _feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        var alerts = _telegram.TextsTo(User).Skip(2).ToList();
        var alert = Assert.Single(alerts);
        Assert.Contains("Prevention of Torture", alert, StringComparison.Ordinal);
        Assert.Single(_telegram.Messages(ChannelChat));
        Assert.Equal(_telegram.Messages(ChannelChat)[0].PlainText, alert);

        _telegram.UserSays(User, "/unfollow RU");
        _feeds.Replace(PipelineFeeds.NewsPath, WithSecondItem());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        // The channel shows the second withdrawal was detected and delivered; the user got only the answer to /unfollow.
        Assert.Equal(2, _telegram.Messages(ChannelChat).Count);
        Assert.Contains("Open Skies", _telegram.Messages(ChannelChat)[1].PlainText, StringComparison.Ordinal);
        var after = _telegram.TextsTo(User).Skip(3).ToList();
        Assert.Equal(["No longer following: Russia — all steps, all treaties."], after);
    }
}
