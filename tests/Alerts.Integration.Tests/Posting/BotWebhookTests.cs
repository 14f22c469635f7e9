using Alerts.Telegram;

namespace Alerts.Integration.Tests.Posting;

public sealed class BotWebhookTests
{
    [Fact]
    public void Only_the_exact_configured_secret_is_accepted()
    {
        const string secret = "s3cret-s3cret-s3cret";
        Assert.True(BotWebhook.Accepts(secret, secret));
        Assert.False(BotWebhook.Accepts("s3cret-s3cret-s3creT", secret));
        Assert.False(BotWebhook.Accepts(secret + "x", secret));
        Assert.False(BotWebhook.Accepts(null, secret));
        Assert.False(BotWebhook.Accepts("", secret));
        Assert.False(BotWebhook.Accepts(secret, null));
        Assert.False(BotWebhook.Accepts("", ""));
    }

    [Theory]
    [InlineData("s3cret-s3cret-s3cret", true)]
    [InlineData("short", false)]
    [InlineData("has spaces in it, sixteen+", false)]
    [InlineData("ünïcode-ünïcode-ünïcode", false)]
    public void Secrets_follow_telegrams_alphabet_and_are_at_least_sixteen_characters(string secret, bool valid)
    {
        Assert.Equal(valid, BotWebhook.IsValidSecret(secret));
    }

    [Fact]
    public void A_webhook_body_is_read_as_an_update_and_anything_else_is_not()
    {
        var update = TelegramBot.ReadUpdate("""{"update_id":7,"message":{"message_id":1,"date":0,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"A","language_code":"ru"},"text":"/start"}}""");
        Assert.Equal(7, update!.Id);
        Assert.Equal("/start", update.Message!.Text);
        Assert.Equal("ru", update.Message.From!.LanguageCode);
        Assert.Null(TelegramBot.ReadUpdate("not json"));
    }
}
