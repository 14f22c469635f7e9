namespace Alerts.Core.Ports;

/// <summary>
/// A durable at-least-once queue. Adapters: Azure Storage Queues (Base64) and a SQLite table.
/// Semantics both adapters keep (see the shared contract tests):
/// <list type="bullet">
/// <item>a received message is invisible for the visibility timeout, then comes back with a higher dequeue count unless completed;</item>
/// <item><see cref="ReleaseAsync"/> makes it visible again after a delay (a retry that keeps its dequeue count);</item>
/// <item><see cref="PoisonAsync"/> moves it to <c>&lt;queue&gt;-poison</c> with the same body.</item>
/// </list>
/// </summary>
public interface IMessageQueue
{
    /// <summary>Adds a message; with a delay it becomes visible only after that delay.</summary>
    /// <exception cref="Messages.MessageTooLargeException">the body exceeds <see cref="Messages.MessageJson.MaxMessageBytes"/>.</exception>
    Task EnqueueAsync(string queue, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message: it was handled.</summary>
    Task CompleteAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a received message visible again after <paramref name="delay"/> (retry later).</summary>
    Task ReleaseAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Moves a received message to the poison queue of its queue, keeping its body.</summary>
    Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Approximate number of messages in the queue (visible or not).</summary>
    Task<int> CountAsync(string queue, CancellationToken cancellationToken = default);
}

/// <summary>A received message; <see cref="Receipt"/> identifies this particular receipt.</summary>
public sealed record QueueMessage(string Queue, string Id, string Receipt, string Body, int DequeueCount, DateTimeOffset InsertedAt);
