using System.Text;
using Alerts.Core.Feeds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Feeds;

/// <summary>
/// <see cref="FeedParser.ParseStreaming"/> hands items out while it reads and keeps none; <c>alerts scan</c> keeps the
/// work done on them only when the parse says they are the items the plain parse gives. These tests hold both halves:
/// equal items when nothing changed under them, no feed (read again) when something did.
/// </summary>
public sealed class FeedStreamingTests
{
    [Theory]
    [InlineData("feeds/bbc-news.xml")]
    [InlineData("feeds/official-ru.windows-1251.xml")]
    [InlineData("feeds/rss-1mb.xml")]
    public void A_streaming_parse_hands_out_the_items_of_the_plain_parse_and_keeps_none(string file)
    {
        var handed = new List<FeedItem>();
        var plain = FeedParser.Parse(FeedTestData.Bytes(file));

        var feed = FeedParser.ParseStreaming(FeedTestData.Bytes(file), null, null, handed.Add);

        Assert.NotNull(feed);
        Assert.Empty(feed.Items);
        Assert.True(plain.Items.Count > 0);
        Assert.Equal(plain.Items, handed);
        Assert.Equal(plain.Format, feed.Format);
        Assert.Equal(plain.Title, feed.Title);
        Assert.Equal(plain.Language, feed.Language);
        Assert.Equal(plain.Warnings, feed.Warnings);
    }

    [Fact]
    public void A_streaming_parse_gives_no_feed_when_a_late_feed_language_changes_an_item_handed_out()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>one</title><link>https://example.org/1</link></item>
            <language>ru</language>
            <item><title>two</title><link>https://example.org/2</link></item>
            </channel></rss>
            """);
        var handed = new List<FeedItem>();

        Assert.Null(FeedParser.ParseStreaming(bytes, null, null, handed.Add));
        Assert.Equal(2, handed.Count);
        Assert.NotEqual(FeedParser.Parse(bytes).Items[0], handed[0]); // «ru» was not known when it was handed out
    }

    [Fact]
    public void A_late_feed_language_leaves_the_items_handed_out_with_their_own_language_final()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            <rss version="2.0"><channel><title>t</title>
            <item><title>one</title><language>pl</language></item>
            <language>ru</language>
            <item><title>two</title></item>
            </channel></rss>
            """);
        var handed = new List<FeedItem>();

        var feed = FeedParser.ParseStreaming(bytes, null, null, handed.Add);

        Assert.NotNull(feed);
        Assert.Equal("ru", feed.Language);
        Assert.Equal(FeedParser.Parse(bytes).Items, handed);
        Assert.Equal(["pl", "ru"], handed.Select(i => i.Language));
    }

    [Fact]
    public void A_streaming_parse_gives_no_feed_when_a_repaired_re_reading_replaces_the_items_handed_out()
    {
        var items = string.Concat(Enumerable.Range(1, 5).Select(i => $"<item><title>item {i}</title><link>https://example.org/{i}</link></item>"));
        var bytes = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>t</title>{items}<item><title>AT&T</title></item></channel></rss>");
        var handed = new List<FeedItem>();

        Assert.Null(FeedParser.ParseStreaming(bytes, null, null, handed.Add));
        Assert.Equal(5, handed.Count);
        Assert.Equal(6, FeedParser.Parse(bytes).Items.Count);
    }

    [Fact]
    public void A_truncated_document_streamed_keeps_the_items_handed_out_before_the_break_and_warns()
    {
        var items = string.Concat(Enumerable.Range(1, 4).Select(i => $"<item><title>item {i}</title><link>https://example.org/{i}</link></item>"));
        var bytes = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>t</title>{items}<item><title>cut of");
        var plain = FeedParser.Parse(bytes);
        var handed = new List<FeedItem>();

        var feed = FeedParser.ParseStreaming(bytes, null, null, handed.Add);

        Assert.NotNull(feed);
        Assert.Empty(feed.Items);
        Assert.Equal(4, handed.Count);
        Assert.Equal(plain.Items, handed);
        Assert.Equal(plain.Warnings, feed.Warnings);
        Assert.Contains(feed.Warnings, w => w.Contains("malformed XML", StringComparison.Ordinal));
    }

    [Fact]
    public void A_json_feed_is_not_streamed_and_its_items_are_returned()
    {
        var bytes = Encoding.UTF8.GetBytes("""
            {"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://example.org/1","title":"one"}]}
            """);
        var handed = new List<FeedItem>();

        var feed = FeedParser.ParseStreaming(bytes, null, null, handed.Add);

        Assert.NotNull(feed);
        Assert.Empty(handed);
        Assert.Equal(FeedParser.Parse(bytes).Items, feed.Items);
        Assert.Single(feed.Items);
    }
}
