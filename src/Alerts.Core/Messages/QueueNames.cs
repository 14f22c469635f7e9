namespace Alerts.Core.Messages;

/// <summary>
/// The queues between the stages. Names are fixed so the Functions bindings, the Bicep template
/// and the local runner agree; a poison queue is the name with <see cref="PoisonSuffix"/>.
/// </summary>
public static class QueueNames
{
    public const string PollRequests = "poll-requests";
    public const string TreatyChanges = "treaty-changes";
    public const string TelegramDeliveries = "telegram-deliveries";

    /// <summary>Operator notices (a source went stale, a channel was disabled), delivered to the operator chat.</summary>
    public const string OperatorNotices = "operator-notices";

    /// <summary>An operator's approval or rejection of an event held for review (<see cref="ReviewDecision"/>).</summary>
    public const string ReviewDecisions = "review-decisions";

    /// <summary>What users write to the bot, put there by the Functions webhook (<see cref="BotUpdate"/>) and answered by its queue trigger.</summary>
    public const string BotUpdates = "bot-updates";

    public const string PoisonSuffix = "-poison";

    public static IReadOnlyList<string> All { get; } = [PollRequests, TreatyChanges, TelegramDeliveries, OperatorNotices, ReviewDecisions, BotUpdates];

    public static string Poison(string queue) => queue + PoisonSuffix;
}
