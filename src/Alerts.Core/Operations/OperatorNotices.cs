using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Operations;

/// <summary>Puts a notice for the operator on <see cref="QueueNames.OperatorNotices"/>; a stage of its own delivers it.</summary>
public sealed class OperatorNotices(IMessageQueue queue)
{
    public const string SourceStale = "SourceStale";
    public const string ChannelDisabled = "ChannelDisabled";
    public const string PoisonMessages = "PoisonMessages";
    public const string ReviewHeld = "ReviewHeld";

    /// <summary>
    /// Signal logged (with <c>MessageId</c>, <c>Queue</c> and <c>Reason</c>) whenever the app moves a message to a
    /// <c>-poison</c> queue; the <c>alerts.messages.poisoned</c> counter counts the same moves.
    /// </summary>
    public const string MessagePoisoned = "MessagePoisoned";

    public Task PublishAsync(OperatorNotice notice, CancellationToken cancellationToken = default)
        => queue.EnqueueAsync(QueueNames.OperatorNotices, MessageJson.SerializeForQueue(notice), null, cancellationToken);
}
