using System.Text.RegularExpressions;
using Alerts.Integration.Tests.Cli;
using Alerts.Testing;
using Xunit.Abstractions;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>
/// The dev corpus's archived feeds through the real pipeline (<c>alerts run --once</c>, loopback feed server, fake Telegram)
/// give the channels a first post for exactly the events <c>alerts preview --corpus</c> shows for the same corpus
/// (docs/POSTS.md): the same states, treaty and action (the post's hashtag line), one first post each. The stage a first
/// post shows may differ where several items of one step arrive in one poll: the preview replays items one by one in
/// publication order, one poll of all snapshots lets a step's later same-day reports reach the event before it is posted
/// (docs/POSTS.md lists the two dev events where this happens).
/// </summary>
public sealed partial class CorpusRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string EnglishChat = "-1005550000001";
    private const string RussianChat = "-1005550000002";
    private readonly CliHarness _cli = new();
    private PipelineRig _rig = null!;

    public async Task InitializeAsync() => _rig = await PipelineRig.StartAsync();

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Run_once_over_the_dev_corpus_feeds_gives_the_first_posts_preview_shows()
    {
        // Every archived snapshot is a source of its own, polled once; its items are not old news (the corpus is years old).
        var settings = _rig.Settings().Set("Polling:FirstPollBackfill", "36500.00:00:00")
            .Channel("corpus-en", EnglishChat, "en").Channel("corpus-ru", RussianChat, "ru");
        foreach (var file in Directory.GetFiles(RepositoryPaths.TestData("corpus-dev", "feeds"), "*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var path = "/corpus/" + name + ".xml";
            _rig.Feeds.Serve(path, File.ReadAllBytes(file));
            var feed = name[(name.IndexOf("__", StringComparison.Ordinal) + 2)..];
            var language = feed.EndsWith("-ru", StringComparison.Ordinal) ? "ru" : feed.StartsWith("polsat", StringComparison.Ordinal) ? "pl" : "en";
            settings.Source(name.Replace("__", "-", StringComparison.Ordinal), path, feed.StartsWith("official", StringComparison.Ordinal) ? "decrees" : "news",
                language, feed.StartsWith("official", StringComparison.Ordinal) ? "official" : "media");
        }
        var config = _cli.WriteConfig(settings);

        var run = await _cli.RunAsync("run", "--once", "--config", config, "--store", _cli.StoreArgument);
        Assert.True(run.ExitCode == 0, run.ToString());
        var preview = await _cli.RunAsync("preview", "--corpus", RepositoryPaths.TestData("corpus-dev"), "--events", "100");
        Assert.True(preview.ExitCode == 0, preview.ToString());

        foreach (var (chat, language) in new[] { (EnglishChat, "en"), (RussianChat, "ru") })
        {
            var sent = _rig.Telegram.CallsOf("sendMessage").Where(c => c.ChatId == chat && c.ReplyToMessageId is null).Select(c => c.Text!).ToList();
            var shown = PreviewFirstPost().Matches(preview.Output).Where(m => m.Groups["lang"].Value == language).Select(m => m.Groups["html"].Value).ToList();
            Assert.NotEmpty(shown);
            foreach (var line in sent.Select(Headline).Except(shown.Select(Headline)))
            {
                output.WriteLine("  headline only in run --once: " + line);
            }
            foreach (var line in shown.Select(Headline).Except(sent.Select(Headline)))
            {
                output.WriteLine("  headline only in preview:    " + line);
            }
            sent = sent.Select(Tags).Order(StringComparer.Ordinal).ToList();
            shown = shown.Select(Tags).Order(StringComparer.Ordinal).ToList();
            output.WriteLine($"{language}: run --once {sent.Count} first posts, preview {shown.Count}");
            Assert.Equal(shown, sent);
        }
    }

    private static string Headline(string html) => Bold().Match(html).Value;

    /// <summary>The post's hashtag line: its states, treaty and action.</summary>
    private static string Tags(string html) => html.Split('\n').Last(line => line.StartsWith('#'));

    [GeneratedRegex(@"^(?<lang>en|ru), post, revision \d+[^\n]*\n\n```html\n(?<html>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex PreviewFirstPost();

    [GeneratedRegex(@"<b>.*?</b>", RegexOptions.Singleline)]
    private static partial Regex Bold();
}
