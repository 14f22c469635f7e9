using System.Text;
using Alerts.Core.Feeds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Feeds;

/// <summary>
/// <see cref="FeedSplit"/> cuts one document into parts read on several cores. Read part after part, the parts must give
/// exactly the items of the whole document's <see cref="FeedParser.Parse(ReadOnlySpan{byte}, string?, Uri?)"/>, in the
/// same order, or be refused (no plan, or a part that does not read as planned) so the caller reads the whole. The
/// plans here use the smallest parts allowed, so every boundary between items is tried somewhere.
/// </summary>
public sealed class FeedSplitTests
{
    private static readonly Uri s_base = new("https://example.org/feeds/feed.xml");

    public static TheoryData<string> Folders => new() { "corpus-dev/feeds", "corpus-dev2/feeds", "feeds", "conformance" };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_feed_file_read_in_parts_gives_the_items_of_the_whole_reading_or_is_refused(string folder)
    {
        var files = Directory.GetFiles(FeedTestData.Path(folder), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var split = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var parts = ReadInParts(bytes, s_base, out var plan);
            if (parts is null)
            {
                continue;
            }
            var whole = FeedParser.Parse(bytes, null, s_base);
            Assert.True(whole.Items.SequenceEqual(parts.Items), $"{file}: the parts' items differ from the whole reading's");
            Assert.Equal(whole.Language, parts.Language);
            Assert.Equal(whole.Title, parts.Title);
            Assert.Equal(whole.Format, parts.Format);
            Assert.Empty(whole.Warnings);
            Assert.Equal(plan!.TotalItems, whole.Items.Count);
            split++;
        }
        // Every RSS 2.0 or Atom 1.0 file of several items that reads without a warning must actually be read in parts.
        var several = files.Count(f => WholeOrNull(File.ReadAllBytes(f)) is { Items.Count: > 1, Warnings.Count: 0 } feed && feed.Format is "rss20" or "atom10");
        Assert.True(several > 0 && split >= several, $"{folder}: {split} of {files.Count} files read in parts; {several} RSS 2.0 or Atom files have several items");
    }

