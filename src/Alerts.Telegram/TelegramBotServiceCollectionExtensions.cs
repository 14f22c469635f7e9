using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Telegram;

public static class TelegramBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TelegramBot"/> (section <c>Bot</c>, and <c>Telegram</c> for the token and API URL) with its own
    /// HttpClient, whose timeout leaves room for a long poll, and <see cref="BotUpdateHandler"/> for the bot-updates queue. Needs the conversation (<c>AddSubscriptions</c>).
    /// </summary>
    public static IServiceCollection AddTelegramBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section));
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.AddHttpClient<TelegramBot>(TelegramBot.HttpClientName, (sp, http) =>
            {
                var telegram = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
                http.Timeout = TimeSpan.FromSeconds(telegram.TimeoutSeconds + bot.PollTimeoutSeconds);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => TelegramServiceCollectionExtensions.CreatePrimaryHandler(sp.GetRequiredService<IOptions<TelegramOptions>>().Value))
            .RemoveAllLoggers();
        services.AddTransient<BotUpdateHandler>();
        return services;
    }
}
