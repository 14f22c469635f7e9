using System.Net;
using System.Net.Sockets;
using Alerts.Core.Posting;
using Alerts.Telegram;
using Alerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Integration.Tests.Posting;

public sealed class TelegramChannelSenderTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private ServiceProvider _services = null!;
    private readonly CapturingLoggerFactory _logs = new();

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _services = Services(_telegram.BaseUrl, _telegram.Token, timeoutSeconds: 2);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    private ServiceProvider Services(string baseUrl, string token, int timeoutSeconds, int connectTimeoutSeconds = 10)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = token,
            ["Telegram:ApiBaseUrl"] = baseUrl,
            ["Telegram:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:ConnectTimeoutSeconds"] = connectTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:ProbeTimeoutSeconds"] = "1",
        }).Build();
        var services = new ServiceCollection();
        // Trace level with the capturing provider: whatever HttpClient or the sender would log is seen here.
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddAlertsTelegram(configuration);
        return services.BuildServiceProvider();
    }

    private IChannelSender Sender => _services.GetRequiredService<IChannelSender>();

    [Fact]
    public async Task Posts_html_with_the_requested_preview_and_reply_and_returns_the_message_id()
    {
        var first = await Sender.SendAsync(new OutgoingPost("-1001", "<b>Alert</b> &amp; more", DisableLinkPreview: true));
        var second = await Sender.SendAsync(new OutgoingPost("-1001", "reply", DisableLinkPreview: false, ReplyToMessageId: first.MessageId));

        Assert.Equal(SendOutcome.Sent(1), first);
        Assert.Equal(SendOutcome.Sent(2), second);
        var calls = _telegram.CallsOf("sendMessage");
        Assert.Equal(2, calls.Count);
        Assert.Equal(("-1001", "<b>Alert</b> &amp; more", "HTML", true, (long?)null), (calls[0].ChatId, calls[0].Text, calls[0].ParseMode?.ToUpperInvariant(), calls[0].LinkPreviewDisabled, calls[0].ReplyToMessageId));
        Assert.Equal((false, (long?)1), (calls[1].LinkPreviewDisabled, calls[1].ReplyToMessageId));
        Assert.Equal("Alert & more", _telegram.Messages("-1001")[0].PlainText);
    }

    [Fact]
    public async Task Edits_a_message_and_treats_not_modified_as_done()
    {
        var sent = await Sender.SendAsync(new OutgoingPost("@alerts", "v1"));

        var edited = await Sender.EditAsync(new OutgoingPost("@alerts", "<i>v2</i>"), sent.MessageId!.Value);
        var again = await Sender.EditAsync(new OutgoingPost("@alerts", "<i>v2</i>"), sent.MessageId!.Value);

        Assert.Equal(SendOutcome.Sent(1), edited);
        Assert.Equal(SendOutcome.Sent(1), again);
        Assert.Equal(2, _telegram.CallsOf("editMessageText").Count);
        var message = Assert.Single(_telegram.Messages("@alerts"));
        Assert.Equal(("<i>v2</i>", 1), (message.Html, message.EditCount));
    }

    [Fact]
    public async Task Maps_each_telegram_refusal_to_its_outcome()
    {
        _telegram.FailNext(new FakeTelegramFault.TooManyRequests(17));
        _telegram.FailNext(new FakeTelegramFault.Kicked());
        _telegram.FailNext(new FakeTelegramFault.Migrated(-1009876543210));
        _telegram.FailNext(new FakeTelegramFault.BadEntities());
        _telegram.FailNext(new FakeTelegramFault.ServerError(502));
        var post = new OutgoingPost("-1001", "<b>x</b>");

        var outcomes = new List<SendOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await Sender.SendAsync(post));
        }

        Assert.Equal((SendStatus.RetryLater, TimeSpan.FromSeconds(17)), (outcomes[0].Status, outcomes[0].RetryAfter));
        Assert.Equal(SendStatus.ChannelGone, outcomes[1].Status);
        Assert.Contains("kicked", outcomes[1].Error);
        Assert.Equal((SendStatus.ChatMigrated, "-1009876543210"), (outcomes[2].Status, outcomes[2].MigratedToChatId));
        Assert.Equal(SendStatus.BadMarkup, outcomes[3].Status);
        Assert.Equal((SendStatus.RetryLater, (TimeSpan?)null), (outcomes[4].Status, outcomes[4].RetryAfter));
        Assert.Equal(5, _telegram.CallsOf("sendMessage").Count);
        Assert.Equal(0, _telegram.PostedCount);
    }

    [Fact]
    public async Task Html_telegram_would_refuse_comes_back_as_bad_markup_and_too_long_as_failed()
    {
        var badTag = await Sender.SendAsync(new OutgoingPost("-1001", "a<br>b"));
        var bareAmp = await Sender.SendAsync(new OutgoingPost("-1001", "Q & A"));
        var tooLong = await Sender.SendAsync(new OutgoingPost("-1001", new string('x', 4097)));
        var justFits = await Sender.SendAsync(new OutgoingPost("-1001", "<b>" + new string('x', 4095) + "</b>&amp;"));

        Assert.Equal(SendStatus.BadMarkup, badTag.Status);
        Assert.Equal(SendStatus.BadMarkup, bareAmp.Status);
        Assert.Equal(SendStatus.Failed, tooLong.Status);
        Assert.Contains("message is too long", tooLong.Error);
        Assert.Equal(SendStatus.Sent, justFits.Status);
    }

    [Fact]
    public async Task A_timeout_after_the_request_left_is_unknown_and_a_refused_connection_was_not_sent()
    {
        _telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30), PostAnyway: true));

        var timedOut = await Sender.SendAsync(new OutgoingPost("-1001", "late"));

        Assert.Equal(SendStatus.Unknown, timedOut.Status);
        Assert.Equal(1, _telegram.PostedCount); // Telegram posted it; the client cannot know.

        await using var closed = Services($"http://127.0.0.1:{FreePort()}", _telegram.Token, timeoutSeconds: 2);
        var refused = await closed.GetRequiredService<IChannelSender>().SendAsync(new OutgoingPost("-1001", "x"));
        Assert.Equal(SendStatus.NotSent, refused.Status);
    }

    [Fact]
    public async Task A_connect_timeout_on_a_full_listener_backlog_was_not_sent()
    {
        using var backlog = new FullBacklogListener();
        await using var services = Services(backlog.BaseUrl, _telegram.Token, timeoutSeconds: 5, connectTimeoutSeconds: 1);

        var outcome = await services.GetRequiredService<IChannelSender>().SendAsync(new OutgoingPost("-1001", "x"));

        Assert.Equal(SendStatus.NotSent, outcome.Status);
    }

    [Fact]
    public async Task A_connection_reset_before_the_request_was_read_was_not_sent_and_a_hang_after_it_is_unknown()
    {
        await using var faults = new FakeTelegramConnectionFaults(_telegram, ConnectionFault.Reset);
        // A generous timeout for the reset: on a loaded machine the relay may accept late, and a timeout after the
        // request was written (into the kernel's accept queue) is rightly unknown.
        await using (var patient = Services(faults.BaseUrl, _telegram.Token, timeoutSeconds: 20))
        {
            var reset = await patient.GetRequiredService<IChannelSender>().SendAsync(new OutgoingPost("-1001", "x"));
            Assert.True(reset.Status == SendStatus.NotSent, $"{reset.Status}: {reset.Error}");
        }
        await using var services = Services(faults.BaseUrl, _telegram.Token, timeoutSeconds: 1);
        var sender = services.GetRequiredService<IChannelSender>();
        faults.Mode = ConnectionFault.Hang;
        var hung = await sender.SendAsync(new OutgoingPost("-1001", "y"));
        var probe = await sender.ProbeAsync();
        faults.Mode = ConnectionFault.Pass;
        var passed = await sender.SendAsync(new OutgoingPost("-1001", "z"));

        Assert.Equal(SendStatus.Unknown, hung.Status);
        Assert.False(probe);
        Assert.Equal(SendStatus.Sent, passed.Status);
        Assert.Equal(["z"], _telegram.Messages("-1001").Select(m => m.PlainText));
    }

    [Fact]
    public async Task The_token_never_appears_in_logs_or_outcomes()
    {
        _telegram.FailNext(new FakeTelegramFault.TooManyRequests(3));
        _telegram.FailNext(new FakeTelegramFault.ServerError(500));
        _telegram.FailNext(new FakeTelegramFault.Timeout(TimeSpan.FromSeconds(30)));
        var outcomes = new List<SendOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await Sender.SendAsync(new OutgoingPost("-1001", "x" + i)));
        }
        await using (var closed = Services($"http://127.0.0.1:{FreePort()}", _telegram.Token, timeoutSeconds: 2))
        {
            outcomes.Add(await closed.GetRequiredService<IChannelSender>().SendAsync(new OutgoingPost("-1001", "x")));
        }
        await using (var wrongHost = Services("http://invalid-host.invalid", _telegram.Token, timeoutSeconds: 2))
        {
            outcomes.Add(await wrongHost.GetRequiredService<IChannelSender>().SendAsync(new OutgoingPost("-1001", "x")));
        }

        var secret = _telegram.Token[(_telegram.Token.IndexOf(':') + 1)..];
        Assert.Equal([SendStatus.RetryLater, SendStatus.RetryLater, SendStatus.Unknown, SendStatus.Sent, SendStatus.NotSent, SendStatus.NotSent], outcomes.Select(o => o.Status));
        Assert.True(_logs.Logs.Count >= 5, "the refusals were logged");
        Assert.DoesNotContain(secret, _logs.AllText);
        Assert.All(outcomes, o => Assert.DoesNotContain(secret, o.Error ?? ""));
    }

    [Fact]
    public void The_redactor_removes_the_token_in_every_form()
    {
        var redactor = new TokenRedactor(FakeTelegramServer.DefaultToken);
        var url = "https://api.telegram.org/bot" + FakeTelegramServer.DefaultToken + "/sendMessage";

        var text = redactor.Redact($"{url} {Uri.EscapeDataString(FakeTelegramServer.DefaultToken)} {FakeTelegramServer.DefaultToken.Split(':')[1]}");

        Assert.Equal("https://api.telegram.org/bot<redacted>/sendMessage <redacted> <redacted>", text);
        Assert.DoesNotContain("AAH", redactor.Describe(new HttpRequestException("failed " + url, new IOException(url))));
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/bot-token/)", "unresolved Key Vault reference")]
    [InlineData("", "is required")]
    [InlineData("not-a-token-secretvalue", "is not a bot token")]
    public void A_bad_token_fails_at_start_naming_the_setting_but_not_the_value(string token, string problem)
    {
        using var services = Services("https://api.telegram.org", token, timeoutSeconds: 5);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Contains("Telegram:BotToken", ex.Message);
        Assert.Contains(problem, ex.Message);
        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, ex.Message);
            Assert.DoesNotContain("kv.vault", ex.Message);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
