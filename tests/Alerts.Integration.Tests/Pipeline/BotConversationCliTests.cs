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
    private PipelineRig _rig = null!;

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

    public async Task InitializeAsync() => _rig = await PipelineRig.StartAsync((PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesArchive()));

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _cli.Dispose();
    }

    private string Config() => _cli.WriteConfig(_rig.Settings(pollInterval: "00:00:01").Source("mt-bot", PipelineFeeds.NewsPath)
        .Channel("bot-en", ChannelChat, "en", review: "none").Set("Subscriptions:MaxFilters", "3"));

    private async Task<CliResult> RunOnceAsync(string config)
    {
        var result = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The archived feed with the seed story and a second Russian withdrawal (Open Skies) on top.</summary>
    internal static byte[] WithSecondItem()
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
        _rig.Telegram.UserSays(User, "/start");
        _rig.Telegram.UserSays(User, "/follow RU");
        await RunOnceAsync(config);

        var answers = _rig.Telegram.TextsTo(User);
        Assert.Equal(2, answers.Count);
        Assert.StartsWith("Treaty Alerts tells you when a state signs", answers[0], StringComparison.Ordinal);
        Assert.Equal("Following: Russia — all steps, all treaties.\n/list shows everything you follow.", answers[1]);
        Assert.Equal(0, _rig.Telegram.PendingUpdates);

        // The seed story: a Russian withdrawal, posted to the channel and to the user, once each.
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        var alerts = _rig.Telegram.TextsTo(User).Skip(2).ToList();
        var alert = Assert.Single(alerts);
        Assert.Contains("Prevention of Torture", alert, StringComparison.Ordinal);
        Assert.Single(_rig.Telegram.Messages(ChannelChat));
        Assert.Equal(_rig.Telegram.Messages(ChannelChat)[0].PlainText, alert);

        _rig.Telegram.UserSays(User, "/unfollow RU");
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, WithSecondItem());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        // The channel shows the second withdrawal was detected and delivered; the user got only the answer to /unfollow.
        Assert.Equal(2, _rig.Telegram.Messages(ChannelChat).Count);
        Assert.Contains("Open Skies", _rig.Telegram.Messages(ChannelChat)[1].PlainText, StringComparison.Ordinal);
        var after = _rig.Telegram.TextsTo(User).Skip(3).ToList();
        Assert.Equal(["No longer following: Russia — all steps, all treaties."], after);
    }

    private string QuietConfig(object? bot = null) => _cli.WriteConfig(new
    {
        UseDefaultSources = false,
        Sources = Array.Empty<object>(),
        Telegram = new { BotToken = _rig.Telegram.Token, ApiBaseUrl = _rig.Telegram.BaseUrl },
        Subscriptions = new { MaxFilters = 2 },
        Bot = bot ?? new { PollTimeoutSeconds = 0 },
    }, "quiet.json");

    [Fact]
    public async Task A_Russian_user_is_answered_in_Russian_can_switch_and_every_message_gets_a_helpful_answer()
    {
        var config = QuietConfig();
        _rig.Telegram.UserSays(User, "/start", "ru");
        _rig.Telegram.UserSays(User, "/follow Россия выход", "ru");
        _rig.Telegram.UserSays(User, "/follow ДВЗЯИ", "ru");
        _rig.Telegram.UserSays(User, "/follow New START", "ru");
        _rig.Telegram.UserSays(User, "/follow бананы", "ru");
        _rig.Telegram.UserSays(User, "/language en", "ru");
        _rig.Telegram.UserSays(User, "/list", "ru");
        _rig.Telegram.UserSays(User, "/frobnicate", "ru");
        _rig.Telegram.UserSays(User, "Russia", "ru");
        await RunOnceAsync(config);

        var answers = _rig.Telegram.TextsTo(User);
        Assert.Equal(9, answers.Count);
        Assert.StartsWith("Treaty Alerts сообщает, когда государство", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("Подписка: Россия — выход, все договоры.", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("Подписка: Все государства — все шаги, Договор о всеобъемлющем запрещении ядерных испытаний.", answers[2], StringComparison.Ordinal);
        Assert.Equal("У вас уже 2 подписок — это максимум. Сначала отпишитесь от одной: /unfollow.", answers[3]);
        Assert.StartsWith("Не понимаю «бананы»", answers[4], StringComparison.Ordinal);
        Assert.Equal("I will write to you in English.", answers[5]);
        Assert.Equal("You follow:\n1. Russia — withdrawals, all treaties\n2. All states — all steps, Comprehensive Nuclear-Test-Ban Treaty", answers[6]);
        Assert.StartsWith("I don't know /frobnicate.", answers[7], StringComparison.Ordinal);
        Assert.StartsWith("To follow “Russia”, send /follow Russia.", answers[8], StringComparison.Ordinal);

        // The welcome's buttons: one press follows Russia, as if typed.
        var keyboard = _rig.Telegram.LastKeyboard(User.ToString(System.Globalization.CultureInfo.InvariantCulture))!.ToJsonString();
        Assert.Contains("\"callback_data\":\"/language en\"", keyboard, StringComparison.Ordinal);
        _rig.Telegram.UserPresses(User, "/unfollow 2", "ru");
        await RunOnceAsync(config);
        Assert.Equal("No longer following: All states — all steps, Comprehensive Nuclear-Test-Ban Treaty.", _rig.Telegram.TextsTo(User)[^1]);
        Assert.Single(_rig.Telegram.CallsOf("answerCallbackQuery"));
    }

    [Fact]
    public async Task A_redelivered_update_is_answered_once()
    {
        var config = QuietConfig();
        var update = _rig.Telegram.UserSays(User, "/follow RU");
        await RunOnceAsync(config);
        _rig.Telegram.Redeliver(update);
        Assert.Equal(1, _rig.Telegram.PendingUpdates);

        await RunOnceAsync(config);

        Assert.Equal(0, _rig.Telegram.PendingUpdates);
        Assert.Single(_rig.Telegram.TextsTo(User));
    }

    [Fact]
    public async Task With_a_webhook_set_the_run_does_not_poll_and_after_delete_webhook_it_does()
    {
        var config = QuietConfig(new { PollTimeoutSeconds = 0, WebhookUrl = "https://alerts.example.org/api/telegram", WebhookSecret = "s3cret-s3cret-s3cret" });
        var set = await _cli.RunAsync("bot", "set-webhook", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("https://alerts.example.org/api/telegram", _rig.Telegram.WebhookUrl);
        Assert.Equal("s3cret-s3cret-s3cret", _rig.Telegram.WebhookSecret);

        _rig.Telegram.UserSays(User, "/start");
        await RunOnceAsync(config);
        Assert.Empty(_rig.Telegram.TextsTo(User));
        Assert.Empty(_rig.Telegram.CallsOf("getUpdates"));

        var deleted = await _cli.RunAsync("bot", "delete-webhook", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        await RunOnceAsync(config);
        Assert.Single(_rig.Telegram.TextsTo(User));
    }

    [Fact]
    public async Task A_weak_webhook_secret_is_refused_naming_the_key()
    {
        var config = QuietConfig(new { PollTimeoutSeconds = 0, WebhookUrl = "https://alerts.example.org/api/telegram", WebhookSecret = "short" });
        var set = await _cli.RunAsync("bot", "set-webhook", "--config", config, "--store", _cli.StoreArgument);
        Assert.Equal(3, set.ExitCode);
        Assert.Contains("Bot:WebhookSecret", set.Error, StringComparison.Ordinal);
        Assert.Null(_rig.Telegram.WebhookUrl);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_unsubscribed_and_latest_and_event_show_what_was_followed()
    {
        var config = Config();
        var other = User + 1;
        _rig.Telegram.UserSays(User, "/follow RU");
        _rig.Telegram.UserSays(other, "/follow withdrawal");
        await RunOnceAsync(config);
        _rig.Telegram.BlockBot(User);

        _rig.Feeds.Replace(PipelineFeeds.NewsPath, PipelineFeeds.MoscowTimesWithSeedStory());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        var userId = User.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Single(_rig.Telegram.CallsOf("sendMessage"), c => c.ChatId == userId && c.StatusCode == 403);
        Assert.Equal(2, _rig.Telegram.TextsTo(other).Count);

        _rig.Telegram.UserSays(other, "/latest");
        _rig.Telegram.UserSays(other, "/event coe-126.withdrawal.ru");
        _rig.Telegram.UserSays(other, "/event no-such-event");
        _rig.Feeds.Replace(PipelineFeeds.NewsPath, WithSecondItem());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await RunOnceAsync(config);

        // Unsubscribed: the second Russian withdrawal is not even attempted for the blocked user (the answer to
        // /follow and the refused alert are all the bot ever sent there).
        Assert.Equal([200, 403], _rig.Telegram.CallsOf("sendMessage").Where(c => c.ChatId == userId).Select(c => c.StatusCode));
        var texts = _rig.Telegram.TextsTo(other);
        Assert.Contains("The latest events you follow:", texts[2], StringComparison.Ordinal);
        Assert.Contains("Russia — withdrawals: Anti-Torture Convention", texts[2], StringComparison.Ordinal);
        Assert.Contains("/event coe-126.withdrawal.ru", texts[2], StringComparison.Ordinal);
        Assert.Contains("Russia to Quit Europe's Anti-Torture Convention", texts[3], StringComparison.Ordinal);
        Assert.StartsWith("I know no event “no-such-event”.", texts[4], StringComparison.Ordinal);
        Assert.Contains("Open Skies", texts[5], StringComparison.Ordinal);
    }
}
