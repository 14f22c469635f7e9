using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Events;

/// <summary>
/// Follow-ups on an event's effective date. A head with a future effective date gets a hint row
/// (<see cref="EventTable.FollowUpPartition"/>, written by the store with the head); a timer calls
/// <see cref="DueFollowUpsAsync"/>, which turns each due hint into a new revision at stage
/// <c>effective</c> unless a source reported the effect first.
/// </summary>
public sealed class EventFollowUps(EventTable events, EventDerivation derivation, IOptions<EventOptions> options, ILogger<EventFollowUps> logger)
{
    private const int MaxAttempts = 8;
    private readonly EventOptions _options = options.Value;

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
        var changes = new List<TreatyChange>();
        foreach (var hint in await events.ListFollowUpsAsync(cancellationToken))
        {
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
            var stored = await events.GetHeadAsync(eventId, cancellationToken);
            if (stored is null)
            {
                await events.DeleteFollowUpAsync(eventId, cancellationToken);
                return null;
            }
            var head = stored.Head;
            if (head.FollowUpRevision is { } made)
            {
                if (made == head.Revision && now - head.LastChange <= _options.FollowUpRepeatWindow)
                {
                    return await events.SaveRevisionAsync(head, cancellationToken);
                }
                await events.DeleteFollowUpAsync(eventId, cancellationToken);
                return null;
            }
            if (head.EffectiveDate is not { } date || head.Milestone >= TreatyMilestone.Effective)
            {
                // A source reported the effect first, or the date was withdrawn: nothing to schedule.
                await events.DeleteFollowUpAsync(eventId, cancellationToken);
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
            var derived = derivation.Derive(next, next.Sources);
            next = next with { Milestone = derived.Milestone, Step = derived.Step, MilestoneHistory = derived.History, StepDate = derived.StepDate };
            try
            {
                await events.ReplaceHeadAsync(stored, next, cancellationToken);
                logger.LogInformation("Event {EventId}: effective date {EffectiveDate} reached, revision {Revision}", eventId, date, revision);
                return await events.SaveRevisionAsync(next, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                logger.LogDebug("Event {EventId}: concurrent update during follow-up, attempt {Attempt}", eventId, attempt);
            }
        }
    }
}
