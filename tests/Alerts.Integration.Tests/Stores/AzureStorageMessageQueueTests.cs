using System.Text;
using Alerts.Azure;
using Alerts.Core.Ports;
using Alerts.Testing;
using Azure.Storage.Queues;

namespace Alerts.Integration.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageMessageQueueTests(AzuriteFixture azurite) : MessageQueueContract
{
    protected override IMessageQueue CreateQueue() => new AzureStorageMessageQueue(azurite.ConnectionString);

    // Azurite's visibility runs on the wall clock; the contract polls after this, so no exact timing is asserted.
    protected override Task PassAsync(TimeSpan duration) => Task.Delay(duration);

    [Fact]
    public async Task Messages_are_Base64_on_the_wire_as_the_Functions_trigger_expects()
    {
        await CreateQueue().EnqueueAsync(Queue, """{"sourceId":"gazette"}""");

        // A client without Base64 decoding sees the raw wire text.
        var raw = new QueueClient(azurite.ConnectionString, Queue);
        var message = Assert.Single((await raw.PeekMessagesAsync(1)).Value);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"sourceId":"gazette"}""")), message.Body.ToString());
    }

    [Fact]
    public async Task A_message_sent_by_another_Base64_producer_is_received_as_text()
    {
        var producer = new QueueClient(azurite.ConnectionString, Queue, AzureStorageMessageQueue.CreateClientOptions());
        await producer.CreateIfNotExistsAsync();
        await producer.SendMessageAsync("""{"from":"binding"}""");

        var message = Assert.Single(await CreateQueue().ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));

        Assert.Equal("""{"from":"binding"}""", message.Body);
    }

    [Fact]
    public async Task Queues_made_from_the_settings_reach_the_same_account()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString };
        var connection = AzureStorageConnection.FromSettings(key => settings.GetValueOrDefault(key));

        await connection.CreateMessageQueue().EnqueueAsync(Queue, "x");

        Assert.Equal(1, await CreateQueue().CountAsync(Queue));
    }
}
