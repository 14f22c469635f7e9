using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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

    public static TheoryData<string> SplitInputs => new() { "corpus-dev", "corpus-dev2", "feeds" };

    /// <summary>
    /// Large files are parsed in parts on several cores; a hidden option makes every file a candidate and every item
    /// a part of its own, so every real feed file of the corpora is cut at each item. The output must stay the sequential
    /// reading's; stderr (warnings of the files read whole) the same as without parts; and the files of several items
    /// must actually have been read in parts.
    /// </summary>
    [Theory]
    [MemberData(nameof(SplitInputs))]
    public async Task Scan_of_files_read_in_parts_prints_exactly_the_sequential_reading(string input)
    {
        var files = Directory.GetFiles(input == "feeds" ? RepositoryPaths.TestData("feeds") : RepositoryPaths.TestData(input, "feeds"), "*.xml")
            .Order(StringComparer.Ordinal).ToArray();
        var expected = SequentialScan(files);
        var several = files.Count(f => FeedParser.Parse(File.ReadAllBytes(f), null, new Uri(f)) is { Items.Count: > 1, Warnings.Count: 0 });

        var whole = await _cli.RunAsync(["scan", .. files, "--split-bytes", "0", "--store", _cli.StoreArgument]);
        var split = await _cli.RunAsync(["scan", .. files, "--split-bytes", "1", "-v", "--store", _cli.StoreArgument]);

        Assert.True(split.ExitCode == whole.ExitCode, split.Error);
        Assert.Equal(expected, split.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(whole.Output, split.Output);
        var notes = split.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // koi8-r without a declaration: a part is not valid UTF-8, so the file is read whole (with its warning).
        Assert.Equal(whole.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            notes.Where(n => !n.Contains(" parts of ", StringComparison.Ordinal) && !n.EndsWith("read as one document", StringComparison.Ordinal)));
        Assert.Equal(several, notes.Count(n => n.Contains(" parts of ", StringComparison.Ordinal)));
        Assert.True(several >= 5, $"{input}: only {several} files of several items");
    }

    /// <summary>
    /// One large file read in parts of about 4 KB, with what could mislead the cutting: "&lt;item&gt;" in CDATA, in a comment, in a
    /// processing instruction and (escaped, next to a raw '&gt;') in an attribute; a late feed language; a bare '&amp;' that
    /// makes the whole reading repair the document (then a part is refused and the file read whole, with its warning).
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Scan_of_one_large_file_read_in_parts_prints_the_sequential_reading(bool repaired, bool lateLanguage)
    {
        var items = CorpusItems();
        var odd = new[]
        {
            "<item><title>CDATA</title><description><![CDATA[<p>Not an </item><item> here</p>]]></description></item>",
            "<!-- </item><item><title>comment</title></item> -->",
            "<?note </item><item>?>",
            "<item><title kind=\"a > b\" other='&lt;item&gt;'>attribute</title><link>https://example.org/attribute</link></item>",
        };
        var body = string.Concat(items.Select((item, i) => i % 50 == 7 ? odd[i / 50 % odd.Length] + item : item));
        var last = repaired ? "<item><title>AT&T</title><link>https://example.org/last</link></item>" : "";
        var file = Path.Combine(_cli.WorkDir, "large.xml");
        await File.WriteAllTextAsync(file, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- feed -->\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>large</title>\n{body}{last}\n{(lateLanguage ? "<language>ru</language>" : "")}</channel></rss>\n");
        var expected = SequentialScan([file]);

        var result = await _cli.RunAsync(["scan", file, "--split-bytes", "4096", "-v", "--store", _cli.StoreArgument]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(expected, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(expected.Count >= 20, $"only {expected.Count} detections");
        Assert.Equal(repaired, result.Error.Contains("repaired", StringComparison.Ordinal));
        Assert.Contains(repaired ? "read as one document" : " parts of ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>An Atom document read in parts: the feed's xml:base resolves every entry's relative link, its xml:lang is every entry's language.</summary>
    [Fact]
    public async Task Scan_of_an_Atom_file_read_in_parts_keeps_the_feed_base_and_language()
    {
        var entries = CorpusItems().Select((item, i) =>
        {
            var title = System.Text.RegularExpressions.Regex.Match(item, @"<title>([\s\S]*?)</title>").Groups[1].Value;
            var summary = System.Text.RegularExpressions.Regex.Match(item, @"<description>([\s\S]*?)</description>").Groups[1].Value;
            return $"<entry><title type=\"html\">{title}</title><id>tag:example.org,2024:{i}</id><link href=\"items/{i}\"/><summary type=\"html\">{summary}</summary></entry>\n";
        });
        var file = Path.Combine(_cli.WorkDir, "large-atom.xml");
        await File.WriteAllTextAsync(file, $"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://news.example.org/world/\" xml:lang=\"ru\"><title>large</title><id>tag:example.org,2024:feed</id>\n{string.Concat(entries)}</feed>");
        var expected = SequentialScan([file]);

        var result = await _cli.RunAsync(["scan", file, "--split-bytes", "4096", "-v", "--store", _cli.StoreArgument]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(expected, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(expected.Count >= 20, $"only {expected.Count} detections");
        Assert.All(result.JsonLines(), line => Assert.StartsWith("https://news.example.org/world/items/", line.GetProperty("link").GetString(), StringComparison.Ordinal));
        Assert.Contains(" parts of ", result.Error, StringComparison.Ordinal);
    }

    private static List<string> CorpusItems()
    {
        var items = Directory.GetFiles(RepositoryPaths.TestData("corpus-dev", "feeds"), "*.xml").Order(StringComparer.Ordinal)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"<item>[\s\S]*?</item>").Select(m => m.Value))
            .ToList();
        Assert.True(items.Count > 1000, $"only {items.Count} items"); // several batches
        return items;
    }

    /// <summary>MessageJson's options read by reflection: this reference writes anonymous objects, which no generated context lists.</summary>
    private static readonly JsonSerializerOptions ReflectionOptions = new(MessageJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

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
                    lines.Add(JsonSerializer.Serialize(new
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
                    }, ReflectionOptions));
                }
            }
        }
        return lines;
    }
}
