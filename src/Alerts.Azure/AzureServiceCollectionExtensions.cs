using Alerts.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Azure;

public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Azure Storage adapters (tables for <see cref="IStateStore"/>, Base64 queues for
    /// <see cref="IMessageQueue"/>) on the connection <paramref name="connection"/> makes when first needed.
    /// </summary>
    public static IServiceCollection AddAlertsAzureStorage(this IServiceCollection services, Func<IServiceProvider, AzureStorageConnection> connection)
    {
        services.AddSingleton(connection);
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<AzureStorageConnection>().CreateStateStore());
        services.AddSingleton<IMessageQueue>(sp => sp.GetRequiredService<AzureStorageConnection>().CreateMessageQueue());
        return services;
    }
}
