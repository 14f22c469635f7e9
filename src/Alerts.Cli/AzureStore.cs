using Alerts.Azure;
using Alerts.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>Registers the Azure Storage adapters for a connection string (Azurite or a real account).</summary>
internal static class AzureStore
{
    public static void Add(IServiceCollection services, string connectionString)
    {
        var connection = AzureStorageConnection.FromConnectionString(connectionString);
        services.AddSingleton(connection);
        services.AddSingleton<IStateStore>(_ => connection.CreateStateStore());
        services.AddSingleton<IMessageQueue>(_ => connection.CreateMessageQueue());
    }
}
