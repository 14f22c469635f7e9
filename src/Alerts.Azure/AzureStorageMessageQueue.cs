using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Azure;
using Azure.Core;
using Azure.Storage.Queues;

namespace Alerts.Azure;

/// <summary>
/// <see cref="IMessageQueue"/> on Azure Storage queues, Base64-encoded as the Functions queue trigger
/// expects. Queues are created on first send. Messages never expire (the service default is 7 days),
/// so nothing, poison messages included, disappears unseen.
/// <para>
/// A stale receipt (the message was received again by someone else, released, or is gone) makes
/// <see cref="CompleteAsync"/>, <see cref="ReleaseAsync"/> and <see cref="PoisonAsync"/> do nothing,
/// the same as the SQLite adapter: the current holder keeps the message.
/// </para>
/// </summary>
public sealed class AzureStorageMessageQueue : IMessageQueue
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>How long a message being poisoned stays hidden between the copy and the delete.</summary>
    private static readonly TimeSpan PoisonHold = TimeSpan.FromMinutes(1);

    private readonly QueueServiceClient _service;
    private readonly string _namePrefix;
    private readonly CreateOnce _queues = new();

    /// <summary>From a storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    /// <param name="connectionString">The storage account.</param>
    /// <param name="namePrefix">Put before every queue name (<c>Store:NamePrefix</c>); empty for the plain names.</param>
    public AzureStorageMessageQueue(string connectionString, string namePrefix = "")
        : this(new QueueServiceClient(connectionString, CreateClientOptions()), namePrefix)
    {
    }

    /// <summary>From the queue service endpoint and an identity (managed identity in production).</summary>
    public AzureStorageMessageQueue(Uri queueServiceUri, TokenCredential credential, string namePrefix = "")
        : this(new QueueServiceClient(queueServiceUri, credential, CreateClientOptions()), namePrefix)
    {
    }

    private AzureStorageMessageQueue(QueueServiceClient service, string namePrefix)
    {
        StorageNames.ValidatePrefix(namePrefix);
        _service = service;
        _namePrefix = namePrefix ?? "";
    }

    /// <summary>The service's queue for one of the app's queue names.</summary>
    private QueueClient Queue(string queue) => _service.GetQueueClient(_namePrefix + queue);

    /// <summary>The client options every producer of these queues must use: Base64, as the Functions trigger expects.</summary>
    public static QueueClientOptions CreateClientOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public async Task EnqueueAsync(string queue, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        var delay = visibilityDelay ?? TimeSpan.Zero;
        QueueLimits.ValidateEnqueue(queue, body, delay, nameof(visibilityDelay));

        var client = await WritableQueueAsync(queue, cancellationToken);
        await client.SendMessageAsync(BinaryData.FromString(body), delay, NeverExpires, cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueLimits.ValidateReceive(queue, maxMessages, visibilityTimeout);

        try
        {
            var response = await Queue(queue).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
            return response.Value
                .Select(m => new QueueMessage(queue, m.MessageId, m.PopReceipt, m.Body.ToString(),
                    checked((int)m.DequeueCount), m.InsertedOn ?? DateTimeOffset.MinValue))
                .ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // nothing was ever sent to it
        }
    }

    public async Task CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Queue(message.Queue).DeleteMessageAsync(message.Id, message.Receipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            // Someone else holds or already finished the message.
        }
    }

    public async Task ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        QueueLimits.ValidateDelay(delay, nameof(delay));
        try
        {
            // No new content: only the visibility changes, and the dequeue count stays as it is.
            await Queue(message.Queue).UpdateMessageAsync(message.Id, message.Receipt, (BinaryData?)null, delay, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            // Someone else holds or already finished the message.
        }
    }

    public async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poisonQueue = QueueNames.Poison(message.Queue);
        StorageNames.ValidateQueue(poisonQueue);
        var source = Queue(message.Queue);

        // Prove the receipt is still ours before copying, so a stale receipt never duplicates a message into the poison queue.
        string receipt;
        try
        {
            var held = await source.UpdateMessageAsync(message.Id, message.Receipt, (BinaryData?)null, PoisonHold, cancellationToken);
            receipt = held.Value.PopReceipt;
        }
        catch (RequestFailedException ex) when (IsStaleReceipt(ex))
        {
            return;
        }

        var poison = await WritableQueueAsync(poisonQueue, cancellationToken);
        await poison.SendMessageAsync(BinaryData.FromString(message.Body), TimeSpan.Zero, NeverExpires, cancellationToken);
        await source.DeleteMessageAsync(message.Id, receipt, cancellationToken);
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateQueue(queue);
        try
        {
            var properties = await Queue(queue).GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    private async Task<QueueClient> WritableQueueAsync(string queue, CancellationToken cancellationToken)
    {
        var client = Queue(queue);
        await _queues.EnsureAsync(queue, () => client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), cancellationToken);
        return client;
    }

    // 404: the message is gone; 400 PopReceiptMismatch: it was received again since.
    private static bool IsStaleReceipt(RequestFailedException ex) =>
        ex.Status == 404 || (ex.Status == 400 && ex.ErrorCode == "PopReceiptMismatch");

}
