using Alerts.Core.Detection;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Events;

/// <summary>
/// Joins detections of the same (treaty, action, states) into one event and decides when a
/// subscriber should hear about it again: a later stage or procedure step, a higher level, a first
/// source in a new language, or a correction. Another outlet reprinting the same news only adds a
/// source. An event idle longer than its stage's window (<see cref="EventOptions.Windows"/>) is
/// closed; the next detection starts <c>...-2</c>, unless it carries the same process on (a later
/// stage, or another report of the step in effect). Writes use optimistic concurrency, so parallel
/// pollers produce one event, not two. The rules are in docs/EVENTS.md.
/// </summary>
public sealed class EventTracker(
    EventTable events,
    EventDerivation derivation,
    TimeProvider time,
    IOptions<EventOptions> options,
    ILogger<EventTracker> logger)
{
    public const string CorrectionStage = "stage";
    public const string CorrectionEffectiveDate = "effective_date";

    private const int MaxAttempts = 8;
    private const int MaxChainHops = 64;
    private readonly EventOptions _options = options.Value;

    /// <summary>
    /// Applies one detection from one item. Returns the revision to announce, or null when the
    /// item adds nothing a subscriber cares about. An item applied again (a redelivered poll)
    /// returns its revision again when that is still the latest, so nothing is lost between the
    /// state write and the enqueue; downstream stages are idempotent per revision.
    /// </summary>
    public async Task<TreatyChange?> ApplyAsync(TreatyDetection detection, SourceRef source, string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(source);
        var baseId = EventIds.For(detection);
        var eventId = baseId;
        var sequence = 1;
        var attempt = 0;
        for (var hops = 0; hops < MaxChainHops;)
        {
            var stored = await events.GetHeadAsync(eventId, cancellationToken);
            var now = time.GetUtcNow();
            var observed = Observe(detection, source, summary ?? "", now);
            try
            {
                if (stored is null)
                {
                    var head = NewHead(eventId, sequence, detection, source, summary ?? "", observed, now);
                    await events.InsertHeadAsync(head, cancellationToken);
                    logger.LogInformation("Event {EventId} opened at stage {Stage}", eventId, head.Milestone);
                    return await events.SaveRevisionAsync(head, cancellationToken);
                }

                var current = stored.Head;
                var known = current.Sources.FirstOrDefault(s => string.Equals(s.Source.Link, source.Link, StringComparison.Ordinal));
                // The same link again is a redelivered poll, unless the item was edited to say more
                // (a live page updated from the Duma vote to the signature): then it counts anew.
                var edited = known is not null
                    && (EventDerivation.CompareProgress(observed.Milestone, observed.Step, known.Milestone, known.Step) > 0
                        || (observed.StatedEffectiveDate is not null && observed.StatedEffectiveDate != known.StatedEffectiveDate));
                if (known is not null && !edited)
                {
                    return known.Revision == current.Revision ? await events.SaveRevisionAsync(current, cancellationToken) : null;
                }

                // An edited item stays with the event that already holds its link.
                // Past the window the event is closed, unless the item carries the same process on: a later
                // stage of the same action (a Duma vote months after the announcement), or one more report
                // that the step is in effect (a state that has left cannot leave again without first rejoining,
                // which would start with an earlier stage). An earlier or equal stage starts a new event.
                // A closed event (one with a successor) is not reopened: the chain goes on to its successor.
                var continues = current.SucceededBy is null
                    && (observed.Milestone > current.Milestone || (observed.Milestone == TreatyMilestone.Effective && current.Milestone == TreatyMilestone.Effective));
                var idle = known is null && !continues && observed.At - (current.LastActivity ?? current.LastChange) > _options.WindowFor(current.Milestone);
                if (idle)
                {
                    var nextId = current.SucceededBy ?? EventIds.Successor(baseId, current.Sequence + 1);
                    if (current.SucceededBy is null)
                    {
                        // Closing the old event is a compare-and-swap too: two pollers agree on one successor.
                        await events.ReplaceHeadAsync(stored, current with { SucceededBy = nextId }, cancellationToken);
                        logger.LogInformation("Event {EventId} idle since {LastActivity}; {NextId} starts", eventId, current.LastActivity ?? current.LastChange, nextId);
                    }
                    eventId = nextId;
                    sequence = current.Sequence + 1;
                    hops++;
                    continue;
                }

                if (current.Sources.Count >= EventTable.MaxSourcesStored)
                {
                    logger.LogInformation("Event {EventId}: source {Link} not stored, the event already has {Count}", eventId, source.Link, current.Sources.Count);
                    return null;
                }

                var (next, significant) = Merge(current, source, summary ?? "", detection, observed, now);
                await events.ReplaceHeadAsync(stored, next, cancellationToken);
                if (!significant)
                {
                    logger.LogInformation("Event {EventId}: source {Link} added silently", eventId, source.Link);
                    return null;
                }
                return await events.SaveRevisionAsync(next, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (++attempt < MaxAttempts)
            {
                logger.LogDebug("Event {EventId}: concurrent update, attempt {Attempt}", eventId, attempt);
            }
        }
        throw new InvalidOperationException($"Event {baseId} has more than {MaxChainHops} successors");
    }

    /// <summary>A context sentence needs a clause, not a label («Постановление от 23 августа 2025 года»).</summary>
    private const int MinContextWords = 8;

    /// <summary>
    /// Keeps, per language, the summary of the source that states the furthest stage (then the highest
    /// level): a post in that language quotes only a source written in it.
    /// </summary>
    private static IReadOnlyDictionary<string, EventContext>? WithContext(IReadOnlyDictionary<string, EventContext>? contexts, SourceRef source, string summary, TreatyMilestone stage)
    {
        var text = summary.Trim();
        if (source.Language is not { Length: > 0 } language
            || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < MinContextWords)
        {
            return contexts;
        }
        if (contexts is not null && contexts.TryGetValue(language, out var kept)
            && (kept.Milestone > stage || (kept.Milestone == stage && kept.Level >= source.Authority)))
        {
            return contexts;
        }
        var next = contexts is null ? new Dictionary<string, EventContext>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, EventContext>(contexts, StringComparer.OrdinalIgnoreCase);
        next[language] = new EventContext(text, stage, source.Authority);
        return next;
    }

    /// <summary>What one item says about its event, after reading its text for the finer step and a stated date.</summary>
    private sealed record Observation(TreatyMilestone Milestone, string? Step, DateOnly? StatedEffectiveDate, DateTimeOffset At, DateOnly? ActDate);

    private static Observation Observe(TreatyDetection detection, SourceRef source, string summary, DateTimeOffset now)
    {
        var at = source.PublishedBy(now);
        var steps = ProcedureSteps.Classify(source.Title, summary);
        var stage = detection.Milestone;
        var reference = EffectiveDates.LocalDay(at);
        var stated = EffectiveDates.FromText(source.Title, summary, reference);
        if (stage == TreatyMilestone.Effective && stated is { } day && day > reference)
        {
            // "will take effect on 1 March" announces the effect; the item is at an earlier step.
            var before = steps.Where(s => ProcedureSteps.StageOf(s) is > TreatyMilestone.Announced and < TreatyMilestone.Effective).MaxBy(ProcedureSteps.Rank);
            stage = before is null ? TreatyMilestone.Notified : ProcedureSteps.StageOf(before);
        }
        var step = ProcedureSteps.Refine(stage, steps);
        if (step is not null && ProcedureSteps.StageOf(step) > stage)
        {
            stage = ProcedureSteps.StageOf(step);
        }
        var actDate = EffectiveDates.StepDay(source.Title, summary, reference, source.Authority >= SourceLevel.Official);
        return new Observation(stage, step, stated, at, actDate);
    }

    private EventHead NewHead(string eventId, int sequence, TreatyDetection detection, SourceRef source, string summary, Observation observed, DateTimeOffset now)
    {
        var head = new EventHead
        {
            EventId = eventId,
            Sequence = sequence,
            Treaty = detection.Treaty,
            Action = detection.Action,
            States = detection.States,
            Milestone = observed.Milestone,
            Step = observed.Step,
            Level = source.Authority,
            Confidence = detection.Confidence,
            Revision = 1,
            Title = source.Title,
            Summary = summary,
            Evidence = detection.Evidence,
            Sources = [new EventSource(source, 1, observed.Milestone, observed.Step, observed.StatedEffectiveDate, now, observed.ActDate)],
            Contexts = WithContext(null, source, summary, observed.Milestone),
            FirstSeen = now,
            LastChange = now,
            LastActivity = observed.At,
        };
        var derived = derivation.Derive(head, head.Sources);
        return head with
        {
            Milestone = derived.Milestone,
            Step = derived.Step,
            MilestoneHistory = derived.History,
            EffectiveDate = derived.EffectiveDate,
            EffectiveDateBasis = derived.Basis,
            StepDate = derived.StepDate,
        };
    }

    private (EventHead Next, bool Significant) Merge(EventHead current, SourceRef source, string summary, TreatyDetection detection, Observation observed, DateTimeOffset now)
    {
        var added = new EventSource(source, current.Revision, observed.Milestone, observed.Step, observed.StatedEffectiveDate, now, observed.ActDate);
        var sources = current.Sources.Where(s => !string.Equals(s.Source.Link, source.Link, StringComparison.Ordinal)).Append(added).ToList();
        var derived = derivation.Derive(current, sources);

        var order = EventDerivation.CompareProgress(derived.Milestone, derived.Step, current.Milestone, current.Step);
        var later = order > 0;
        var corrected = order < 0;
        var higherLevel = derived.Level > current.Level;
        var newLanguage = source.Language is { Length: > 0 } lang
            && current.Sources.All(s => !string.Equals(s.Source.Language, lang, StringComparison.OrdinalIgnoreCase));
        var dateCorrected = current.EffectiveDate is not null && derived.EffectiveDate != current.EffectiveDate;
        var correction = corrected ? CorrectionStage : dateCorrected ? CorrectionEffectiveDate : null;
        var significant = later || higherLevel || newLanguage || correction is not null;
        var revision = significant ? current.Revision + 1 : current.Revision;
        sources[^1] = added with { Revision = revision };

        // The item that moved the event (or corrected it) speaks for it in the post.
        var leads = later || higherLevel || correction is not null;
        var lastActivity = current.LastActivity ?? current.LastChange;
        var next = current with
        {
            Milestone = derived.Milestone,
            Step = derived.Step,
            Level = derived.Level,
            Confidence = Math.Max(current.Confidence, detection.Confidence),
            Revision = revision,
            Title = leads ? source.Title : current.Title,
            Summary = leads && summary.Length > 0 ? summary : current.Summary,
            Evidence = leads ? detection.Evidence : current.Evidence,
            Sources = sources,
            MilestoneHistory = derived.History,
            EffectiveDate = derived.EffectiveDate,
            EffectiveDateBasis = derived.Basis,
            StepDate = derived.StepDate,
            Contexts = WithContext(current.Contexts, source, summary, observed.Milestone),
            Correction = significant ? correction : current.Correction,
            LastChange = significant ? now : current.LastChange,
            LastActivity = observed.At > lastActivity ? observed.At : lastActivity,
        };
        if (corrected)
        {
            logger.LogInformation("Event {EventId}: {Link} corrects the stage from {From} to {To}", current.EventId, source.Link, current.Milestone, derived.Milestone);
        }
        return (next, significant);
    }
}
