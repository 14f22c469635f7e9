using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Sources;

namespace Alerts.Core.Formatting;

/// <summary>One archived item replayed through detection, events and posts.</summary>
public sealed record ReplayItem(
    string Id,
    string SourceId,
    string Title,
    string Summary,
    string Link,
    DateTimeOffset? Published,
    string Language,
    SourceLevel Authority,
    string? State = null);

/// <summary>What a channel would have received: a first post, the edit of it, or a reply when the stage advanced.</summary>
public sealed record ReplayPost(
    string EventId,
    string ChannelId,
    string Language,
    string Kind,
    TreatyChange Change,
    string Html,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> ItemIds)
{
    public const string First = "post";
    public const string Edit = "edit";
    public const string Reply = "reply";
    /// <summary>Held for review in this channel (<see cref="ChannelDefinition.Review"/>): not posted.</summary>
    public const string Held = "held";
}

/// <summary>
/// Replays archived items, oldest first, through the detector, the event tracker (on a real store),
/// the channel router and the formatter, deciding as the delivery stage does (a first post per
/// event and channel; later revisions edit it and reply when the stage advanced). Nothing is sent.
/// Used by <c>alerts preview --corpus</c> for docs/POSTS.md.
/// </summary>
public sealed class PostReplay(ITreatyDetector detector, EventTracker tracker, AlertFormatter formatter, double minimumConfidence)
{
    private sealed record Shown(int Revision, TreatyMilestone Milestone);

    public async Task<IReadOnlyList<ReplayPost>> RunAsync(IEnumerable<ReplayItem> items, IReadOnlyList<ChannelDefinition> channels, CancellationToken cancellationToken = default)
    {
        var posts = new List<ReplayPost>();
        var shown = new Dictionary<(string EventId, string ChannelId), Shown>();
        var itemByLink = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => i.Published ?? DateTimeOffset.MaxValue))
        {
            itemByLink.TryAdd(item.Link, item.Id);
            var source = new SourceDefinition { Id = item.SourceId, Language = item.Language, Authority = item.Authority, State = item.State };
            foreach (var found in detector.Detect(new DetectionInput(item.Title, item.Summary, item.Language, item.Authority)).Where(d => d.Confidence >= minimumConfidence))
            {
                var detection = PollSourceStage.WithSourceState(found, source);
                var sourceRef = new SourceRef(item.SourceId, item.Link, item.Title, item.Published, item.Authority, item.Language);
                if (await tracker.ApplyAsync(detection, sourceRef, item.Summary, cancellationToken) is not { } change)
                {
                    continue;
                }
                var ids = change.Sources.Select(s => itemByLink.GetValueOrDefault(s.Link)).OfType<string>().Distinct().ToList();
                foreach (var channel in channels.Where(c => ChannelRouter.MatchesFilters(change, c)))
                {
                    if (ReviewQueue.ReasonToHold(change, channel) is { } reason)
                    {
                        var held = Render(change, channel, ReplayPost.Held, null, ids);
                        posts.Add(held with { Problems = [.. held.Problems, "held: " + reason] });
                    }
                    else if (ChannelRouter.Matches(change, channel))
                    {
                        posts.AddRange(Deliver(change, channel, shown, ids));
                    }
                }
            }
        }
        return posts;
    }

    private IEnumerable<ReplayPost> Deliver(TreatyChange change, ChannelDefinition channel, Dictionary<(string, string), Shown> shown, IReadOnlyList<string> ids)
    {
        var key = (change.EventId, channel.Id);
        if (!shown.TryGetValue(key, out var before))
        {
            shown[key] = new Shown(change.Revision, change.Milestone);
            yield return Render(change, channel, ReplayPost.First, null, ids);
            yield break;
        }
        if (change.Revision <= before.Revision)
        {
            yield break;
        }
        yield return Render(change, channel, ReplayPost.Edit, null, ids);
        if (change.Milestone > before.Milestone)
        {
            yield return Render(change, channel, ReplayPost.Reply, before.Milestone, ids);
        }
        shown[key] = new Shown(change.Revision, change.Milestone > before.Milestone ? change.Milestone : before.Milestone);
    }

    private ReplayPost Render(TreatyChange change, ChannelDefinition channel, string kind, TreatyMilestone? previous, IReadOnlyList<string> ids)
    {
        var alert = previous is { } stage ? formatter.FormatUpdate(change, stage, channel) : formatter.Format(change, channel);
        var html = string.Join("\n\n", alert.Parts);
        var problems = PostChecks.Check(html, channel.Language, change, isUpdate: previous is not null).ToList();
        if (alert.TemplateProblem is { } problem)
        {
            problems.Add("template: " + problem);
        }
        return new ReplayPost(change.EventId, channel.Id, channel.Language, kind, change, html, problems, ids);
    }
}
