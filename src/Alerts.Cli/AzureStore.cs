using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>Registers the Azure Storage adapters for a connection string (Azurite or a real account).</summary>
internal static class AzureStore
{
    public static void Add(IServiceCollection services, string connectionString)
        => throw new NotSupportedException("Azure Storage adapters are not wired yet: " + connectionString.Length);
}
