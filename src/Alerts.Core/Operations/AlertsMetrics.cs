using System.Diagnostics.Metrics;
using Alerts.Core.Posting;
using Alerts.Core.Sources;

namespace Alerts.Core.Operations;

/// <summary>
/// The pipeline's metrics (System.Diagnostics.Metrics): per-source poll outcomes and new items, treaty
/// changes, and per-channel delivery results. The Functions app exports meter <see cref="MeterName"/>
/// to Application Insights through OpenTelemetry; any other listener (dotnet-counters) can read it too.
/// </summary>
public static class AlertsMetrics
{
    public const string MeterName = "TreatyAlerts";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> Polls = Meter.CreateCounter<long>("alerts.source.polls", description: "Source polls by source and outcome (fetched, not_modified, failed, skipped).");
    private static readonly Counter<long> NewItems = Meter.CreateCounter<long>("alerts.source.new_items", description: "New or edited items seen per source.");
    private static readonly Counter<long> Changes = Meter.CreateCounter<long>("alerts.treaty_changes", description: "Treaty event revisions announced.");
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("alerts.deliveries", description: "Delivery results per channel (delivered, already_delivered, retry, dropped, poisoned).");
    private static readonly Counter<long> Poisoned = Meter.CreateCounter<long>(PoisonedCounter, description: "Messages the app moved to a poison queue, by that queue.");

    /// <summary>The counter the poison alert rule watches (tag <c>queue</c>: the <c>-poison</c> queue).</summary>
    public const string PoisonedCounter = "alerts.messages.poisoned";

    public static void RecordPoll(PollOutcome outcome)
    {
        var source = new KeyValuePair<string, object?>("source", outcome.SourceId);
        Polls.Add(1, source, new KeyValuePair<string, object?>("status", StatusName(outcome.Status)));
        if (outcome.NewItems + outcome.EditedItems > 0)
        {
            NewItems.Add(outcome.NewItems + outcome.EditedItems, source);
        }
        if (outcome.Changes.Count > 0)
        {
            Changes.Add(outcome.Changes.Count, source);
        }
    }

    public static void RecordDelivery(string channelId, DeliveryResult result)
        => Deliveries.Add(1, new KeyValuePair<string, object?>("channel", channelId), new KeyValuePair<string, object?>("result", ResultName(result)));

    /// <summary>One message moved to <paramref name="poisonQueue"/> by the app.</summary>
    public static void RecordPoisoned(string poisonQueue)
        => Poisoned.Add(1, new KeyValuePair<string, object?>("queue", poisonQueue));

    public static string StatusName(PollStatus status) => status switch
    {
        PollStatus.Fetched => "fetched",
        PollStatus.NotModified => "not_modified",
        PollStatus.Failed => "failed",
        _ => "skipped",
    };

    public static string ResultName(DeliveryResult result) => result switch
    {
        DeliveryResult.Delivered => "delivered",
        DeliveryResult.AlreadyDelivered => "already_delivered",
        DeliveryResult.Retry => "retry",
        DeliveryResult.Held => "held",
        DeliveryResult.Skipped => "skipped",
        DeliveryResult.Dropped { Poison: true } => "poisoned",
        _ => "dropped",
    };
}
