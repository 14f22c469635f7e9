using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Queues;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Running;

/// <summary>
/// The stages on one machine, over the same durable queues the Functions app uses (SQLite by default).
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
    ReviewDecisionHandler reviewDecisions,
    Core.Events.EventFollowUps events,
    HealthReportStage health,
    TimeProvider time,
    ILogger<LocalRunner> logger)
{
    private const int BatchSize = 16;
    private const int Parallelism = 8;

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
            progressed |= await ProcessAsync(polls, report.Add, report, cancellationToken, BatchOrder.PollTurns);
            progressed |= await ProcessAsync(reviewDecisions, _ => { }, report, cancellationToken);
            progressed |= await ProcessAsync(changes, deliveries => report.AddDeliveries(deliveries.Count), report, cancellationToken, BatchOrder.OneByOne);
            if (!deliveryWindow.IsCancellationRequested)
            {
                try
                {
                    progressed |= await ProcessAsync(deliveries, result => RecordDelivery(result, report), report, deliveryWindow, BatchOrder.PerChat);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The --once window closed: what was not delivered is back on the queue.
                }
            }
            progressed |= await ProcessAsync(notices, _ => { }, report, cancellationToken);
        }
        while (progressed && !deliveryWindow.IsCancellationRequested);
    }

    private static void RecordDelivery(DeliveryResult result, RunReport report)
    {
        switch (result)
        {
            case DeliveryResult.Delivered:
                report.AddPosted();
                break;
            case DeliveryResult.Dropped { Poison: false } dropped:
                report.AddNotDelivered($"dropped: {dropped.Reason}");
                break;
            case DeliveryResult.Held held:
                report.AddNotDelivered($"held: {held.Reason}");
                break;
        }
    }

    /// <summary>
    /// Receives and runs every visible message of the handler's queue; <paramref name="onCompleted"/> sees the result of each
    /// completed one. When <paramref name="cancellationToken"/> fires (a graceful stop, or the --once delivery window closing),
    /// messages received but not yet handled go back on the queue at once, not after the visibility timeout.
    /// </summary>
    private async Task<bool> ProcessAsync<TMessage, TResult>(QueueHandler<TMessage, TResult> handler, Action<TResult> onCompleted, RunReport report, CancellationToken cancellationToken,
        BatchOrder order = BatchOrder.Parallel)
        where TMessage : class, IQueueMessage
    {
        var any = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await queue.ReceiveAsync(handler.Queue, BatchSize, VisibilityTimeout, cancellationToken);
            if (batch.Count == 0)
            {
                return any;
            }
            any = true;
            // By id: a receipt is opaque and need not be unique (Azurite gives messages received together the same one).
            var unsettled = new System.Collections.Concurrent.ConcurrentDictionary<string, QueueMessage>(batch.ToDictionary(m => m.Id));
            try
            {
                async Task RunOneAsync(QueueMessage message)
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
                        unsettled.TryRemove(message.Id, out QueueMessage? _);
                        return;
                    }
                    unsettled.TryRemove(message.Id, out QueueMessage? _);
                    if (outcome.Settled == MessageSettled.Completed)
                    {
                        onCompleted(outcome.Result!);
                    }
                    else if (outcome.Settled == MessageSettled.Poisoned)
                    {
                        report.AddPoisoned($"{message.Queue}: {outcome.Reason}");
                    }
                }
                await RunBatchAsync(batch, order, RunOneAsync, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                foreach (var message in unsettled.Values)
                {
                    await queue.ReleaseAsync(message, TimeSpan.Zero, CancellationToken.None);
                }
                throw;
            }
        }
        return any;
    }

    /// <summary>
    /// How a batch is run so that the same input gives the same posts on every run: polls fetch in parallel but correlate
    /// in source order (<see cref="CorrelationTurn"/>), treaty changes are routed one by one in event and revision order
    /// (so deliveries are queued in that order), and deliveries run in parallel across chats but in that order within a chat.
    /// </summary>
    private enum BatchOrder
    {
        Parallel,
        PollTurns,
        OneByOne,
        PerChat,
    }

    private static async Task RunBatchAsync(IReadOnlyList<QueueMessage> batch, BatchOrder order, Func<QueueMessage, Task> run, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        switch (order)
        {
            case BatchOrder.PollTurns:
            {
                var ordered = batch.OrderBy(m => Read<PollRequest>(m)?.SourceId ?? m.Body, StringComparer.Ordinal).ToList();
                var finished = ordered.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
                // Parallel.ForEachAsync takes the items in this order, so the poll a turn waits for has always started.
                await Parallel.ForEachAsync(Enumerable.Range(0, ordered.Count), options, async (i, _) =>
                {
                    using var turn = CorrelationTurn.Enter(ct => i == 0 ? Task.CompletedTask : finished[i - 1].Task.WaitAsync(ct));
                    try
                    {
                        await run(ordered[i]);
                    }
                    finally
                    {
                        finished[i].TrySetResult();
                    }
                });
                break;
            }
            case BatchOrder.OneByOne:
                foreach (var message in batch.OrderBy(m => Read<TreatyChange>(m) is { } c ? (c.EventId, c.Revision) : (m.Body, 0)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await run(message);
                }
                break;
            case BatchOrder.PerChat:
                var chats = batch
                    .Select(m => (Message: m, Delivery: Read<Core.Messages.Delivery>(m)))
                    .GroupBy(x => x.Delivery?.ChannelId ?? x.Message.Id, StringComparer.Ordinal)
                    .Select(g => g.OrderBy(x => x.Delivery is { } d ? (d.EventId, d.Revision) : (x.Message.Body, 0)).Select(x => x.Message).ToList());
                await Parallel.ForEachAsync(chats, options, async (messagesOfChat, ct) =>
                {
                    foreach (var message in messagesOfChat)
                    {
                        ct.ThrowIfCancellationRequested();
                        await run(message);
                    }
                });
                break;
            default:
                await Parallel.ForEachAsync(batch, options, async (message, _) => await run(message));
                break;
        }
    }

    /// <summary>The message's content for ordering only; a body that does not read is ordered by its text and poisoned by the runner.</summary>
    private static T? Read<T>(QueueMessage message)
        where T : class
    {
        try
        {
            return MessageJson.Deserialize<T>(message.Body);
        }
        catch (Exception ex) when (ex is InvalidMessageException or System.Text.Json.JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }
}
