using Alerts.Core.Subscriptions;
using Alerts.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Cli.Running;

/// <summary>
/// <c>alerts run</c>'s side of the bot: with a token, subscriptions enabled and no webhook registered, it reads what users
/// write with getUpdates — all waiting updates before a <c>--once</c> cycle, a long poll beside a continuous run.
/// </summary>
internal static class BotPolling
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        if (CliDelivery.HasToken(configuration))
        {
            services.AddTelegramBot(configuration);
        }
    }

    /// <summary>The bot when it should long-poll here; null without a token, with subscriptions off, or when a webhook is set.</summary>
    public static async Task<TelegramBot?> ResolveAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        if (!provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value.Enabled || provider.GetService<TelegramBot>() is not { } bot)
        {
            return null;
        }
        var logger = provider.GetRequiredService<ILogger<TelegramBot>>();
        try
        {
            if (await bot.WebhookUrlAsync(cancellationToken) is { Length: > 0 })
            {
                logger.LogInformation("A webhook is set: updates go there, not to this run");
                return null;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
        {
            logger.LogWarning("Could not ask Telegram for the webhook; the bot does not poll in this run");
            return null;
        }
        return bot;
    }
}
