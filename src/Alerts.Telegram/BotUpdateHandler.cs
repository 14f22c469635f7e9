using Alerts.Core.Messages;
using Alerts.Core.Queues;

namespace Alerts.Telegram;

/// <summary>
/// bot-updates → the bot's answer: one update the webhook queued, answered through <see cref="TelegramBot"/> (the
/// conversation claims its update_id first, so a retried webhook call, an update queued twice or a redelivered queue
/// message is answered once). Nothing goes on to another queue.
/// </summary>
public sealed class BotUpdateHandler(TelegramBot bot) : QueueHandler<BotUpdate, int>
{
    public override string Queue => QueueNames.BotUpdates;

    public override async Task<Handled<int>> HandleAsync(BotUpdate message, CancellationToken cancellationToken) =>
        new(await bot.HandleAsync(message, cancellationToken), Settlement.Complete.Empty);
}
