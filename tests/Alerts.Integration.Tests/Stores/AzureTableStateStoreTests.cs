using Alerts.Azure;
using Alerts.Core.Ports;
using Alerts.Testing;
using Azure.Data.Tables;

namespace Alerts.Integration.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStateStoreTests(AzuriteFixture azurite) : StateStoreContract
{
    protected override IStateStore CreateStore() => new AzureTableStateStore(azurite.ConnectionString);

    [Fact]
    public async Task Keys_are_stored_escaped_and_the_json_split_into_string_properties()
    {
        var store = CreateStore();
        var json = $$"""{"text":"{{new string('x', AzureTableStateStore.PartLength * 2)}}"}""";
        await store.InsertAsync(Table, "a/b#c", "what?", json);

        var raw = new TableClient(azurite.ConnectionString, Table);
        var entity = Assert.Single(raw.Query<TableEntity>());

        Assert.DoesNotContain('/', entity.PartitionKey);
        Assert.DoesNotContain('#', entity.PartitionKey);
        Assert.DoesNotContain('?', entity.RowKey);
        Assert.Equal(3, entity.GetInt32("JsonParts"));
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(entity.GetString("Json" + i).Length <= AzureTableStateStore.PartLength));
    }

    [Fact]
    public async Task A_surrogate_pair_on_a_part_boundary_is_not_split()
    {
        var store = CreateStore();
        // Puts the pair's high surrogate exactly at the last position of the first part.
        var json = new string('x', AzureTableStateStore.PartLength - 1) + "🎉" + new string('y', 10);

        await store.InsertAsync(Table, "p", "r", json);

        Assert.Equal(json, (await store.GetAsync(Table, "p", "r"))!.Json);
    }

    [Fact]
    public async Task Stores_made_from_the_settings_reach_the_same_account()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        var connection = AzureStorageConnection.FromSettings(key => settings.GetValueOrDefault(key));

        await connection.CreateStateStore().InsertAsync(Table, "p", "r", "{}");

        Assert.NotNull(await CreateStore().GetAsync(Table, "p", "r"));
    }

    [Fact]
    public async Task Name_prefixes_keep_two_deployments_on_one_account_apart()
    {
        var first = AzureStorageConnection.FromConnectionString(azurite.ConnectionString).WithNamePrefix(AzuriteFixture.UniqueName("a"));
        var second = AzureStorageConnection.FromConnectionString(azurite.ConnectionString).WithNamePrefix(AzuriteFixture.UniqueName("b"));

        await first.CreateStateStore().InsertAsync(StateTables.Ledger, "p", "r", "{}");
        await first.CreateMessageQueue().EnqueueAsync(Core.Messages.QueueNames.TelegramDeliveries, "{}");

        Assert.NotNull(await first.CreateStateStore().GetAsync(StateTables.Ledger, "p", "r"));
        Assert.Null(await second.CreateStateStore().GetAsync(StateTables.Ledger, "p", "r"));
        Assert.Equal(1, await first.CreateMessageQueue().CountAsync(Core.Messages.QueueNames.TelegramDeliveries));
        Assert.Equal(0, await second.CreateMessageQueue().CountAsync(Core.Messages.QueueNames.TelegramDeliveries));
        Assert.Single(new TableClient(azurite.ConnectionString, first.NamePrefix + StateTables.Ledger).Query<TableEntity>());
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("with-hyphen")]
    [InlineData("9starts")]
    [InlineData("waytoolongforthelongestqueuenameplusone")]
    public void A_prefix_that_would_make_a_name_Azure_refuses_is_rejected(string prefix)
        => Assert.Throws<ArgumentException>(() => AzureStorageConnection.FromConnectionString(azurite.ConnectionString).WithNamePrefix(prefix));
}
