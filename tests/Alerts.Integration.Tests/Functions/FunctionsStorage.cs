using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Testing;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Alerts.Integration.Tests.Functions;

/// <summary>The Functions app binds fixed queue and table names, so a test of it starts from empty ones.</summary>
internal static class FunctionsStorage
{
    /// <summary>Deletes every pipeline queue, its poison queue and every state table in <paramref name="azurite"/>.</summary>
    public static async Task ResetAsync(AzuriteFixture azurite)
    {
        foreach (var queue in QueueNames.All.SelectMany(q => new[] { q, QueueNames.Poison(q) }))
        {
            await new QueueClient(azurite.ConnectionString, queue).DeleteIfExistsAsync();
        }
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in StateTables.All)
        {
            await tables.DeleteTableAsync(table);
        }
    }
}
