using Alerts.Azure;
using Alerts.Core.Ports;
using Alerts.Hosting;
using Alerts.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Functions;

/// <summary>
/// Everything the Functions app registers, in one place so tests build the very same container the
/// host does. Storage comes from the <c>AzureWebJobsStorage</c> settings the triggers use
/// (identity-based in Azure, <c>UseDevelopmentStorage=true</c> locally).
/// </summary>
public static class FunctionsComposition
{
    public static IServiceCollection AddAlertsFunctions(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddAlertsPipeline(configuration, baseDirectory);
        services.AddSingleton(_ => AzureStorageConnection.FromSettings(key => configuration[key]));
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<AzureStorageConnection>().CreateStateStore());
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<AzureStorageConnection>().CreateMessageQueue());
        services.AddTelegramDelivery(configuration);
        services.AddSingleton<QueueTriggerRunner>();
        return services;
    }
}
