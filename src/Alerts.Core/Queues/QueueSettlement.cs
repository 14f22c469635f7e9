using Alerts.Core.Ports;

namespace Alerts.Core.Queues;

/// <summary>Settles a message received from an <see cref="IMessageQueue"/> (SQLite or Azure Storage) by a host that owns the receive loop.</summary>
public sealed class QueueSettlement(IMessageQueue queue, QueueMessage message) : IMessageSettlement
{
    public async Task CompleteAsync(string? outputQueue, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        if (outputs.Count > 0)
        {
            ArgumentNullException.ThrowIfNull(outputQueue);
            // Outputs go in before the message is deleted: a crash in between repeats them, which the next stages absorb.
            foreach (var output in outputs)
            {
                await queue.EnqueueAsync(outputQueue, output, null, cancellationToken);
            }
        }
        await queue.CompleteAsync(message, cancellationToken);
    }

    public Task PoisonAsync(CancellationToken cancellationToken) => queue.PoisonAsync(message, cancellationToken);

    public Task RetryAsync(Exception error, TimeSpan delay, CancellationToken cancellationToken) => queue.ReleaseAsync(message, delay, cancellationToken);
}
