namespace Alerts.Core.Queues;

/// <summary>
/// What a host does with the message in hand once <see cref="MessageRunner"/> has decided: the three primitives that
/// differ between hosts. <see cref="QueueSettlement"/> settles a message received from an <see cref="Ports.IMessageQueue"/>
/// (the local runner); the Functions app settles a trigger's message by returning, writing the poison queue, or throwing.
/// </summary>
public interface IMessageSettlement
{
    /// <summary>The message was handled: write <paramref name="outputs"/> to <paramref name="outputQueue"/> and delete the message.</summary>
    Task CompleteAsync(string? outputQueue, IReadOnlyList<string> outputs, CancellationToken cancellationToken);

    /// <summary>Put the message's body on its poison queue and delete it.</summary>
    Task PoisonAsync(CancellationToken cancellationToken);

    /// <summary>The stage threw <paramref name="error"/> before the last attempt: make the message visible again after <paramref name="delay"/>.</summary>
    Task RetryAsync(Exception error, TimeSpan delay, CancellationToken cancellationToken);
}