    [Fact]
    public void Markup_in_CDATA_comments_attributes_and_processing_instructions_does_not_cut_an_item()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a feed <item> in a comment before the root -->
            <rss version="2.0"><channel><title>t</title>
            <item><title>one</title><description><![CDATA[<p>an </item><item> inside CDATA</p>]]></description><link>https://example.org/1</link></item>
            <!-- </item><item><title>comment</title></item> -->
            <item><title a="x > y" b='&lt;/item>'>two</title><link>https://example.org/2</link><!-- <item> --></item>
            <?pi </item><item>?>
            <item><title>three</title><category domain="&lt;item&gt;">c</category><link>https://example.org/3</link></item>
            <item/>
            <item><title>five</title><link>https://example.org/5</link></item>
            </channel></rss>
            """);

        var parts = ReadInParts(bytes, null, out var plan);

        Assert.NotNull(parts);
        Assert.Equal(5, plan!.Count); // each item a part of its own
        Assert.Equal(FeedParser.Parse(bytes).Items, parts.Items);
        Assert.Equal(["one", "two", "three", "", "five"], parts.Items.Select(i => i.Title));
        Assert.EndsWith("inside CDATA", parts.Items[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_language_after_the_items_reaches_the_items_of_every_part()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>one</title></item>
            <item><title>two</title><language>pl</language></item>
            <item><title>three</title></item>
            <language>ru</language>
            </channel></rss>
            """);
        var plan = FeedSplit.TryPlan(bytes, null, 1, 1)!;
        var handed = new List<FeedItem>();

        // Read as the scan does: the items handed out are not final, the part is read again in full.
        Assert.Equal(FeedChunkStatus.NotFinal, plan.ReadChunk(0, null, handed.Add, out _));
        Assert.Equal(FeedChunkStatus.Final, plan.ReadChunk(0, null, null, out var first));
        var parts = ReadInParts(bytes, null, out _)!;

        Assert.Equal("ru", first!.Items[0].Language);
        Assert.Equal(["ru", "pl", "ru"], parts.Items.Select(i => i.Language));
        Assert.Equal(FeedParser.Parse(bytes).Items, parts.Items);
    }

    [Fact]
    public void Atom_xml_base_and_xml_lang_on_the_feed_apply_in_every_part()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/world/" xml:lang="pl">
              <title>t</title><id>tag:example.org,2024:feed</id>
              <entry><title>one</title><id>1</id><link href="one.html"/></entry>
              <entry xml:lang="ru"><title>two</title><id>2</id><link href="/two.html"/></entry>
              <entry xml:base="sub/"><title>three</title><id>3</id><link href="three.html"/></entry>
            </feed>
            """);

        var parts = ReadInParts(bytes, null, out var plan);

        Assert.NotNull(parts);
        Assert.Equal(3, plan!.Count);
        Assert.Equal(["https://news.example.org/world/one.html", "https://news.example.org/two.html", "https://news.example.org/world/sub/three.html"], parts.Items.Select(i => i.Link));
        Assert.Equal(["pl", "ru", "pl"], parts.Items.Select(i => i.Language));
        Assert.Equal(FeedParser.Parse(bytes).Items, parts.Items);
    }

    [Theory]
    [InlineData("<!DOCTYPE rss><rss version=\"2.0\"><channel><item><title>a</title></item><item><title>b</title></item></channel></rss>")] // a DOCTYPE
    [InlineData("<rss version=\"0.91\"><channel><item><title>a</title></item><item><title>b</title></item></channel></rss>")] // 0.91: told apart by the first characters
    [InlineData("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item><title>a</title></item><item><title>b</title></item></rdf:RDF>")]
    [InlineData("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[{\"id\":\"1\"},{\"id\":\"2\"}]}")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>a</title></item><ttl>5</ttl><item><title>b</title></item></channel></rss>")] // a feed element between items
    [InlineData("<rss version=\"2.0\"><channel><item><title>a</title></item>text<item><title>b</title></item></channel></rss>")]
    [InlineData("<rss version=\"2.0\"><item><title>a</title></item><channel><item><title>b</title></item><item><title>c</title></item></channel></rss>")] // two containers
    [InlineData("<rss version=\"2.0\"><channel><item><title>a</title></item><item><title>b</title></channel></rss>")] // not well-formed
    [InlineData("<rss version=\"2.0\"><channel><item><title>a</title></item><item><title>b</title></item></channel></rss><rss/>")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>a</title></item><item><title>b</title></item></channel>")] // truncated
    [InlineData("<rss version=\"2.0\"><channel b><item><title>a</title></item><item><title>b</title></item></channel></rss>")] // a tag the scanner cannot read
    public void An_unusual_document_gets_no_plan(string document)
    {
        Assert.Null(FeedSplit.TryPlan(Encoding.UTF8.GetBytes(document), null, 1, 1));
    }

    [Fact]
    public void A_document_smaller_than_the_threshold_or_of_one_part_gets_no_plan()
    {
        var bytes = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><item><title>a</title></item><item><title>b</title></item></channel></rss>");

        Assert.NotNull(FeedSplit.TryPlan(bytes, null, bytes.Length, 1));
        Assert.Null(FeedSplit.TryPlan(bytes, null, bytes.Length + 1, 1));
        Assert.Null(FeedSplit.TryPlan(bytes, null, 1, bytes.Length)); // all items in one part
    }

    [Theory]
    [InlineData("<item><title>AT&T</title></item>")] // repaired when read whole: a warning
    [InlineData("<item><title a=\"<\">x</title></item>")] // not well-formed, read up to the error when whole
    [InlineData("<item><title>&nbsp;</title></item>")]
    [InlineData("<item><title a=\"1\" b>x</title></item>")] // inside an item only the part's XML reading sees the error
    [InlineData("<item><title>x</item>")]
    [InlineData("<item xmlns=\"urn:x\"><title>x</title></item>")] // not an RSS item to the parser: one item fewer than counted
    public void A_part_that_does_not_read_as_planned_is_refused(string odd)
    {
        var items = string.Concat(Enumerable.Range(1, 6).Select(i => $"<item><title>{i}</title></item>"));
        var bytes = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>t</title>{items}{odd}{items}</channel></rss>");
        var plan = FeedSplit.TryPlan(bytes, null, 1, 1);

        Assert.NotNull(plan);
        var statuses = Enumerable.Range(0, plan.Count).Select(i => plan.ReadChunk(i, null, _ => { }, out _)).ToList();

        Assert.Equal(FeedChunkStatus.Refused, statuses[6]);
        Assert.Equal(plan.Count - 1, statuses.Count(s => s == FeedChunkStatus.Final));
    }

    [Fact]
    public void Single_byte_code_pages_are_split_on_their_bytes()
    {
        var bytes = FeedTestData.Bytes("feeds/official-ru.windows-1251.xml");

        var parts = ReadInParts(bytes, null, out var plan);

        Assert.NotNull(parts);
        Assert.True(plan!.Count >= 2);
        Assert.Equal(FeedParser.Parse(bytes).Items, parts.Items);
        Assert.Contains(parts.Items, i => i.Title.Any(c => c is >= 'А' and <= 'я'));
    }

    private static ParsedFeed? WholeOrNull(byte[] bytes)
    {
        try
        {
            return FeedParser.Parse(bytes, null, s_base);
        }
        catch (FeedFormatException)
        {
            return null;
        }
    }

    /// <summary>Reads every part in turn as the scan does (a part not final is read again in full); null when refused.</summary>
    private static ParsedFeed? ReadInParts(byte[] bytes, Uri? baseUri, out FeedSplit? plan)
    {
        plan = FeedSplit.TryPlan(bytes, null, 1, 1);
        if (plan is null)
        {
            return null;
        }
        var items = new List<FeedItem>();
        ParsedFeed? first = null;
        for (var i = 0; i < plan.Count; i++)
        {
            var handed = new List<FeedItem>();
            var status = plan.ReadChunk(i, baseUri, handed.Add, out var feed);
            if (status == FeedChunkStatus.NotFinal)
            {
                status = plan.ReadChunk(i, baseUri, null, out feed);
                handed.Clear();
            }
            if (status == FeedChunkStatus.Refused)
            {
                return null;
            }
            items.AddRange(handed);
            items.AddRange(feed!.Items);
            first ??= feed;
        }
        return first! with { Items = items };
    }
}
