using Alerts.Cli.Running;
using Alerts.Core.Posting;
using Alerts.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>Telegram when a bot token is configured; otherwise the dry-run printer.</summary>
internal static class CliDelivery
{
    public static bool HasToken(IConfiguration configuration)
        => !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]);

    public static void Add(IServiceCollection services, IConfiguration configuration, CliContext context)
    {
        if (HasToken(configuration))
        {
            services.AddAlertsTelegram(configuration);
        }
        else
        {
            services.AddSingleton<IChannelSender>(new DryRunSender(context));
        }
    }

    /// <summary>
    /// For <c>alerts run</c> without a token: delivery state and the queues go to a scratch store
    /// (<see cref="DryRunStore"/>), so printed posts are never recorded as sent.
    /// </summary>
    public static void KeepDryRunOffTheStore(IServiceCollection services, IConfiguration configuration)
    {
        if (HasToken(configuration))
        {
            return;
        }
        DryRunStore.Register(services);
    }
}
