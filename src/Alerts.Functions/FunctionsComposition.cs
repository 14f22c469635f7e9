using Alerts.Azure;
using Alerts.Core;
using Alerts.Hosting;
using Alerts.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Functions;

/// <summary>
/// The Functions app's composition root: one <c>AddAlerts…</c> per layer (Core, Hosting, Azure Storage,
/// Telegram) and the trigger runner, in one place so tests build the very same container the host does. Storage comes from the <c>AzureWebJobsStorage</c> settings the triggers use
/// (identity-based in Azure, <c>UseDevelopmentStorage=true</c> locally).
/// </summary>
public static class FunctionsComposition
{
    public static IServiceCollection AddAlertsFunctions(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddAlertsCore(configuration);
        services.AddAlertsHosting(configuration, baseDirectory);
        services.AddAlertsAzureStorage(_ => AzureStorageConnection.FromSettings(key => configuration[key]).WithNamePrefix(FunctionsNamePrefix(configuration)));
        services.AddAlertsTelegram(configuration);
        // The bot's webhook and its answers (TelegramWebhook, AnswerBotUpdate).
        services.AddTelegramBot(configuration);
        services.AddSingleton<QueueTriggerRunner>();
        return services;
    }

    /// <summary>
    /// <c>Store:NamePrefix</c> for the Functions app: the queue triggers and outputs bind the plain queue names
    /// (attributes are fixed at build time), so a prefix would split the app's queues from its triggers' queues.
    /// The app refuses one, naming the key; give each deployment a storage account of its own instead.
    /// </summary>
    public static string FunctionsNamePrefix(IConfiguration configuration)
    {
        var prefix = configuration[ConfigurationShape.NamePrefixKey];
        return string.IsNullOrEmpty(prefix)
            ? ""
            : throw new InvalidOperationException(
                $"{ConfigurationShape.NamePrefixKey} is '{prefix}', but the Functions app's queue triggers bind the plain queue names; " +
                "remove the setting (it is for the CLI's Azure store) and give each deployment a storage account of its own.");
    }
}
