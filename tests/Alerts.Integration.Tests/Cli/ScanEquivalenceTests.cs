using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// <c>alerts scan</c> reads, detects and prints in parallel batches; these tests hold it to the plain sequential
/// reading: every file parsed, every item given to the detector in order, every detection serialised with
/// <see cref="MessageJson"/>. The output must be the same bytes, on both dev corpora (real feed files) and on
/// the treaty-dense benchmark feed, so optimising the scan path can never move a detection.
/// </summary>
public sealed class ScanEquivalenceTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string> Inputs => new() { "corpus-dev", "corpus-dev2", "rss-1mb" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Scan_prints_exactly_the_detections_of_the_sequential_reading(string input)
    {
        var files = input == "rss-1mb"
            ? [RepositoryPaths.TestData("feeds", "rss-1mb.xml")]
            : Directory.GetFiles(RepositoryPaths.TestData(input, "feeds"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        var expected = SequentialScan(files);

        var result = await _cli.RunAsync(["scan", .. files, "--store", _cli.StoreArgument]);

        Assert.True(result.ExitCode == 0, result.Error);
        var actual = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, actual.Length);
        Assert.Equal(expected, actual);
        if (input != "rss-1mb")
        {
            // The corpora hold dozens of labelled treaty steps; an empty comparison would prove nothing.
            Assert.True(expected.Count >= 20, $"{input}: only {expected.Count} detections");
        }
    }

    /// <summary>
    /// One large file is detected while it is still being parsed, in batches of items handed out by the parser. A bare
    /// '&amp;' in the last item makes the parser read the document a second time (repaired): the items handed out by the
    /// first reading are not the ones kept, so what was detected on them must be dropped and done again, once. A feed
    /// <c>&lt;language&gt;</c> after the items changes the items handed out without one: the same.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Scan_of_one_large_file_detected_while_parsing_prints_the_sequential_reading(bool repaired, bool lateLanguage)
    {
        var items = Directory.GetFiles(RepositoryPaths.TestData("corpus-dev", "feeds"), "*.xml").Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"<item>[\s\S]*?</item>").Select(m => m.Value))
            .ToList();
        Assert.True(items.Count > 1000, $"only {items.Count} items"); // several batches
        var last = repaired ? "<item><title>AT&T</title><link>https://example.org/last</link></item>" : "";
        var file = Path.Combine(_cli.WorkDir, "large.xml");
        await File.WriteAllTextAsync(file, $"<rss version=\"2.0\"><channel><title>large</title>{string.Concat(items)}{last}{(lateLanguage ? "<language>ru</language>" : "")}</channel></rss>");
        var expected = SequentialScan([file]);

        var result = await _cli.RunAsync(["scan", file, "--store", _cli.StoreArgument]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(expected, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(expected.Count >= 20, $"only {expected.Count} detections");
        Assert.Equal(repaired, result.Error.Contains("repaired", StringComparison.Ordinal));
    }

    private static List<string> SequentialScan(string[] files)
    {
        var detector = TreatyDetector.FromCatalogFile(RepositoryPaths.Combine("config", "treaties.json"));
        var lines = new List<string>();
        foreach (var file in files)
        {
            var feed = FeedParser.Parse(File.ReadAllBytes(file), null, new Uri(file));
            foreach (var item in feed.Items)
            {
                foreach (var d in detector.Detect(new DetectionInput(item.Title, item.Summary, item.Language ?? feed.Language)))
                {
                    lines.Add(MessageJson.Serialize(new
                    {
                        source = file,
                        link = item.Link,
                        title = item.Title,
                        published = item.Published,
                        treaty = new { id = d.Treaty.Id, name = d.Treaty.Name },
                        action = Vocabulary.Name(d.Action),
                        states = d.States,
                        stage = Vocabulary.Name(d.Milestone),
                        confidence = Math.Round(d.Confidence, 3),
                        evidence = d.Evidence,
                    }));
                }
            }
        }
        return lines;
    }
}
