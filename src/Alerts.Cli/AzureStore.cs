using Alerts.Azure;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>
/// Registers the Azure Storage adapters: a connection string (Azurite, or an account that allows
/// shared keys), or the account's queue endpoint (<c>https://&lt;account&gt;.queue.core.windows.net</c>)
/// reached with your Entra identity (DefaultAzureCredential: <c>az login</c>), as the deployed app's
/// storage allows no shared keys.
/// </summary>
internal static class AzureStore
{
    public static bool IsServiceUri(string store)
        => Uri.TryCreate(store, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
           && uri.Host.Contains(".queue.", StringComparison.OrdinalIgnoreCase);

    /// <param name="services">The CLI's services.</param>
    /// <param name="store">The <c>--store</c> value.</param>
    /// <param name="namePrefix"><c>Store:NamePrefix</c>: put before every table and queue name (checked with the configuration, so a bad one is named there).</param>
    public static void Add(IServiceCollection services, string store, string? namePrefix = null)
    {
        var connection = IsServiceUri(store)
            ? FromQueueEndpoint(new Uri(store))
            : AzureStorageConnection.FromConnectionString(store);
        services.AddAlertsAzureStorage(_ => connection.WithNamePrefix(namePrefix));
    }

    private static AzureStorageConnection FromQueueEndpoint(Uri queue)
    {
        var table = new UriBuilder(queue) { Host = queue.Host.Replace(".queue.", ".table.", StringComparison.OrdinalIgnoreCase), Path = "/" }.Uri;
        return AzureStorageConnection.FromServiceUris(new UriBuilder(queue) { Path = "/" }.Uri, table, new DefaultAzureCredential());
    }
}
