using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Feeds;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Operations;
using Alerts.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Sources;

/// <summary>
/// Stage 2: fetch one source (conditional GET), keep only new and edited items, detect treaty
/// actions in them and correlate each into its event. Returns the revisions to announce.
/// A failing source is recorded in its health and never throws: the others go on.
/// </summary>
public sealed class PollSourceStage(
    SourceCatalog catalog,
    ISourceReader reader,
    SourceStateStore states,
    SeenItemStore seen,
    ITreatyDetector detector,
    EventTracker events,
    EventTable eventTable,
    OperatorNotices notices,
    ChannelDirectory channels,
    IOptions<PollingOptions> options,
    TimeProvider time,
    ILogger<PollSourceStage> logger)
{
    private readonly PollingOptions _options = options.Value;

    public async Task<PollOutcome> RunAsync(PollRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await PollAsync(request, cancellationToken);
        AlertsMetrics.RecordPoll(outcome);
        return outcome;
    }

    private async Task<PollOutcome> PollAsync(PollRequest request, CancellationToken cancellationToken)
    {
        var source = catalog.Find(request.SourceId);
        if (source is null || !source.Enabled)
        {
            logger.LogWarning("Poll request for unknown or disabled source {SourceId} ignored", request.SourceId);
            return PollOutcome.Skipped(request.SourceId, "unknown or disabled source");
        }

        var state = await states.GetAsync(source.Id, cancellationToken) ?? new SourceState();
        var result = await reader.ReadAsync(source, state.Validators, cancellationToken);
        var now = time.GetUtcNow();

        if (result.Status == SourceReadStatus.Failed)
        {
            var failures = state.ConsecutiveFailures + 1;
            var backoff = Backoff(source.Interval, failures);
            if (result.RetryAfter is { } retryAfter && retryAfter > backoff)
            {
                backoff = retryAfter;
            }
            var failed = state with
            {
                LastPolledAt = now,
                NextPollAfter = now + backoff,
                ConsecutiveFailures = failures,
                LastError = result.Error,
                LastHttpStatus = result.HttpStatus,
                PollCount = state.PollCount + 1,
            };
            await states.SaveAsync(source.Id, failed, cancellationToken);
            logger.LogWarning("Source {SourceId} failed ({Failures} in a row, HTTP {Status}): {Error}; next poll in {Backoff}",
                source.Id, failures, result.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", result.Error, backoff);
            if (!SourceHealth.IsStale(source, state, _options, now) && SourceHealth.IsStale(source, failed, _options, now))
            {
                // Tell the operator once, when the source crosses the line, not at every failed poll.
                await notices.PublishAsync(new OperatorNotice(OperatorNotices.SourceStale, source.Id,
                    $"no successful poll for {failures} attempts; last error: {result.Error}", now), cancellationToken);
            }
            return new PollOutcome(source.Id, PollStatus.Failed, [], 0, 0, result.Error, result.HttpStatus);
        }

        if (result.Status == SourceReadStatus.NotModified)
        {
            await states.SaveAsync(source.Id, Succeeded(state, result, source, now), cancellationToken);
            logger.LogInformation("Source {SourceId} not modified", source.Id);
            return new PollOutcome(source.Id, PollStatus.NotModified, [], 0, 0, null, result.HttpStatus);
        }

        foreach (var warning in result.Warnings ?? [])
        {
            logger.LogWarning("Source {SourceId}: {Warning}", source.Id, warning);
        }

        // Fetching overlaps with other polls; correlating waits its turn where the host orders polls (alerts run).
        await CorrelationTurn.WaitAsync(cancellationToken);
        var diff = await seen.DiffAsync(source.Id, result.Items, cancellationToken);
        var firstPoll = state.LastSuccessAt is null;
        var changes = new List<TreatyChange>();
        var old = new List<TreatyChange>();
        var digest = firstPoll && BackfillDigest.Wanted(channels.All);
        // The name posts give an outlet the name table does not know: the configured one, else the feed's own title.
        var outlet = OutletNames.OfSource(source.Name, result.FeedTitle);
        foreach (var observed in diff.New.Concat(diff.Edited))
        {
            if (firstPoll && IsBackfill(observed.Item, now))
            {
                // Old news: never correlated into events (nothing to follow up, nothing for a later step to wait on),
                // at most listed in the digest.
                if (digest)
                {
                    old.AddRange(DetectOld(source, observed.Item, outlet, now));
                }
                continue;
            }
            foreach (var change in await DetectAndCorrelateAsync(source, observed.Item, outlet, cancellationToken))
            {
                if (!changes.Any(c => c.EventId == change.EventId && c.Revision == change.Revision))
                {
                    changes.Add(change);
                }
            }
        }
        // A step that a recent item of this poll also reports is posted as itself, not listed as old.
        var recent = changes.Select(BackfillDigest.Key).ToHashSet(StringComparer.Ordinal);
        if (BackfillDigest.Build(source.Id, source.Authority, old.Where(o => !recent.Contains(BackfillDigest.Key(o))), now) is { } summary)
        {
            // The tracker saves the revisions it makes; the digest is made here, so it is saved here for delivery to read.
            await eventTable.SaveRevisionAsync(summary, cancellationToken);
            changes.Add(summary);
        }

        // Remember items only after their detections were correlated: a crash before this line
        // redelivers the poll, and the tracker hands the same revisions back.
        await seen.RememberAsync(source.Id, diff.New.Concat(diff.Edited), now, cancellationToken);
        await states.SaveAsync(source.Id, Succeeded(state, result, source, now) with { ItemsSeen = state.ItemsSeen + diff.New.Count }, cancellationToken);

        logger.LogInformation("Source {SourceId}: {Items} items, {New} new, {Edited} edited, {Changes} treaty changes",
            source.Id, result.Items.Count, diff.New.Count, diff.Edited.Count, changes.Count);
        return new PollOutcome(source.Id, PollStatus.Fetched, changes, diff.New.Count, diff.Edited.Count, null, result.HttpStatus);
    }

    private async Task<IReadOnlyList<TreatyChange>> DetectAndCorrelateAsync(SourceDefinition source, FeedItem item, string? outlet, CancellationToken cancellationToken)
    {
        var (detections, sourceRef) = Detect(source, item, outlet);
        var changes = new List<TreatyChange>();
        foreach (var detection in detections)
        {
            var change = await events.ApplyAsync(detection, sourceRef, item.Summary, cancellationToken);
            if (change is not null)
            {
                changes.Add(change);
            }
        }
        return changes;
    }

    private IEnumerable<TreatyChange> DetectOld(SourceDefinition source, FeedItem item, string? outlet, DateTimeOffset now)
    {
        var (detections, sourceRef) = Detect(source, item, outlet);
        return detections.Select(d => BackfillDigest.Entry(d, sourceRef, item.Summary, now)).ToList();
    }

    /// <summary>
    /// The item's detections at or above the confidence bar (a state's own publication lending its state), and the item as
    /// the source every one of them cites: in the item's language, else the source's; named <paramref name="outlet"/>.
    /// </summary>
    private (IEnumerable<TreatyDetection> Detections, SourceRef Source) Detect(SourceDefinition source, FeedItem item, string? outlet)
    {
        var language = string.IsNullOrWhiteSpace(item.Language) ? source.Language : item.Language;
        var detections = detector.Detect(new DetectionInput(item.Title, item.Summary, language, source.Authority))
            .Where(d => d.Confidence >= _options.MinimumConfidence)
            .Select(d => WithSourceState(d, source));
        return (detections, new SourceRef(source.Id, item.Link, item.Title, item.Published, source.Authority, ShortLanguage(language), Outlet: outlet));
    }

    /// <summary>A detection without states, read from a state's own publication, is that state's act.</summary>
    public static TreatyDetection WithSourceState(TreatyDetection detection, SourceDefinition source)
        => detection.States.Count == 0 && source.State is { Length: 2 } state
            ? detection with { States = [state] }
            : detection;

    private bool IsBackfill(FeedItem item, DateTimeOffset now)
        => (item.Published ?? item.Updated) is { } published && published < now - _options.FirstPollBackfill;

    private static SourceState Succeeded(SourceState state, SourceReadResult result, SourceDefinition source, DateTimeOffset now) => state with
    {
        ETag = result.Validators.ETag,
        LastModified = result.Validators.LastModified,
        LastPolledAt = now,
        LastSuccessAt = now,
        NextPollAfter = now + source.Interval,
        ConsecutiveFailures = 0,
        LastError = null,
        LastHttpStatus = result.HttpStatus,
        PollCount = state.PollCount + 1,
    };

    private TimeSpan Backoff(TimeSpan interval, int failures)
    {
        var wait = new Operations.BackoffPolicy(interval, _options.MaxBackoff).After(failures);
        return wait < interval ? interval : wait;
    }

    private static string? ShortLanguage(string? language)
        => string.IsNullOrWhiteSpace(language) ? null : language.Split('-', 2)[0].ToLowerInvariant();
}

public enum PollStatus { Fetched, NotModified, Failed, Skipped }

/// <summary>What one poll did: the revisions to enqueue and the figures for the health table.</summary>
public sealed record PollOutcome(string SourceId, PollStatus Status, IReadOnlyList<TreatyChange> Changes, int NewItems, int EditedItems, string? Error, int? HttpStatus)
{
    public static PollOutcome Skipped(string sourceId, string reason) => new(sourceId, PollStatus.Skipped, [], 0, 0, reason, null);
}
