using Alerts.Core.Posting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TelegramChannelSender"/> as the <see cref="IChannelSender"/>, with options from the
    /// <c>Telegram</c> section validated at start. The HttpClient's default request logging is removed: it
    /// writes the request URL, and the Bot API puts the token in the URL.
    /// </summary>
    public static IServiceCollection AddAlertsTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>()
            .Bind(configuration.GetSection(TelegramOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();

        services.AddHttpClient<TelegramChannelSender>(TelegramChannelSender.HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp.GetRequiredService<IOptions<TelegramOptions>>().Value))
            .AddHttpMessageHandler(() => new RequestWriteProbe())
            .RemoveAllLoggers();
        services.AddTransient<IChannelSender>(sp => sp.GetRequiredService<TelegramChannelSender>());
        return services;
    }

    /// <summary>The connection handler for the Bot API: connect attempts time out on their own (a connect timeout sent nothing).</summary>
    public static SocketsHttpHandler CreatePrimaryHandler(TelegramOptions options) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>An HttpClient wired like the registered one (write probe, connect timeout, call timeout), for hosts and tests that build the sender themselves.</summary>
    public static HttpClient CreateHttpClient(TelegramOptions options) =>
        new(new RequestWriteProbe(CreatePrimaryHandler(options))) { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
}
