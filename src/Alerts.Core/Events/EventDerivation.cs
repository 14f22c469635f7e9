using System.Text.Json.Serialization;
using Alerts.Core.Detection;
using Alerts.Core.Messages;

namespace Alerts.Core.Events;

/// <summary>What an event's sources add up to: its stage, step, level, history, effective date and step date.</summary>
public sealed record DerivedProgress([property: JsonPropertyName("stage")] TreatyMilestone Milestone, string? Step, SourceLevel Level, IReadOnlyList<MilestoneStep> History, DateOnly? EffectiveDate, string? Basis, DateOnly? StepDate);

/// <summary>
/// The event's stage, step, level, history and effective date as a function of its sources, so
/// the result does not depend on the order items arrived in. A media claim is set aside when an
/// official or depositary source published after it puts the event at an earlier stage (or an
/// earlier step of the same stage): that is a correction. A withdrawal's effective date comes from
/// the catalogue's notice period when no source states one.
/// </summary>
public sealed class EventDerivation(TreatyCatalog catalog)
{
    public const string BasisStated = "stated";
    public const string BasisNoticePeriod = "notice_period";

    public DerivedProgress Derive(EventHead head, IReadOnlyList<EventSource> sources)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(sources);
        // A source's date is its publication, taken as the time it was applied when it gives none or a future one (a
        // feed's mistake must not date a step ahead); a source stored before AppliedAt was kept falls back to the event's first sighting.
        DateTimeOffset When(EventSource s) => s.AppliedAt is { } applied ? s.Source.PublishedBy(applied) : s.Source.Published ?? head.FirstSeen;

        var official = sources.Where(s => s.Source.Authority >= SourceLevel.Official && s.Milestone > TreatyMilestone.Unknown).ToList();
        bool Contradicted(EventSource s) => s.Source.Authority == SourceLevel.Media
            && official.Any(o => When(o) > When(s)
                && (o.Milestone < s.Milestone || (o.Milestone == s.Milestone && o.Step is not null && s.Step is not null && ProcedureSteps.Rank(o.Step) < ProcedureSteps.Rank(s.Step))));
        var counted = sources.Where(s => s.Milestone > TreatyMilestone.Unknown && !Contradicted(s)).ToList();

        var best = counted.OrderByDescending(s => s.Milestone).ThenByDescending(s => ProcedureSteps.Rank(s.Step)).FirstOrDefault();
        var stage = best?.Milestone ?? TreatyMilestone.Unknown;
        var step = best?.Step;
        if (head.FollowUpRevision is not null && stage < TreatyMilestone.Effective)
        {
            stage = TreatyMilestone.Effective;
            step = ProcedureSteps.InEffect;
        }

        var history = counted
            .GroupBy(s => (s.Milestone, Step: s.Step ?? ""))
            .Select(g => g.MinBy(When)!)
            .Select(s => new MilestoneStep(s.Milestone, When(s), s.Source.Link, s.Step))
            .ToList();
        // A bare stage adds nothing once a step of that stage is known.
        history.RemoveAll(h => h.Step is null && history.Any(o => o.Milestone == h.Milestone && o.Step is not null));

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
            && catalog.Find(head.Treaty.Id)?.DenunciationEffect is { } notice
            && counted.Where(s => s.Milestone == TreatyMilestone.Notified).Select(When).DefaultIfEmpty().Min() is var notifiedAt
            && notifiedAt != default
            && EffectiveDates.FromNoticePeriod(notice, EffectiveDates.LocalDay(notifiedAt)) is { } computed)
        {
            effective = computed;
            basis = BasisNoticePeriod;
        }

        if (head.FollowUpRevision is not null && effective is { } day && history.All(h => h.Step != ProcedureSteps.InEffect))
        {
            history.Add(new MilestoneStep(TreatyMilestone.Effective, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, ProcedureSteps.InEffect));
        }
        history = history.OrderBy(h => h.Milestone).ThenBy(h => ProcedureSteps.Rank(h.Step)).ThenBy(h => h.SeenAt).ToList();

        // The step's date: the act's own date when an official item of this step gives one, else its earliest report's
        // day in the publisher's own offset (a report at 20:00 -05:00 on 3 April is dated 3 April, not 4 April in UTC).
        var ofStep = counted.Where(s => s.Milestone == stage && (step is null || s.Step == step)).ToList();
        DateOnly? stepDate = ofStep.Where(s => s.ActDate is not null).Select(s => s.ActDate).Min()
            ?? (ofStep.Count > 0 ? EffectiveDates.LocalDay(When(ofStep.MinBy(When)!)) : null);
        if (head.FollowUpRevision is not null && effective is { } effectiveDay && stage == TreatyMilestone.Effective && ofStep.Count == 0)
        {
            stepDate = effectiveDay;
        }
        return new DerivedProgress(stage, step, level, history, effective, basis, stepDate);
    }

    /// <summary>Orders two (stage, step) pairs: by stage, then by the step's rank in the procedure.</summary>
    public static int CompareProgress(TreatyMilestone stage, string? step, TreatyMilestone otherStage, string? otherStep)
    {
        var byStage = stage.CompareTo(otherStage);
        return byStage != 0 ? byStage : ProcedureSteps.Rank(step).CompareTo(ProcedureSteps.Rank(otherStep));
    }
}
