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

    /// <summary>
    /// The bot when it should long-poll here; null without a token, with subscriptions off, when a webhook is set, or when
    /// Telegram does not answer the webhook question within the probe timeout (the pipeline runs on without the bot).
    /// </summary>
    public static async Task<TelegramBot?> ResolveAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        if (!provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value.Enabled || provider.GetService<TelegramBot>() is not { } bot)
        {
            return null;
        }
        var logger = provider.GetRequiredService<ILogger<TelegramBot>>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ShortWait(provider));
        try
        {
            if (await bot.WebhookUrlAsync(timeout.Token) is { Length: > 0 })
            {
                logger.LogInformation("A webhook is set: updates go there, not to this run");
                return null;
            }
        }
        catch (Exception ex) when (IsTelegramFailure(ex, cancellationToken))
        {
            logger.LogWarning("Telegram did not say whether a webhook is set; the bot does not read updates in this run");
            return null;
        }
        return bot;
    }

    /// <summary>
    /// Answers every update waiting now (<c>--once</c>), within one Bot API call timeout; a failure is logged and the
    /// cycle goes on (the updates stay with Telegram for the next run).
    /// </summary>
    public static async Task DrainAsync(TelegramBot bot, IServiceProvider provider, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TelegramOptions>>().Value.TimeoutSeconds));
        try
        {
            await bot.DrainAsync(timeout.Token);
        }
        catch (Exception ex) when (IsTelegramFailure(ex, cancellationToken))
        {
            provider.GetRequiredService<ILogger<TelegramBot>>().LogWarning("Reading the bot's updates failed; they wait for the next run");
        }
    }

    private static TimeSpan ShortWait(IServiceProvider provider)
    {
        var telegram = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        return TimeSpan.FromSeconds(Math.Min(telegram.ProbeTimeoutSeconds, telegram.TimeoutSeconds));
    }

    private static bool IsTelegramFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
