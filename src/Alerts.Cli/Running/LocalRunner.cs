using Alerts.Core.Delivery;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Queues;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Running;

/// <summary>
/// The four stages on one machine, over the same durable queues the Functions app uses (SQLite by default).
/// Every message goes through <see cref="MessageRunner"/>, the path the Functions triggers take: the same version
/// check, settlement, retry delay and poisoning after <see cref="QueuePolicy.MaxDequeueCount"/> attempts.
/// </summary>
public sealed class LocalRunner(
    IMessageQueue queue,
    SchedulePollsStage schedule,
    MessageRunner messages,
    PollRequestHandler polls,
    TreatyChangeHandler changes,
    DeliveryQueueHandler deliveries,
    OperatorNoticeHandler notices,
    Core.Events.EventTracker events,
    HealthReportStage health,
    TimeProvider time,
    ILogger<LocalRunner> logger)
{
    private const int BatchSize = 16;
    private const int Parallelism = 8;
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longest a <c>--once</c> run waits for delayed messages (Telegram asking to wait, retries) before leaving them for the next run.</summary>
    public TimeSpan MaxDelayedWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a continuous run sends the health report to the operator chat.</summary>
    public TimeSpan HealthReportInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Schedules every due source of every group, then processes the queues until they are empty.</summary>
    public async Task<RunReport> RunCycleAsync(bool waitForDelayed, CancellationToken cancellationToken)
    {
        var report = new RunReport();
        // The groups the Functions app has timers for; a source's group is checked against them at start.
        foreach (var group in SourceGroups.All)
        {
            foreach (var request in await schedule.RunAsync(group, cancellationToken))
            {
                await queue.EnqueueAsync(QueueNames.PollRequests, MessageJson.SerializeForQueue(request), null, cancellationToken);
            }
        }
        foreach (var followUp in await events.DueFollowUpsAsync(time.GetUtcNow(), cancellationToken))
        {
            await queue.EnqueueAsync(QueueNames.TreatyChanges, MessageJson.SerializeForQueue(followUp), null, cancellationToken);
        }
        await DrainAsync(report, cancellationToken);

        var deadline = time.GetUtcNow() + MaxDelayedWait;
        while (waitForDelayed && await PendingAsync(cancellationToken) > 0 && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            await DrainAsync(report, cancellationToken);
        }
        report.PendingDelayed = await PendingAsync(cancellationToken);
        return report;
    }

    /// <summary>Runs cycles until cancelled, waking every <paramref name="tick"/> to poll what is due.</summary>
    public async Task RunForeverAsync(TimeSpan tick, Action<RunReport> onCycle, CancellationToken cancellationToken)
    {
        var nextHealthReport = time.GetUtcNow() + HealthReportInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            onCycle(await RunCycleAsync(waitForDelayed: false, cancellationToken));
            if (time.GetUtcNow() >= nextHealthReport)
            {
                await health.RunAsync(cancellationToken);
                nextHealthReport = time.GetUtcNow() + HealthReportInterval;
            }
            await Task.Delay(tick, time, cancellationToken);
        }
    }

    private async Task<int> PendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var name in QueueNames.All)
        {
            total += await queue.CountAsync(name, cancellationToken);
        }
        return total;
    }

    private async Task DrainAsync(RunReport report, CancellationToken cancellationToken)
    {
        bool progressed;
        do
        {
            progressed = false;
            progressed |= await ProcessAsync(polls, report.Add, report, cancellationToken);
            progressed |= await ProcessAsync(changes, deliveries => report.AddDeliveries(deliveries.Count), report, cancellationToken);
            progressed |= await ProcessAsync(deliveries, result =>
            {
                if (result is DeliveryResult.Delivered)
                {
                    report.AddPosted();
                }
            }, report, cancellationToken);
            progressed |= await ProcessAsync(notices, _ => { }, report, cancellationToken);
        }
        while (progressed);
    }

    /// <summary>Receives and runs every visible message of the handler's queue; <paramref name="onCompleted"/> sees the result of each completed one.</summary>
    private async Task<bool> ProcessAsync<TMessage, TResult>(QueueHandler<TMessage, TResult> handler, Action<TResult> onCompleted, RunReport report, CancellationToken cancellationToken)
        where TMessage : class, IQueueMessage
    {
        var any = false;
        while (true)
        {
            var batch = await queue.ReceiveAsync(handler.Queue, BatchSize, VisibilityTimeout, cancellationToken);
            if (batch.Count == 0)
            {
                return any;
            }
            any = true;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (message, _) =>
            {
                MessageOutcome<TResult> outcome;
                try
                {
                    outcome = await messages.RunAsync(handler, message, new QueueSettlement(queue, message), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Settling failed (the store is busy or gone): the message comes back after its visibility timeout.
                    logger.LogError(ex, "Message {MessageId} on {Queue} could not be settled; it returns after {VisibilityTimeout}", message.Id, message.Queue, VisibilityTimeout);
                    return;
                }
                if (outcome.Settled == MessageSettled.Completed)
                {
                    onCompleted(outcome.Result!);
                }
                else if (outcome.Settled == MessageSettled.Poisoned)
                {
                    report.AddPoisoned($"{message.Queue}: {outcome.Reason}");
                }
            });
        }
    }
}
