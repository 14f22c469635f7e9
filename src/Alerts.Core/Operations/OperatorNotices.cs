using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Operations;

/// <summary>Puts a notice for the operator on <see cref="QueueNames.OperatorNotices"/>; a stage of its own delivers it.</summary>
public sealed class OperatorNotices(IMessageQueue queue)
{
    public const string SourceStale = "SourceStale";
    public const string ChannelDisabled = "ChannelDisabled";
    public const string PoisonMessages = "PoisonMessages";

    public Task PublishAsync(OperatorNotice notice, CancellationToken cancellationToken = default)
        => queue.EnqueueAsync(QueueNames.OperatorNotices, MessageJson.SerializeForQueue(notice), null, cancellationToken);
}
