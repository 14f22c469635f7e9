using System.Globalization;
using System.Net;
using System.Text;
using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Operations;

/// <summary>
/// The daily health report: per-source health, disabled channels and poison-queue lengths, sent to
/// the operator chat and logged with a <c>Signal</c> property per problem for the alert rules.
/// </summary>
public sealed class HealthReportStage(
    SourceCatalog catalog,
    SourceStateStore states,
    ChannelDirectory channels,
    ChannelStateStore channelStates,
    HeldDeliveries heldDeliveries,
    IMessageQueue queue,
    IChannelSender sender,
    IOptions<OperatorOptions> operatorOptions,
    IOptions<PollingOptions> pollingOptions,
    TimeProvider time,
    ILogger<HealthReportStage> logger)
{
    public async Task<HealthReport> BuildAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var known = await states.GetAllAsync(cancellationToken);
        var sources = catalog.All.OrderBy(s => s.Id, StringComparer.Ordinal).Select(source =>
        {
            known.TryGetValue(source.Id, out var state);
            return new SourceHealth(source, state, SourceHealth.IsStale(source, state, pollingOptions.Value, now));
        }).ToList();
        var disabled = new List<(string Id, string? Reason)>();
        foreach (var channel in channels.All)
        {
            var state = await channelStates.GetAsync(channel.Id, cancellationToken);
            if (state.Disabled || !channel.Enabled)
            {
                disabled.Add((channel.Id, state.Disabled ? state.DisabledReason : "disabled in configuration"));
            }
        }
        var poison = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in QueueNames.All)
        {
            poison[QueueNames.Poison(name)] = await queue.CountAsync(QueueNames.Poison(name), cancellationToken);
        }
        var held = await heldDeliveries.ListAsync(cancellationToken: cancellationToken);
        return new HealthReport(now, sources, disabled, poison) { NotDelivered = held };
    }

    /// <summary>Builds the report, logs each problem as a signal, and sends it to the operator chat when one is set.</summary>
    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var report = await BuildAsync(cancellationToken);
        foreach (var stale in report.Sources.Where(s => s.Stale))
        {
            logger.LogWarning("{Signal}: source {SourceId} has not succeeded since {LastSuccess}: {Error}",
                OperatorNotices.SourceStale, stale.Source.Id, stale.State?.LastSuccessAt, stale.State?.LastError);
        }
        foreach (var (queueName, count) in report.PoisonQueues.Where(p => p.Value > 0))
        {
            logger.LogWarning("{Signal}: {Count} messages in {Queue}", OperatorNotices.PoisonMessages, count, queueName);
        }
        foreach (var record in report.NotDelivered)
        {
            logger.LogWarning("{Signal}: delivery {DeliveryId} is {State}: {Note}", "DeliveryNotDelivered", record.Id, record.Entry.State, record.Entry.Note);
        }
        logger.LogInformation("Health report: {Sources} sources, {Stale} stale, {Disabled} channels disabled, {Poison} poison messages",
            report.Sources.Count, report.Sources.Count(s => s.Stale), report.DisabledChannels.Count, report.PoisonQueues.Values.Sum());
        if (!string.IsNullOrWhiteSpace(operatorOptions.Value.ChatId))
        {
            var outcome = await sender.SendAsync(new OutgoingPost(operatorOptions.Value.ChatId, report.ToHtml()), cancellationToken);
            if (outcome.Status != SendStatus.Sent)
            {
                logger.LogError("Health report not delivered to the operator chat: {Status} {Error}", outcome.Status, outcome.Error);
            }
        }
        return report;
    }
}

public sealed record HealthReport(
    DateTimeOffset At,
    IReadOnlyList<SourceHealth> Sources,
    IReadOnlyList<(string Id, string? Reason)> DisabledChannels,
    IReadOnlyDictionary<string, int> PoisonQueues)
{
    /// <summary>Deliveries held (outcome unknown) or dropped that no operator has released or dropped yet.</summary>
    public IReadOnlyList<LedgerRecord> NotDelivered { get; init; } = [];

    public bool Healthy => !Sources.Any(s => s.Stale) && DisabledChannels.Count == 0 && PoisonQueues.Values.All(c => c == 0) && NotDelivered.Count == 0;

    /// <summary>A short post for the operator chat (well under Telegram's length limit: problems first, then a count of the rest).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append(Healthy ? "✅" : "⚠️").Append(" <b>Treaty Alerts health</b> ").Append(At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append('\n');
        var enabled = Sources.Count(s => s.Source.Enabled);
        var failing = Sources.Where(s => s.Source.Enabled && (s.State?.ConsecutiveFailures ?? 0) > 0).ToList();
        html.Append(CultureInfo.InvariantCulture, $"Sources: {enabled} enabled, {failing.Count} failing, {Sources.Count(s => s.Stale)} stale\n");
        foreach (var source in failing.Take(20))
        {
            html.Append(source.Stale ? "• <b>stale</b> " : "• ")
                .Append(WebUtility.HtmlEncode(source.Source.Id)).Append(": ")
                .Append(WebUtility.HtmlEncode(Truncate(source.State?.LastError ?? "", 120)))
                .Append(CultureInfo.InvariantCulture, $" ({source.State?.ConsecutiveFailures} failures)\n");
        }
        if (failing.Count > 20)
        {
            html.Append(CultureInfo.InvariantCulture, $"• and {failing.Count - 20} more\n");
        }
        foreach (var (id, reason) in DisabledChannels)
        {
            html.Append("Channel disabled: ").Append(WebUtility.HtmlEncode(id)).Append(" — ").Append(WebUtility.HtmlEncode(reason ?? "")).Append('\n');
        }
        foreach (var (queueName, count) in PoisonQueues.Where(p => p.Value > 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"Poison queue {WebUtility.HtmlEncode(queueName)}: {count} messages\n");
        }
        if (NotDelivered.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"Deliveries not delivered: {NotDelivered.Count(r => r.Entry.State == LedgerState.Unknown)} held (outcome unknown), {NotDelivered.Count(r => r.Entry.State == LedgerState.Dropped)} dropped — alerts deliveries list\n");
            foreach (var record in NotDelivered.Take(10))
            {
                html.Append("• ").Append(WebUtility.HtmlEncode(record.Id)).Append(' ').Append(record.Entry.State == LedgerState.Unknown ? "held" : "dropped")
                    .Append(": ").Append(WebUtility.HtmlEncode(Truncate(record.Entry.Note ?? "", 120))).Append('\n');
            }
            if (NotDelivered.Count > 10)
            {
                html.Append(CultureInfo.InvariantCulture, $"• and {NotDelivered.Count - 10} more\n");
            }
        }
        return html.ToString().TrimEnd();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
