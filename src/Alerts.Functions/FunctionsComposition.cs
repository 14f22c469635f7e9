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
        services.AddAlertsAzureStorage(_ => AzureStorageConnection.FromSettings(key => configuration[key]));
        services.AddAlertsTelegram(configuration);
        services.AddSingleton<QueueTriggerRunner>();
        return services;
    }
}
