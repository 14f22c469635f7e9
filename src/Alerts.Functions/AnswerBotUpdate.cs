using Alerts.Core.Messages;
using Alerts.Telegram;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>
/// bot-updates → the bot's answer in the user's private chat (<see cref="BotUpdateHandler"/>); each update_id is answered
/// once however often it is queued or redelivered.
/// </summary>
public sealed class AnswerBotUpdate(QueueTriggerRunner runner, BotUpdateHandler handler)
{
    [Function(nameof(AnswerBotUpdate))]
    public Task Run([QueueTrigger(QueueNames.BotUpdates, Connection = StorageConnection.Name)] string message, FunctionContext context, CancellationToken cancellationToken)
        => runner.RunAsync(handler, message, context, cancellationToken);
}
