using System.Net;
using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Operations;

/// <summary>
/// Stage for <see cref="QueueNames.OperatorNotices"/>: tells the operator chat at once that a source
/// went stale or a channel was disabled. Always logs with a <c>Signal</c> property, which the alert
/// rules in infra/ query, so the operator hears of it even without an operator chat.
/// </summary>
public sealed class NotifyOperatorStage(IChannelSender sender, IOptions<OperatorOptions> options, ILogger<NotifyOperatorStage> logger)
{
    public async Task<bool> RunAsync(OperatorNotice notice, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("{Signal}: {Subject}: {Message}", notice.Kind, notice.Subject, notice.Message);
        if (string.IsNullOrWhiteSpace(options.Value.ChatId))
        {
            return false;
        }
        var html = $"⚠️ <b>{WebUtility.HtmlEncode(notice.Kind)}</b>: {WebUtility.HtmlEncode(notice.Subject)}\n{WebUtility.HtmlEncode(notice.Message)}";
        var outcome = await sender.SendAsync(new OutgoingPost(options.Value.ChatId, html), cancellationToken);
        if (outcome.Status != SendStatus.Sent)
        {
            // A notice that cannot reach the operator chat must not block the queue: it is logged above.
            logger.LogError("Operator notice not delivered to the operator chat: {Status} {Error}", outcome.Status, outcome.Error);
            return false;
        }
        return true;
    }
}
