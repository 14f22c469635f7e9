using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Queues;

/// <summary>
/// The one path every queue message takes, in the Functions app and in the local runner alike:
/// <list type="number">
/// <item>read the body: not JSON, the wrong shape or a version newer than <see cref="IQueueMessage.CurrentVersion"/> → poison at once;</item>
/// <item>run the queue's <see cref="QueueHandler{TMessage,TResult}"/>; if it throws, retry after <see cref="QueuePolicy.RetryDelay"/>,
/// or poison on attempt <see cref="QueuePolicy.MaxDequeueCount"/>;</item>
/// <item>settle as the handler says: complete (with outputs), retry later (a new message with a visibility delay), or poison.</item>
/// </list>
/// Whenever the app moves a message to a poison queue it emits the <see cref="OperatorNotices.MessagePoisoned"/> signal: a
/// Warning log and the <c>alerts.messages.poisoned</c> counter, which the poison alert rule watches.
/// </summary>
public sealed class MessageRunner(IMessageQueue queue, ILogger<MessageRunner> logger)
{
    public async Task<MessageOutcome<TResult>> RunAsync<TMessage, TResult>(
        QueueHandler<TMessage, TResult> handler, QueueMessage message, IMessageSettlement settlement, CancellationToken cancellationToken = default)
        where TMessage : class, IQueueMessage
    {
        // Settling is never cancelled by a stopping host: a message the handler finished or released must be
        // completed, re-enqueued or poisoned, or a graceful stop would lose it.
        var settle = CancellationToken.None;
        var value = Read<TMessage>(message.Body, out var problem);
        if (value is null)
        {
            await PoisonAsync(message, problem!, settlement, settle);
            return new MessageOutcome<TResult>(MessageSettled.Poisoned, default, problem);
        }

        Handled<TResult> handled;
        try
        {
            handled = await handler.HandleAsync(value, cancellationToken);
            if (handled.Settlement is Settlement.Complete complete)
            {
                await settlement.CompleteAsync(handler.OutputQueue, complete.Outputs, settle);
                return new MessageOutcome<TResult>(MessageSettled.Completed, handled.Result);
            }
            if (handled.Settlement is Settlement.RetryLater later)
            {
                // The follow-up goes in before this one is deleted: a crash in between leaves a duplicate, which the stage absorbs.
                await queue.EnqueueAsync(message.Queue, later.NextBody, later.After, settle);
                await settlement.CompleteAsync(null, [], settle);
                return new MessageOutcome<TResult>(MessageSettled.RetryLater, handled.Result, later.Reason);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= QueuePolicy.MaxDequeueCount)
            {
                logger.LogError(ex, "Message {MessageId} on {Queue} failed on attempt {Attempt} of {MaxAttempts}", message.Id, message.Queue, message.DequeueCount, QueuePolicy.MaxDequeueCount);
                var reason = $"failed {message.DequeueCount} times; last error: {ex.GetType().Name}: {ex.Message}";
                await PoisonAsync(message, reason, settlement, settle);
                return new MessageOutcome<TResult>(MessageSettled.Poisoned, default, reason);
            }
            logger.LogWarning(ex, "Message {MessageId} on {Queue} failed on attempt {Attempt} of {MaxAttempts}; retry in {RetryDelay}", message.Id, message.Queue, message.DequeueCount, QueuePolicy.MaxDequeueCount, QueuePolicy.RetryDelay);
            await settlement.RetryAsync(ex, QueuePolicy.RetryDelay, settle);
            return new MessageOutcome<TResult>(MessageSettled.Retried, default, ex.Message);
        }

        var poison = (Settlement.Poison)handled.Settlement;
        await PoisonAsync(message, poison.Reason, settlement, settle);
        return new MessageOutcome<TResult>(MessageSettled.Poisoned, handled.Result, poison.Reason);
    }

    private async Task PoisonAsync(QueueMessage message, string reason, IMessageSettlement settlement, CancellationToken cancellationToken)
    {
        await settlement.PoisonAsync(cancellationToken);
        var poisonQueue = QueueNames.Poison(message.Queue);
        AlertsMetrics.RecordPoisoned(poisonQueue);
        logger.LogWarning("{Signal}: message {MessageId} moved to {Queue}: {Reason}", OperatorNotices.MessagePoisoned, message.Id, poisonQueue, reason);
    }

    /// <summary>The message, or null with the reason it can never be handled.</summary>
    private static TMessage? Read<TMessage>(string body, out string? problem) where TMessage : class, IQueueMessage
    {
        try
        {
            var message = MessageJson.Deserialize<TMessage>(body);
            if (message.V is < 1 or > IQueueMessage.CurrentVersion)
            {
                problem = $"{typeof(TMessage).Name} message version {message.V} is not one this app understands (1 to {IQueueMessage.CurrentVersion})";
                return null;
            }
            problem = null;
            return message;
        }
        catch (InvalidMessageException ex)
        {
            problem = ex.Message;
            return null;
        }
    }
}

/// <summary>How a message was settled.</summary>
public enum MessageSettled
{
    /// <summary>Handled and deleted (its outputs written).</summary>
    Completed,
    /// <summary>Handled, not now: a follow-up message waits on the queue, this one was deleted.</summary>
    RetryLater,
    /// <summary>The stage threw; the message comes back after <see cref="QueuePolicy.RetryDelay"/>.</summary>
    Retried,
    /// <summary>Moved to the poison queue.</summary>
    Poisoned,
}

/// <summary>What happened to one message: how it was settled, the stage's result when it ran, and why when it did not complete.</summary>
public sealed record MessageOutcome<TResult>(MessageSettled Settled, TResult? Result, string? Reason = null);
