using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
/// closed; the next detection starts <c>...-2</c>. Writes use optimistic concurrency, so parallel
/// pollers produce one event, not two. The rules are in docs/EVENTS.md.
/// </summary>
public sealed class EventTracker(
    IStateStore store,
    TimeProvider time,
    ILogger<EventTracker> logger,
    IOptions<EventOptions>? options = null,
    TreatyCatalog? catalog = null)
{
    /// <summary>Partition of the events table holding one hint row per scheduled follow-up (row key = event id).</summary>
    public const string FollowUpPartition = "followups";
    public const string CorrectionStage = "stage";
    public const string CorrectionEffectiveDate = "effective_date";
    public const string BasisStated = "stated";
    public const string BasisNoticePeriod = "notice_period";

    private const int MaxAttempts = 8;
    private const int MaxChainHops = 64;
    private const int MaxSourcesKept = 50;
    // A head document stays far below the table adapters' entity limit; reprints beyond this add nothing.
    private const int MaxSourcesStored = 200;
    private readonly EventStore _events = new(store);
    private readonly EventOptions _options = options?.Value ?? new EventOptions();

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
        var baseId = EventIdFor(detection);
        var eventId = baseId;
        var sequence = 1;
        var attempt = 0;
        for (var hops = 0; hops < MaxChainHops;)
        {
            var doc = await store.GetAsync(StateTables.Events, eventId, EventStore.HeadRow, cancellationToken);
            var now = time.GetUtcNow();
            var observed = Observe(detection, source, summary ?? "", now);
            try
            {
                if (doc is null)
                {
                    var head = NewHead(eventId, sequence, detection, source, summary ?? "", observed, now);
                    await ScheduleAsync(null, head, cancellationToken);
                    await store.InsertAsync(StateTables.Events, eventId, EventStore.HeadRow, MessageJson.Serialize(head), cancellationToken);
                    logger.LogInformation("Event {EventId} opened at stage {Stage}", eventId, head.Stage);
                    return await AnnounceAsync(head, cancellationToken);
                }

                var current = MessageJson.Deserialize<EventHead>(doc.Json);
                var known = current.Sources.FirstOrDefault(s => string.Equals(s.Source.Link, source.Link, StringComparison.Ordinal));
                // The same link again is a redelivered poll, unless the item was edited to say more
                // (a live page updated from the Duma vote to the signature): then it counts anew.
                var edited = known is not null
                    && (CompareProgress(observed.Stage, observed.Step, known.Stage, known.Step) > 0
                        || (observed.StatedEffectiveDate is not null && observed.StatedEffectiveDate != known.StatedEffectiveDate));
                if (known is not null && !edited)
                {
                    return known.Revision == current.Revision ? await AnnounceAsync(current, cancellationToken) : null;
                }

                // An edited item stays with the event that already holds its link.
                var idle = known is null && observed.At - (current.LastActivity ?? current.LastChange) > _options.WindowFor(current.Stage);
                if (idle)
                {
                    var nextId = current.SucceededBy ?? $"{baseId}-{current.Sequence + 1}";
                    if (current.SucceededBy is null)
                    {
                        // Closing the old event is a compare-and-swap too: two pollers agree on one successor.
                        await store.ReplaceAsync(StateTables.Events, eventId, EventStore.HeadRow,
                            MessageJson.Serialize(current with { SucceededBy = nextId }), doc.ETag, cancellationToken);
                        logger.LogInformation("Event {EventId} idle since {LastActivity}; {NextId} starts", eventId, current.LastActivity ?? current.LastChange, nextId);
                    }
                    eventId = nextId;
                    sequence = current.Sequence + 1;
                    hops++;
                    continue;
                }

                if (current.Sources.Count >= MaxSourcesStored)
                {
                    logger.LogInformation("Event {EventId}: source {Link} not stored, the event already has {Count}", eventId, source.Link, current.Sources.Count);
                    return null;
                }

                var (next, significant) = Merge(current, source, summary ?? "", detection, observed, now);
                await ScheduleAsync(current, next, cancellationToken);
                await store.ReplaceAsync(StateTables.Events, eventId, EventStore.HeadRow, MessageJson.Serialize(next), doc.ETag, cancellationToken);
                if (!significant)
                {
                    logger.LogInformation("Event {EventId}: source {Link} added silently", eventId, source.Link);
                    return null;
                }
                return await AnnounceAsync(next, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (++attempt < MaxAttempts)
            {
                logger.LogDebug("Event {EventId}: concurrent update, attempt {Attempt}", eventId, attempt);
            }
        }
        throw new InvalidOperationException($"Event {baseId} has more than {MaxChainHops} successors");
    }

    /// <summary>
    /// The follow-ups due by <paramref name="now"/>: each event whose effective date has come
    /// while no source has yet reported the effect moves to stage <c>effective</c> (step
    /// <c>in_effect</c>) in a new revision, returned here to enqueue. A follow-up made in the last
    /// <see cref="EventOptions.FollowUpRepeatWindow"/> is returned again (a timer run that failed
    /// before its enqueue loses nothing; downstream is idempotent per revision). Call it from a timer.
    /// </summary>
    public async Task<IReadOnlyList<TreatyChange>> DueFollowUpsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var hints = await store.QueryAsync(StateTables.Events, FollowUpPartition, cancellationToken);
        var changes = new List<TreatyChange>();
        foreach (var doc in hints)
        {
            var hint = MessageJson.Deserialize<FollowUpHint>(doc.Json);
            if (hint.Due > today)
            {
                continue;
            }
            if (await FollowUpAsync(hint.EventId, now, today, cancellationToken) is { } change)
            {
                changes.Add(change);
            }
        }
        return changes;
    }

    private async Task<TreatyChange?> FollowUpAsync(string eventId, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var doc = await store.GetAsync(StateTables.Events, eventId, EventStore.HeadRow, cancellationToken);
            if (doc is null)
            {
                await store.DeleteAsync(StateTables.Events, FollowUpPartition, eventId, cancellationToken);
                return null;
            }
            var head = MessageJson.Deserialize<EventHead>(doc.Json);
            if (head.FollowUpRevision is { } made)
            {
                if (made == head.Revision && now - head.LastChange <= _options.FollowUpRepeatWindow)
                {
                    return await AnnounceAsync(head, cancellationToken);
                }
                await store.DeleteAsync(StateTables.Events, FollowUpPartition, eventId, cancellationToken);
                return null;
            }
            if (head.EffectiveDate is not { } date || head.Stage >= TreatyStage.Effective)
            {
                // A source reported the effect first, or the date was withdrawn: nothing to schedule.
                await store.DeleteAsync(StateTables.Events, FollowUpPartition, eventId, cancellationToken);
                return null;
            }
            if (date > today)
            {
                return null; // the date moved later since the hint was written
            }
            var revision = head.Revision + 1;
            var next = head with
            {
                Revision = revision,
                FollowUpRevision = revision,
                LastChange = now,
                LastActivity = now,
                Correction = null,
            };
            var derived = Derive(next, next.Sources);
            next = next with { Stage = derived.Stage, Step = derived.Step, StageHistory = derived.History, StepDate = derived.StepDate };
            try
            {
                await store.ReplaceAsync(StateTables.Events, eventId, EventStore.HeadRow, MessageJson.Serialize(next), doc.ETag, cancellationToken);
                logger.LogInformation("Event {EventId}: effective date {EffectiveDate} reached, revision {Revision}", eventId, date, revision);
                return await AnnounceAsync(next, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                logger.LogDebug("Event {EventId}: concurrent update during follow-up, attempt {Attempt}", eventId, attempt);
            }
        }
    }

    public async Task<EventHead?> GetHeadAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Events, eventId, EventStore.HeadRow, cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<EventHead>(doc.Json);
    }

    /// <summary>Every event head, newest change first.</summary>
    public async Task<IReadOnlyList<EventHead>> ListAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAllAsync(StateTables.Events, cancellationToken);
        return docs.Where(d => d.RowKey == EventStore.HeadRow)
            .Select(d => MessageJson.Deserialize<EventHead>(d.Json))
            .OrderByDescending(h => h.LastChange)
            .ToList();
    }

    /// <summary>A readable, stable id: treaty, action and states, e.g. <c>coe-126.withdrawal.ru</c>.</summary>
    public static string EventIdFor(TreatyDetection detection)
    {
        var treaty = detection.Treaty.Id == TreatyRef.UnknownId
            ? "unknown-" + ShortHash(NormaliseName(detection.Treaty.Name))
            : Slug(detection.Treaty.Id);
        var states = detection.States.Count == 0 ? "xx" : string.Join('-', detection.States.Select(s => s.ToLowerInvariant()).Order(StringComparer.Ordinal));
        return $"{treaty}.{Vocabulary.Name(detection.Action)}.{states}";
    }

    private async Task<TreatyChange> AnnounceAsync(EventHead head, CancellationToken cancellationToken)
    {
        var change = ToChange(head);
        await _events.SaveRevisionAsync(change, cancellationToken);
        return change;
    }

    // The hint is written before the head: a crash in between leaves a hint the follow-up run
    // checks against the head (the truth) and drops, never a scheduled date without a hint.
    private async Task ScheduleAsync(EventHead? before, EventHead after, CancellationToken cancellationToken)
    {
        if (after.EffectiveDate is { } due && after.Stage < TreatyStage.Effective && after.FollowUpRevision is null && before?.EffectiveDate != due)
        {
            await store.UpsertAsync(StateTables.Events, FollowUpPartition, after.EventId, MessageJson.Serialize(new FollowUpHint(after.EventId, due)), cancellationToken);
        }
    }

    public static TreatyChange ToChange(EventHead head) => new()
    {
        EventId = head.EventId,
        Revision = head.Revision,
        Treaty = head.Treaty,
        Action = head.Action,
        States = head.States,
        Stage = head.Stage,
        Step = head.Step,
        Confidence = head.Confidence,
        Level = head.Level,
        Title = head.Title,
        Summary = head.Summary,
        Sources = head.Sources.Select(s => s.Source with { Reports = s.Stage }).Take(MaxSourcesKept).ToList(),
        Evidence = head.Evidence,
        StageHistory = head.StageHistory,
        EffectiveDate = head.EffectiveDate,
        Correction = head.Correction,
        DetectedAt = head.LastChange,
        StepDate = head.StepDate,
        Contexts = head.Contexts?.Where(c => c.Value.Stage == head.Stage).ToDictionary(c => c.Key, c => c.Value.Text),
    };

    /// <summary>A context sentence needs a clause, not a label («Постановление от 23 августа 2025 года»).</summary>
    private const int MinContextWords = 8;

    /// <summary>
    /// Keeps, per language, the summary of the source that states the furthest stage (then the highest
    /// level): a post in that language quotes only a source written in it.
    /// </summary>
    private static IReadOnlyDictionary<string, EventContext>? WithContext(IReadOnlyDictionary<string, EventContext>? contexts, SourceRef source, string summary, TreatyStage stage)
    {
        var text = summary.Trim();
        if (source.Language is not { Length: > 0 } language
            || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < MinContextWords)
        {
            return contexts;
        }
        if (contexts is not null && contexts.TryGetValue(language, out var kept)
            && (kept.Stage > stage || (kept.Stage == stage && kept.Level >= source.Authority)))
        {
            return contexts;
        }
        var next = contexts is null ? new Dictionary<string, EventContext>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, EventContext>(contexts, StringComparer.OrdinalIgnoreCase);
        next[language] = new EventContext(text, stage, source.Authority);
        return next;
    }

    /// <summary>What one item says about its event, after reading its text for the finer step and a stated date.</summary>
    private sealed record Observation(TreatyStage Stage, string? Step, DateOnly? StatedEffectiveDate, DateTimeOffset At, DateOnly? ActDate);

    private static Observation Observe(TreatyDetection detection, SourceRef source, string summary, DateTimeOffset now)
    {
        // A publication date in the future is a feed's mistake: it must not keep an event open.
        var at = source.Published is { } published && published < now ? published : now;
        var steps = ProcedureSteps.Classify(source.Title, summary);
        var stage = detection.Stage;
        var reference = DateOnly.FromDateTime(at.UtcDateTime);
        var stated = EffectiveDates.FromText(source.Title, summary, reference);
        if (stage == TreatyStage.Effective && stated is { } day && day > reference)
        {
            // "will take effect on 1 March" announces the effect; the item is at an earlier step.
            var before = steps.Where(s => ProcedureSteps.StageOf(s) is > TreatyStage.Unknown and < TreatyStage.Effective).MaxBy(ProcedureSteps.Rank);
            stage = before is null ? TreatyStage.Notified : ProcedureSteps.StageOf(before);
        }
        var step = ProcedureSteps.Refine(stage, steps);
        if (step is not null && ProcedureSteps.StageOf(step) > stage)
        {
            stage = ProcedureSteps.StageOf(step);
        }
        // Only a state's own act or a depositary record dates the step by the act ("Постановление от 23 августа").
        var actDate = source.Authority >= SourceLevel.Official ? EffectiveDates.ActDate(source.Title, summary, reference) : null;
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
            Stage = observed.Stage,
            Step = observed.Step,
            Level = source.Authority,
            Confidence = detection.Confidence,
            Revision = 1,
            Title = source.Title,
            Summary = summary,
            Evidence = detection.Evidence,
            Sources = [new EventSource(source, 1, observed.Stage, observed.Step, observed.StatedEffectiveDate, now, observed.ActDate)],
            Contexts = WithContext(null, source, summary, observed.Stage),
            FirstSeen = now,
            LastChange = now,
            LastActivity = observed.At,
        };
        var derived = Derive(head, head.Sources);
        return head with
        {
            Stage = derived.Stage,
            Step = derived.Step,
            StageHistory = derived.History,
            EffectiveDate = derived.EffectiveDate,
            EffectiveDateBasis = derived.Basis,
            StepDate = derived.StepDate,
        };
    }

    private (EventHead Next, bool Significant) Merge(EventHead current, SourceRef source, string summary, TreatyDetection detection, Observation observed, DateTimeOffset now)
    {
        var added = new EventSource(source, current.Revision, observed.Stage, observed.Step, observed.StatedEffectiveDate, now, observed.ActDate);
        var sources = current.Sources.Where(s => !string.Equals(s.Source.Link, source.Link, StringComparison.Ordinal)).Append(added).ToList();
        var derived = Derive(current, sources);

        var order = CompareProgress(derived.Stage, derived.Step, current.Stage, current.Step);
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
            Stage = derived.Stage,
            Step = derived.Step,
            Level = derived.Level,
            Confidence = Math.Max(current.Confidence, detection.Confidence),
            Revision = revision,
            Title = leads ? source.Title : current.Title,
            Summary = leads && summary.Length > 0 ? summary : current.Summary,
            Evidence = leads ? detection.Evidence : current.Evidence,
            Sources = sources,
            StageHistory = derived.History,
            EffectiveDate = derived.EffectiveDate,
            EffectiveDateBasis = derived.Basis,
            StepDate = derived.StepDate,
            Contexts = WithContext(current.Contexts, source, summary, observed.Stage),
            Correction = significant ? correction : current.Correction,
            LastChange = significant ? now : current.LastChange,
            LastActivity = observed.At > lastActivity ? observed.At : lastActivity,
        };
        if (corrected)
        {
            logger.LogInformation("Event {EventId}: {Link} corrects the stage from {From} to {To}", current.EventId, source.Link, current.Stage, derived.Stage);
        }
        return (next, significant);
    }

    private sealed record Derived(TreatyStage Stage, string? Step, SourceLevel Level, IReadOnlyList<StageStep> History, DateOnly? EffectiveDate, string? Basis, DateOnly? StepDate);

    /// <summary>
    /// The event's stage, step, level, history and effective date as a function of its sources, so
    /// the result does not depend on the order items arrived in. A media claim is set aside when an
    /// official or depositary source published after it puts the event at an earlier stage (or an
    /// earlier step of the same stage): that is a correction.
    /// </summary>
    private Derived Derive(EventHead head, IReadOnlyList<EventSource> sources)
    {
        DateTimeOffset When(EventSource s) => s.Source.Published ?? s.AppliedAt ?? head.FirstSeen;

        var official = sources.Where(s => s.Source.Authority >= SourceLevel.Official && s.Stage > TreatyStage.Unknown).ToList();
        bool Contradicted(EventSource s) => s.Source.Authority == SourceLevel.Media
            && official.Any(o => When(o) > When(s)
                && (o.Stage < s.Stage || (o.Stage == s.Stage && o.Step is not null && s.Step is not null && ProcedureSteps.Rank(o.Step) < ProcedureSteps.Rank(s.Step))));
        var counted = sources.Where(s => s.Stage > TreatyStage.Unknown && !Contradicted(s)).ToList();

        var best = counted.OrderByDescending(s => s.Stage).ThenByDescending(s => ProcedureSteps.Rank(s.Step)).FirstOrDefault();
        var stage = best?.Stage ?? TreatyStage.Unknown;
        var step = best?.Step;
        if (head.FollowUpRevision is not null && stage < TreatyStage.Effective)
        {
            stage = TreatyStage.Effective;
            step = ProcedureSteps.InEffect;
        }

        var history = counted
            .GroupBy(s => (s.Stage, Step: s.Step ?? ""))
            .Select(g => g.MinBy(When)!)
            .Select(s => new StageStep(s.Stage, When(s), s.Source.Link, s.Step))
            .ToList();
        // A bare stage adds nothing once a step of that stage is known.
        history.RemoveAll(h => h.Step is null && history.Any(o => o.Stage == h.Stage && o.Step is not null));

        var level = sources.Max(s => s.Source.Authority);
        DateOnly? effective = null;
        string? basis = null;
        var stated = sources.Where(s => s.StatedEffectiveDate is not null)
            .OrderByDescending(s => s.Source.Authority).ThenByDescending(When).FirstOrDefault();
        if (stated is not null)
        {
            effective = stated.StatedEffectiveDate;
            basis = BasisStated;
        }
        else if (head.Action == TreatyAction.Withdrawal
            && catalog?.Find(head.Treaty.Id)?.DenunciationEffect is { } notice
            && counted.Where(s => s.Stage == TreatyStage.Notified).Select(When).DefaultIfEmpty().Min() is var notifiedAt
            && notifiedAt != default
            && EffectiveDates.FromNoticePeriod(notice, DateOnly.FromDateTime(notifiedAt.UtcDateTime)) is { } computed)
        {
            effective = computed;
            basis = BasisNoticePeriod;
        }

        if (head.FollowUpRevision is not null && effective is { } day && history.All(h => h.Step != ProcedureSteps.InEffect))
        {
            history.Add(new StageStep(TreatyStage.Effective, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, ProcedureSteps.InEffect));
        }
        history = history.OrderBy(h => h.Stage).ThenBy(h => ProcedureSteps.Rank(h.Step)).ThenBy(h => h.SeenAt).ToList();

        // The step's date: the act's own date when an official item of this step gives one, else its earliest report.
        var ofStep = counted.Where(s => s.Stage == stage && (step is null || s.Step == step)).ToList();
        DateOnly? stepDate = ofStep.Where(s => s.ActDate is not null).Select(s => s.ActDate).Min()
            ?? (ofStep.Count > 0 ? DateOnly.FromDateTime(ofStep.Min(When).UtcDateTime) : null);
        if (head.FollowUpRevision is not null && effective is { } effectiveDay && stage == TreatyStage.Effective && ofStep.Count == 0)
        {
            stepDate = effectiveDay;
        }
        return new Derived(stage, step, level, history, effective, basis, stepDate);
    }

    private static int CompareProgress(TreatyStage stage, string? step, TreatyStage otherStage, string? otherStep)
    {
        var byStage = stage.CompareTo(otherStage);
        return byStage != 0 ? byStage : ProcedureSteps.Rank(step).CompareTo(ProcedureSteps.Rank(otherStep));
    }

    private static string Slug(string id)
    {
        var sb = new StringBuilder(id.Length);
        foreach (var c in id.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return sb.ToString().Trim('-');
    }

    private static string NormaliseName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant().Replace('ё', 'е'))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string ShortHash(string value)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 6)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Row of <see cref="EventTracker.FollowUpPartition"/>: a follow-up to make on <paramref name="Due"/>.</summary>
internal sealed record FollowUpHint(string EventId, DateOnly Due);
