using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Routing;

/// <summary>
/// Old news reads as old: the events a source's first poll finds in items older than <c>Polling:FirstPollBackfill</c>
/// become one digest change (event id <c>digest.&lt;source&gt;</c>, revision 1), which each channel with
/// <see cref="ChannelDefinition.Backfill"/> <c>digest</c> receives as one dated list, and the others never see.
/// Old items are not correlated into events (as with <c>none</c>): an entry is the step one or more old items state,
/// keyed by treaty, action and states, at the most advanced stage they report.
/// </summary>
public static class BackfillDigest
{
    public const string None = "none";
    public const string Digest = "digest";
    public const string EventPrefix = "digest.";
    public const string TreatyId = "digest";

    /// <summary>Entries a digest carries at most (newest first), keeping the message far under the 48 KiB queue limit.</summary>
    public const int MaxEntries = 15;

    private const int MaxTitleLength = 120;

    public static bool IsDigest(TreatyChange change) => change.Digest is not null;

    /// <summary>Whether any configured channel wants digests; otherwise the poll stage keeps old items silent as before.</summary>
    public static bool Wanted(IEnumerable<ChannelDefinition> channels)
        => channels.Any(c => c.Enabled && string.Equals(c.Backfill, Digest, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The entries this channel lists: it takes digests, and each entry passes its filters and would not be held for
    /// review as uncertain (an unknown treaty or actor is not posted unseen, old or new).
    /// </summary>
    public static IReadOnlyList<TreatyChange> EntriesFor(TreatyChange digest, ChannelDefinition channel)
    {
        if (digest.Digest is null || !string.Equals(channel.Backfill, Digest, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        return digest.Digest
            .Where(e => ChannelRouter.Matches(e, channel)
                && e.Treaty.Id != TreatyRef.UnknownId
                && e.States.Count > 0 && e.States.All(StateNames.IsKnown))
            .ToList();
    }

    /// <summary>The key entries are grouped by: treaty, action and states (sorted).</summary>
    public static string Key(TreatyChange change)
        => $"{change.Treaty.Id}|{Vocabulary.Name(change.Action)}|{string.Join(',', change.States.Select(s => s.ToUpperInvariant()).Order(StringComparer.Ordinal))}";

    /// <summary>
    /// One old item's detection as a digest entry: the stage refined by the procedure step the text names, dated by the
    /// act when an official item gives its date, else by the item's publication.
    /// </summary>
    public static TreatyChange Entry(TreatyDetection detection, SourceRef source, string summary, DateTimeOffset now)
    {
        var at = source.PublishedBy(now);
        var day = EffectiveDates.LocalDay(at);
        var step = ProcedureSteps.Refine(detection.Milestone, ProcedureSteps.Classify(source.Title, summary));
        var stage = step is not null && ProcedureSteps.StageOf(step) > detection.Milestone ? ProcedureSteps.StageOf(step) : detection.Milestone;
        var actDate = EffectiveDates.StepDay(source.Title, summary, day, source.Authority >= SourceLevel.Official);
        var entry = new TreatyChange
        {
            EventId = "",
            Revision = 1,
            Treaty = detection.Treaty,
            Action = detection.Action,
            States = detection.States,
            Milestone = stage,
            Step = step,
            Confidence = detection.Confidence,
            Level = source.Authority,
            Title = source.Title,
            Sources = [source with { Reports = stage }],
            DetectedAt = now,
            StepDate = actDate ?? day,
        };
        return entry with { EventId = Key(entry) };
    }

    /// <summary>The digest change of one first poll, or null when it found no old step.</summary>
    public static TreatyChange? Build(string sourceId, SourceLevel level, IEnumerable<TreatyChange> oldSteps, DateTimeOffset now)
    {
        var entries = oldSteps
            .GroupBy(Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.Milestone).ThenByDescending(c => c.StepDate ?? DateOnly.MinValue).First() with
            {
                Sources = [.. g.SelectMany(c => c.Sources).DistinctBy(s => s.Link)],
                Level = g.Max(c => c.Level),
                Confidence = g.Max(c => c.Confidence),
            })
            .OrderByDescending(c => c.StepDate ?? DateOnly.MinValue)
            .Take(MaxEntries)
            .Select(Slim)
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }
        var digest = new TreatyChange
        {
            EventId = EventPrefix + sourceId,
            Revision = 1,
            Treaty = new TreatyRef(TreatyId, ""),
            Action = TreatyAction.Other,
            States = [],
            Milestone = TreatyMilestone.Unknown,
            Confidence = 1.0,
            Level = level,
            Title = sourceId,
            Sources = [],
            DetectedAt = now,
            StepDate = DateOnly.FromDateTime(now.UtcDateTime),
            Digest = entries,
        };
        // Entries keep their treaty names and links whole; the oldest go when the message would not fit a queue.
        while (entries.Count > 1 && Encoding.UTF8.GetByteCount(MessageJson.Serialize(digest)) > MessageJson.MaxMessageBytes)
        {
            entries.RemoveAt(entries.Count - 1);
            digest = digest with { Digest = entries.ToList() };
        }
        return digest;
    }

    /// <summary>An entry keeps what its line needs: the facts, the date and its official (or first) source.</summary>
    private static TreatyChange Slim(TreatyChange change) => change with
    {
        Title = change.Title.Length > MaxTitleLength ? change.Title[..MaxTitleLength] : change.Title,
        Summary = "",
        Evidence = [],
        Contexts = new Dictionary<string, string>(),
        MilestoneHistory = [],
        Sources = change.Sources.OrderByDescending(s => s.Authority).ThenBy(s => s.Published ?? DateTimeOffset.MaxValue).Take(2)
            .Select(s => s with { Title = s.Title.Length > MaxTitleLength / 2 ? s.Title[..(MaxTitleLength / 2)] : s.Title })
            .ToList(),
    };
}
