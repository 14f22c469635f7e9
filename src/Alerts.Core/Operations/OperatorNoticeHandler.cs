using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Core.Operations;

/// <summary><see cref="QueueNames.OperatorNotices"/> → <see cref="NotifyOperatorStage"/> (the operator chat). Returns whether the chat got it.</summary>
public sealed class OperatorNoticeHandler(NotifyOperatorStage stage) : QueueHandler<OperatorNotice, bool>
{
    public override string Queue => QueueNames.OperatorNotices;

    public override async Task<Handled<bool>> HandleAsync(OperatorNotice message, CancellationToken cancellationToken)
        => new(await stage.RunAsync(message, cancellationToken), Settlement.Complete.Empty);
}
