using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts preview --corpus &lt;dir&gt;</c>: replays a labelled corpus (items.jsonl, labels.jsonl) through
/// detection, events and posts for an English and a Russian channel on a throw-away SQLite store, prints
/// a Markdown gallery of the events with the most steps and counts the posts that break a rule.
/// </summary>
public static class CorpusPreview
{
    private static readonly string[] OfficialHosts = ["kremlin.ru", "duma.gov.ru", "government.ru", "pravo.gov.ru", "council.gov.ru", "mid.ru"];

    private sealed record Label(string Treaty, string Action, IReadOnlyList<string> States, string Milestone);

    public static async Task<int> RunAsync(CliContext context, IServiceProvider provider, IReadOnlyList<DirectoryInfo> corpora, int galleryEvents, CancellationToken cancellationToken)
    {
        var items = new List<ReplayItem>();
        var labels = new Dictionary<string, IReadOnlyList<Label>>(StringComparer.Ordinal);
        foreach (var corpus in corpora)
        {
            var itemsFile = Path.Combine(corpus.FullName, "items.jsonl");
            if (!File.Exists(itemsFile))
            {
                await context.Error.WriteLineAsync($"alerts preview: --corpus '{corpus.FullName}' has no items.jsonl");
                return AlertsCli.ExitBadInput;
            }
            items.AddRange(ReadItems(itemsFile));
            var labelsFile = Path.Combine(corpus.FullName, "labels.jsonl");
            if (File.Exists(labelsFile))
            {
                foreach (var (id, list) in ReadLabels(labelsFile))
                {
                    labels[id] = list;
                }
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"alerts-preview-{Guid.NewGuid():N}.db");
        try
        {
            var database = new SqliteDatabase($"Data Source={path}");
            var store = new SqliteStateStore(database, TimeProvider.System);
            var tracker = new EventTracker(new EventTable(store), provider.GetRequiredService<EventDerivation>(), TimeProvider.System,
                Options.Create(new EventOptions()), NullLogger<EventTracker>.Instance);
            var minimum = provider.GetRequiredService<IOptions<PollingOptions>>().Value.MinimumConfidence;
            var replay = new PostReplay(provider.GetRequiredService<ITreatyDetector>(), tracker, provider.GetRequiredService<AlertFormatter>(), minimum);
            ChannelDefinition[] channels =
            [
                new() { Id = "preview-en", ChatId = "preview-en", Language = "en" },
                new() { Id = "preview-ru", ChatId = "preview-ru", Language = "ru" },
            ];
            var posts = await replay.RunAsync(items, channels, cancellationToken);
            await context.Output.WriteAsync(Markdown(posts, labels, corpora, galleryEvents));
            return AlertsCli.ExitOk;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static string Markdown(IReadOnlyList<ReplayPost> posts, Dictionary<string, IReadOnlyList<Label>> labels, IReadOnlyList<DirectoryInfo> corpora, int galleryEvents)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Replay of {string.Join(", ", corpora.Select(c => c.Name))}");
        sb.AppendLine();
        sb.AppendLine("| channel | first posts | replies | edits | held for review | wrong stage | mixed language | no date | official not first | unsupported stage | duplicate event | not a labelled step | lost |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var channel in posts.Select(p => p.ChannelId).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = posts.Where(p => p.ChannelId == channel).ToList();
            var shown = mine.Where(p => p.Kind is ReplayPost.First or ReplayPost.Reply).ToList();
            var firsts = mine.Where(p => p.Kind == ReplayPost.First).ToList();
            int Broken(string rule) => shown.Count(p => p.Problems.Any(x => x.StartsWith(rule, StringComparison.Ordinal)));
            var wrongStage = shown.Count(p => StageVerdict(p, labels) == false);
            var unlabelled = firsts.Count(p => StageVerdict(p, labels) is null);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {channel} | {firsts.Count} | {mine.Count(p => p.Kind == ReplayPost.Reply)} | {mine.Count(p => p.Kind == ReplayPost.Edit)} | {mine.Where(p => p.Kind == ReplayPost.Held).Select(p => p.EventId).Distinct().Count()} | {wrongStage} | {Broken(PostChecks.MixedLanguage)} | {Broken(PostChecks.NoDate)} | {Broken(PostChecks.OfficialNotFirst)} | {Broken(PostChecks.Unsupported)} | {Duplicates(firsts, labels)} | {unlabelled} | {shown.Count(p => p.Problems.Any(x => x.StartsWith("template", StringComparison.Ordinal)))} |");
        }
        sb.AppendLine();
        sb.AppendLine("Wrong stage: no item of the event is labelled with the post's action at the post's stage. Not a labelled step: no item of the");
        sb.AppendLine("event is labelled with the post's action (a detector false positive). Held for review: events kept from the channel");
        sb.AppendLine("(unknown treaty, actor not a state, confidence under the minimum). Lost: a post the formatter could not render.");
        sb.AppendLine("Unsupported stage: no item the post cites states the post's stage (the issue's rule: a post claims only what a cited source");
        sb.AppendLine("states); wrong stage compares with the labels, which know what happened that day.");
        sb.AppendLine();

        // The issue's bar is on first posts: what a subscriber reads when the event first reaches the channel.
        sb.AppendLine("First posts only:");
        sb.AppendLine();
        sb.AppendLine("| channel | first posts | wrong stage | unsupported stage | mixed language | duplicate event | lost |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var channel in posts.Select(p => p.ChannelId).Distinct().Order(StringComparer.Ordinal))
        {
            var firsts = posts.Where(p => p.ChannelId == channel && p.Kind == ReplayPost.First).ToList();
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {channel} | {firsts.Count} | {firsts.Count(p => StageVerdict(p, labels) == false)} | {firsts.Count(p => p.Problems.Any(x => x.StartsWith(PostChecks.Unsupported, StringComparison.Ordinal)))} | {firsts.Count(p => p.Problems.Any(x => x.StartsWith(PostChecks.MixedLanguage, StringComparison.Ordinal)))} | {Duplicates(firsts, labels)} | {firsts.Count(p => p.Problems.Any(x => x.StartsWith("template", StringComparison.Ordinal)))} |");
        }
        sb.AppendLine();

        var gallery = posts.Where(p => p.Kind is ReplayPost.First or ReplayPost.Reply)
            .GroupBy(p => p.EventId)
            .Where(g => g.Any(p => StageVerdict(p, labels) is not null))
            .OrderByDescending(g => g.Count(p => p.Kind == ReplayPost.Reply))
            .ThenByDescending(g => g.Max(p => p.Change.Sources.Count))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(galleryEvents)
            .ToList();
        foreach (var (group, index) in gallery.Select((g, i) => (g, i + 1)))
        {
            var first = group.First();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {index}. {first.Change.Treaty.Name} — {Vocabulary.Name(first.Change.Action)} ({string.Join(", ", first.Change.States)})");
            sb.AppendLine();
            foreach (var post in group)
            {
                var verdict = StageVerdict(post, labels) switch { true => "stage as labelled", false => "stage NOT as labelled", null => "unlabelled" };
                var problems = post.Problems.Count == 0 ? "rules followed" : string.Join("; ", post.Problems);
                sb.AppendLine(CultureInfo.InvariantCulture, $"{post.Language}, {post.Kind}, revision {post.Change.Revision}, stage {Vocabulary.Name(post.Change.Milestone)} ({verdict}; {problems}):");
                sb.AppendLine();
                sb.AppendLine("```html");
                sb.AppendLine(post.Html);
                sb.AppendLine("```");
                sb.AppendLine();
            }
        }
        var broken = posts.Where(p => p.Kind is ReplayPost.First or ReplayPost.Reply && (p.Problems.Count > 0 || StageVerdict(p, labels) == false)).ToList();
        sb.AppendLine(CultureInfo.InvariantCulture, $"### Posts that break a rule ({broken.Count})");
        sb.AppendLine();
        foreach (var post in broken)
        {
            var verdict = StageVerdict(post, labels) == false ? "stage " + Vocabulary.Name(post.Change.Milestone) + " not as labelled" : null;
            sb.AppendLine(CultureInfo.InvariantCulture, $"- `{post.EventId}` {post.ChannelId} {post.Kind} r{post.Change.Revision}: {string.Join("; ", post.Problems.Append(verdict).OfType<string>())}");
        }
        sb.AppendLine();
        return sb.ToString();
    }

    /// <summary>True when an item of the event is labelled with the post's action at its stage; false when labelled otherwise; null when not labelled at all.</summary>
    private static bool? StageVerdict(ReplayPost post, Dictionary<string, IReadOnlyList<Label>> labels)
    {
        var action = Vocabulary.Name(post.Change.Action);
        var mine = post.ItemIds.SelectMany(id => labels.GetValueOrDefault(id) ?? []).Where(l => l.Action == action).ToList();
        if (mine.Count == 0)
        {
            return null;
        }
        return mine.Any(l => l.Milestone == Vocabulary.Name(post.Change.Milestone));
    }

    /// <summary>First posts beyond one per labelled event (treaty, action, states) in the channel; a successor (<c>-2</c>) is a new step, not a duplicate.</summary>
    private static int Duplicates(IReadOnlyList<ReplayPost> firsts, Dictionary<string, IReadOnlyList<Label>> labels)
    {
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var post in firsts)
        {
            var action = Vocabulary.Name(post.Change.Action);
            var keys = post.ItemIds.SelectMany(id => labels.GetValueOrDefault(id) ?? [])
                .Where(l => l.Action == action)
                .Select(l => $"{l.Treaty}|{l.Action}|{string.Join(',', l.States.Order(StringComparer.Ordinal))}")
                .Distinct(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (!seen.TryGetValue(key, out var events))
                {
                    seen[key] = events = new HashSet<string>(StringComparer.Ordinal);
                }
                events.Add(BaseId(post.EventId));
            }
        }
        return seen.Values.Sum(e => e.Count - 1);
    }

    private static string BaseId(string eventId)
    {
        var dash = eventId.LastIndexOf('-');
        return dash > 0 && int.TryParse(eventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) && eventId.LastIndexOf('.') < dash
            ? eventId[..dash]
            : eventId;
    }

    private static IEnumerable<ReplayItem> ReadItems(string file)
    {
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var link = Text(root, "link");
            var host = Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.Host : "";
            var official = OfficialHosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
            var feed = Uri.TryCreate(Text(root, "feed"), UriKind.Absolute, out var feedUri) ? feedUri.Host : Text(root, "feed");
            DateTimeOffset? published = DateTimeOffset.TryParse(Text(root, "published"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : null;
            yield return new ReplayItem(Text(root, "id"), feed.Length > 0 ? feed : "corpus", Text(root, "title"), Text(root, "description"), link, published,
                Text(root, "lang") is { Length: > 0 } lang ? lang : "en", official ? SourceLevel.Official : SourceLevel.Media, official ? "RU" : null);
        }
    }

    private static IEnumerable<(string Id, IReadOnlyList<Label> Labels)> ReadLabels(string file)
    {
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var list = events.EnumerateArray().Select(e => new Label(
                Text(e, "treaty"), Text(e, "action"),
                e.TryGetProperty("states", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [],
                Text(e, "stage"))).ToList();
            yield return (Text(root, "id"), list);
        }
    }

    private static string Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
