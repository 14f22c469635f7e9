using Alerts.Core.Delivery;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Running;

/// <summary>
/// The four stages on one machine, over the same durable queues the Functions app uses
/// (SQLite by default). A message whose stage throws is retried with a growing delay and moved to
/// its poison queue after <see cref="MaxDequeueCount"/> attempts, as the Functions host does.
/// </summary>
public sealed class LocalRunner(
    IMessageQueue queue,
    SourceCatalog catalog,
    SchedulePollsStage schedule,
    PollSourceStage poll,
    RouteChangeStage route,
    DeliveryQueueHandler deliveries,
    NotifyOperatorStage notifyOperator,
    Core.Events.EventTracker events,
    HealthReportStage health,
    PoisonGuard guard,
    TimeProvider time,
    ILogger<LocalRunner> logger)
{
    public const int MaxDequeueCount = 5;
    private const int BatchSize = 16;
    private const int Parallelism = 8;
    private static readonly BackoffPolicy RetryBackoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    /// <summary>
    /// Longest a <c>--once</c> run takes deliveries and waits for delayed messages (Telegram asking to wait, retries) before
    /// leaving them for the next run (configuration <c>Run:MaxDelayedWait</c>).
    /// </summary>
    public TimeSpan MaxDelayedWait { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long a received message stays hidden from other runs (configuration <c>Run:VisibilityTimeout</c>): after a crash,
    /// the messages the dead run held come back after this long.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a continuous run sends the health report to the operator chat.</summary>
    public TimeSpan HealthReportInterval { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Schedules every due source of every group, then processes the queues until they are empty.</summary>
    public async Task<RunReport> RunCycleAsync(bool waitForDelayed, CancellationToken cancellationToken)
    {
        var report = new RunReport();
        foreach (var group in catalog.Enabled.Select(s => s.Group).Distinct(StringComparer.OrdinalIgnoreCase))
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
        // A --once run takes deliveries for MaxDelayedWait at most: then the window closes like a graceful stop
        // (requests already written are answered or time out, the rest go back on the queue for the next run).
        using var windowTimer = waitForDelayed ? new CancellationTokenSource(MaxDelayedWait, time) : new CancellationTokenSource();
        using var deliveryWindow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, windowTimer.Token);
        await DrainAsync(report, deliveryWindow.Token, cancellationToken);

        while (waitForDelayed && !deliveryWindow.IsCancellationRequested && await PendingAsync(cancellationToken) > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, deliveryWindow.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
            await DrainAsync(report, deliveryWindow.Token, cancellationToken);
        }
        report.PendingDelayed = await PendingAsync(CancellationToken.None);
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

    /// <param name="deliveryWindow">Deliveries are taken while this is not cancelled (the run stopping, or a --once run's time for deliveries up).</param>
    private async Task DrainAsync(RunReport report, CancellationToken deliveryWindow, CancellationToken cancellationToken)
    {
        bool progressed;
        do
        {
            progressed = false;
            progressed |= await ProcessAsync(QueueNames.PollRequests, m => HandlePollAsync(m, report, cancellationToken), cancellationToken);
            progressed |= await ProcessAsync(QueueNames.TreatyChanges, m => HandleChangeAsync(m, report, cancellationToken), cancellationToken);
            if (!deliveryWindow.IsCancellationRequested)
            {
                try
                {
                    progressed |= await ProcessAsync(QueueNames.TelegramDeliveries, m => HandleDeliveryAsync(m, report, deliveryWindow), deliveryWindow, settlesItself: true);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The --once window closed: what was not delivered is back on the queue.
                }
            }
            progressed |= await ProcessAsync(QueueNames.OperatorNotices, m => HandleNoticeAsync(m, report, cancellationToken), cancellationToken);
        }
        while (progressed && !deliveryWindow.IsCancellationRequested);

        async Task<bool> ProcessAsync(string name, Func<QueueMessage, Task> handler, CancellationToken ct, bool settlesItself = false)
        {
            var any = false;
            while (!ct.IsCancellationRequested)
            {
                var batch = await queue.ReceiveAsync(name, BatchSize, VisibilityTimeout, ct);
                if (batch.Count == 0)
                {
                    return any;
                }
                any = true;
                var unsettled = new System.Collections.Concurrent.ConcurrentDictionary<string, QueueMessage>(batch.ToDictionary(m => m.Receipt));
                try
                {
                    await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                        async (message, _) =>
                        {
                            await HandleSafelyAsync(message, handler, report, settlesItself, ct);
                            unsettled.TryRemove(message.Receipt, out QueueMessage? _);
                        });
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Stopping: messages received but not handled go back at once, not after the visibility timeout.
                    foreach (var message in unsettled.Values)
                    {
                        await queue.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None);
                    }
                    throw;
                }
            }
            return any;
        }
    }

    private async Task HandleSafelyAsync(QueueMessage message, Func<QueueMessage, Task> handler, RunReport report, bool settlesItself, CancellationToken cancellationToken)
    {
        try
        {
            await handler(message);
            if (!settlesItself)
            {
                await queue.CompleteAsync(message, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= MaxDequeueCount)
            {
                logger.LogError(ex, "Message {MessageId} on {Queue} failed {Count} times; moved to poison queue", message.Id, message.Queue, message.DequeueCount);
                await queue.PoisonAsync(message, cancellationToken);
                report.AddPoisoned($"{message.Queue}: {ex.Message}");
                return;
            }
            var delay = RetryBackoff.After(message.DequeueCount);
            logger.LogWarning(ex, "Message {MessageId} on {Queue} failed (attempt {Count}); retry in {Delay}", message.Id, message.Queue, message.DequeueCount, delay);
            await queue.ReleaseAsync(message, delay, cancellationToken);
        }
    }

    private async Task HandlePollAsync(QueueMessage message, RunReport report, CancellationToken cancellationToken)
    {
        var request = await guard.ReadAsync<PollRequest>(message.Queue, message.Body, cancellationToken);
        if (request is null)
        {
            report.AddPoisoned($"{message.Queue}: unreadable message");
            return;
        }
        var outcome = await poll.RunAsync(request, cancellationToken);
        foreach (var change in outcome.Changes)
        {
            await queue.EnqueueAsync(QueueNames.TreatyChanges, MessageJson.SerializeForQueue(change), null, cancellationToken);
        }
        report.Add(outcome);
    }

    private async Task HandleChangeAsync(QueueMessage message, RunReport report, CancellationToken cancellationToken)
    {
        var change = await guard.ReadAsync<TreatyChange>(message.Queue, message.Body, cancellationToken);
        if (change is null)
        {
            report.AddPoisoned($"{message.Queue}: unreadable message");
            return;
        }
        var deliveries = await route.RunAsync(change, cancellationToken);
        foreach (var delivery in deliveries)
        {
            await queue.EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.SerializeForQueue(delivery), null, cancellationToken);
        }
        report.AddDeliveries(deliveries.Count);
    }

    private async Task HandleNoticeAsync(QueueMessage message, RunReport report, CancellationToken cancellationToken)
    {
        var notice = await guard.ReadAsync<OperatorNotice>(message.Queue, message.Body, cancellationToken);
        if (notice is null)
        {
            report.AddPoisoned($"{message.Queue}: unreadable message");
            return;
        }
        await notifyOperator.RunAsync(notice, cancellationToken);
    }

    private async Task HandleDeliveryAsync(QueueMessage message, RunReport report, CancellationToken cancellationToken)
    {
        // The handler completes, re-enqueues (Telegram asked to wait) or poisons the message itself.
        var result = await deliveries.HandleAsync(message, cancellationToken);
        switch (result)
        {
            case DeliveryResult.Delivered:
                report.AddPosted();
                break;
            case DeliveryResult.Dropped { Poison: true } dropped:
                report.AddPoisoned($"{message.Queue}: {dropped.Reason}");
                break;
            case DeliveryResult.Dropped dropped:
                report.AddNotDelivered($"dropped {message.Body}: {dropped.Reason}");
                break;
            case DeliveryResult.Held held:
                report.AddNotDelivered($"held {message.Body}: {held.Reason}");
                break;
        }
    }
}
