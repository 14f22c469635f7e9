using System.Text;
using Alerts.Core.Feeds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Feeds;

/// <summary>
/// <see cref="FeedParser.Parse(ReadOnlySpan{byte}, string?, Uri?, Action{FeedItem}?)"/> hands items out while it reads;
/// <c>alerts scan</c> keeps the work done on them only when they are the very items the parse keeps. These tests hold
/// both halves: same objects when nothing changed under them, new ones (equal to the plain parse) when something did.
/// </summary>
public sealed class FeedStreamingTests
{
    [Theory]
    [InlineData("feeds/bbc-news.xml")]
    [InlineData("feeds/official-ru.windows-1251.xml")]
    [InlineData("feeds/rss-1mb.xml")]
    public void Items_handed_out_while_reading_are_the_items_kept(string file)
    {
        var handed = new List<FeedItem>();
        var feed = FeedParser.Parse(FeedTestData.Bytes(file), null, null, handed.Add);

        Assert.True(feed.Items.Count > 0);
        Assert.Equal(feed.Items.Count, handed.Count);
        Assert.All(feed.Items.Zip(handed), pair => Assert.Same(pair.First, pair.Second));
        Assert.Equal(FeedParser.Parse(FeedTestData.Bytes(file)).Items, feed.Items);
    }

    [Fact]
    public void A_feed_language_met_after_the_items_replaces_the_items_handed_out_before_it()
    {
        var xml = """
            <rss version="2.0"><channel><title>t</title>
            <item><title>one</title><link>https://example.org/1</link></item>
            <item><title>two</title><link>https://example.org/2</link><language>pl</language></item>
            <language>ru</language>
            <item><title>three</title><link>https://example.org/3</link></item>
            </channel></rss>
            """;
        var bytes = Encoding.UTF8.GetBytes(xml);
        var handed = new List<FeedItem>();

        var feed = FeedParser.Parse(bytes, null, null, handed.Add);

        Assert.Equal(3, handed.Count);
        Assert.Null(handed[0].Language);
        Assert.NotSame(handed[0], feed.Items[0]); // built before «ru» was known: rebuilt
        Assert.Equal("ru", feed.Items[0].Language);
        Assert.Same(handed[1], feed.Items[1]); // its own language holds either way
        Assert.Same(handed[2], feed.Items[2]);
        Assert.Equal(FeedParser.Parse(bytes).Items, feed.Items);
    }

    [Fact]
    public void A_repaired_re_reading_keeps_none_of_the_items_handed_out_by_the_first_reading()
    {
        var items = string.Concat(Enumerable.Range(1, 5).Select(i => $"<item><title>item {i}</title><link>https://example.org/{i}</link></item>"));
        var bytes = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>t</title>{items}<item><title>AT&T</title></item></channel></rss>");
        var handed = new List<FeedItem>();

        var feed = FeedParser.Parse(bytes, null, null, handed.Add);

        Assert.Equal(5, handed.Count); // the first reading stopped at the bare '&'
        Assert.Equal(6, feed.Items.Count);
        Assert.Contains(feed.Warnings, w => w.Contains("repaired", StringComparison.Ordinal));
        Assert.All(handed, item => Assert.DoesNotContain(item, feed.Items, ReferenceEqualityComparer.Instance));
        Assert.Equal(FeedParser.Parse(bytes).Items, feed.Items);
    }
}
