using Alerts.Core.Messages;

namespace Alerts.Core.Queues;

/// <summary>
/// The stage behind one queue: reads nothing and settles nothing itself; it runs its stage on a message
/// <see cref="MessageRunner"/> has read and says how the message is to be settled.
/// </summary>
/// <typeparam name="TMessage">The message the queue carries.</typeparam>
/// <typeparam name="TResult">What the stage returns, for the host's report.</typeparam>
public abstract class QueueHandler<TMessage, TResult> where TMessage : class, IQueueMessage
{
    /// <summary>The queue this handler reads.</summary>
    public abstract string Queue { get; }

    /// <summary>The queue <see cref="Settlement.Complete.Outputs"/> go to, if the stage has outputs.</summary>
    public virtual string? OutputQueue => null;

    public abstract Task<Handled<TResult>> HandleAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>The stage's result and how to settle the message it was given.</summary>
public sealed record Handled<TResult>(TResult Result, Settlement Settlement);

/// <summary>How a message that was read and handled is settled. A stage that throws is retried instead (see <see cref="QueuePolicy"/>).</summary>
public abstract record Settlement
{
    private Settlement()
    {
    }

    /// <summary>Done: <paramref name="Outputs"/> (serialized messages) go to the handler's output queue, the message is deleted.</summary>
    public sealed record Complete(IReadOnlyList<string> Outputs) : Settlement
    {
        public static Complete Empty { get; } = new([]);
    }

    /// <summary>
    /// Not now: <paramref name="NextBody"/> goes onto the same queue, visible after <paramref name="After"/>, and the
    /// message is deleted, so a wait never burns the dequeue count.
    /// </summary>
    public sealed record RetryLater(string NextBody, TimeSpan After, string Reason) : Settlement;

    /// <summary>Can never be handled: the message goes to its poison queue with its body.</summary>
    public sealed record Poison(string Reason) : Settlement;
}
