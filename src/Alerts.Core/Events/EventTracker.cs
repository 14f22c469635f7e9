using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Detection;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Events;

/// <summary>
/// Joins detections of the same (treaty, action, states) into one event and decides when a
/// subscriber should hear about it again: a later stage, a higher level, or a first source in a
/// new language. Another outlet reprinting the same news only adds a source.
/// Writes use optimistic concurrency, so parallel pollers produce one event, not two.
/// </summary>
public sealed class EventTracker(IStateStore store, TimeProvider time, ILogger<EventTracker> logger)
{
    private const int MaxAttempts = 8;
    private const int MaxSourcesKept = 50;
    private readonly EventStore _events = new(store);

    /// <summary>
    /// Applies one detection from one item. Returns the revision to announce, or null when the
    /// item adds nothing a subscriber cares about. An item applied again (a redelivered poll)
    /// returns its revision again when that is still the latest, so nothing is lost between the
    /// state write and the enqueue; downstream stages are idempotent per revision.
    /// </summary>
    public async Task<TreatyChange?> ApplyAsync(TreatyDetection detection, SourceRef source, string summary, CancellationToken cancellationToken = default)
    {
        var eventId = EventIdFor(detection);
        for (var attempt = 1; ; attempt++)
        {
            var doc = await store.GetAsync(StateTables.Events, eventId, EventStore.HeadRow, cancellationToken);
            var now = time.GetUtcNow();
            try
            {
                if (doc is null)
                {
                    var head = NewHead(eventId, detection, source, summary, now);
                    await store.InsertAsync(StateTables.Events, eventId, EventStore.HeadRow, MessageJson.Serialize(head), cancellationToken);
                    return await AnnounceAsync(head, cancellationToken);
                }

                var current = MessageJson.Deserialize<EventHead>(doc.Json);
                var known = current.Sources.FirstOrDefault(s => string.Equals(s.Source.Link, source.Link, StringComparison.Ordinal));
                if (known is not null)
                {
                    return known.Revision == current.Revision ? await AnnounceAsync(current, cancellationToken) : null;
                }

                var (next, significant) = Merge(current, detection, source, summary, now);
                await store.ReplaceAsync(StateTables.Events, eventId, EventStore.HeadRow, MessageJson.Serialize(next), doc.ETag, cancellationToken);
                if (!significant)
                {
                    logger.LogInformation("Event {EventId}: source {Link} added silently", eventId, source.Link);
                    return null;
                }
                return await AnnounceAsync(next, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                logger.LogDebug("Event {EventId}: concurrent update, attempt {Attempt}", eventId, attempt);
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

    public static TreatyChange ToChange(EventHead head) => new()
    {
        EventId = head.EventId,
        Revision = head.Revision,
        Treaty = head.Treaty,
        Action = head.Action,
        States = head.States,
        Stage = head.Stage,
        Confidence = head.Confidence,
        Level = head.Level,
        Title = head.Title,
        Summary = head.Summary,
        Sources = head.Sources.Select(s => s.Source).Take(MaxSourcesKept).ToList(),
        Evidence = head.Evidence,
        StageHistory = head.StageHistory,
        DetectedAt = head.LastChange,
    };

    private static EventHead NewHead(string eventId, TreatyDetection detection, SourceRef source, string summary, DateTimeOffset now) => new()
    {
        EventId = eventId,
        Treaty = detection.Treaty,
        Action = detection.Action,
        States = detection.States,
        Stage = detection.Stage,
        Level = source.Authority,
        Confidence = detection.Confidence,
        Revision = 1,
        Title = source.Title,
        Summary = summary,
        Evidence = detection.Evidence,
        Sources = [new EventSource(source, 1, detection.Stage)],
        StageHistory = [new StageStep(detection.Stage, source.Published ?? now, source.Link)],
        FirstSeen = now,
        LastChange = now,
    };

    private static (EventHead Next, bool Significant) Merge(EventHead current, TreatyDetection detection, SourceRef source, string summary, DateTimeOffset now)
    {
        var laterStage = detection.Stage > current.Stage;
        var higherLevel = source.Authority > current.Level;
        var newLanguage = source.Language is { Length: > 0 } lang
            && current.Sources.All(s => !string.Equals(s.Source.Language, lang, StringComparison.OrdinalIgnoreCase));
        var significant = laterStage || higherLevel || newLanguage;
        var revision = significant ? current.Revision + 1 : current.Revision;

        var history = current.StageHistory.ToList();
        if (detection.Stage != TreatyStage.Unknown && history.All(h => h.Stage != detection.Stage))
        {
            // An item that arrives out of order fills the history without moving the event back.
            history.Add(new StageStep(detection.Stage, source.Published ?? now, source.Link));
            history.Sort((a, b) => a.Stage.CompareTo(b.Stage));
        }

        var leads = laterStage || higherLevel;
        var next = current with
        {
            Stage = laterStage ? detection.Stage : current.Stage,
            Level = higherLevel ? source.Authority : current.Level,
            Confidence = Math.Max(current.Confidence, detection.Confidence),
            Revision = revision,
            Title = leads ? source.Title : current.Title,
            Summary = leads && summary.Length > 0 ? summary : current.Summary,
            Evidence = leads ? detection.Evidence : current.Evidence,
            Sources = [.. current.Sources, new EventSource(source, revision, detection.Stage)],
            StageHistory = history,
            LastChange = significant ? now : current.LastChange,
        };
        return (next, significant);
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
