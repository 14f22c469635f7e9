using System.Text;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Routing;

/// <summary>
/// Old news reads as old: the events a source's first poll finds in items older than <c>Polling:FirstPollBackfill</c>
/// become one digest change (event id <c>digest.&lt;source&gt;</c>, revision 1), which each channel with
/// <see cref="ChannelDefinition.Backfill"/> <c>digest</c> receives as one dated list, and the others never see.
/// The events themselves are tracked as usual, so a later report of the same step is no news either.
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

    /// <summary>The digest change of one first poll, or null when it found no old event.</summary>
    public static TreatyChange? Build(string sourceId, SourceLevel level, IEnumerable<TreatyChange> oldEvents, DateTimeOffset now)
    {
        var entries = oldEvents
            .GroupBy(c => c.EventId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(c => c.Revision)!)
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
            Stage = TreatyStage.Unknown,
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
        StageHistory = [],
        Sources = change.Sources.OrderByDescending(s => s.Authority).ThenBy(s => s.Published ?? DateTimeOffset.MaxValue).Take(2)
            .Select(s => s with { Title = s.Title.Length > MaxTitleLength / 2 ? s.Title[..(MaxTitleLength / 2)] : s.Title })
            .ToList(),
    };
}
