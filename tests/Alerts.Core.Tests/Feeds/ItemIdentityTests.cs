using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public sealed class ItemIdentityTests
{
    private static string Key(string link, string id = "", string title = "t")
        => ItemIdentity.Key(new FeedItem { Link = link, Id = id, Title = title });

    [Theory]
    [InlineData("http://kremlin.ru/acts/news/70001", "https://kremlin.ru/acts/news/70001")]
    [InlineData("https://www.kremlin.ru/acts/news/70001", "https://kremlin.ru/acts/news/70001")]
    [InlineData("https://kremlin.ru/acts/news/70001/", "https://kremlin.ru/acts/news/70001")]
    [InlineData("https://KREMLIN.ru/acts/news/70001#top", "https://kremlin.ru/acts/news/70001")]
    [InlineData("https://kremlin.ru:443/acts/news/70001", "https://kremlin.ru/acts/news/70001")]
    [InlineData("https://meduza.io/news/x?utm_source=rss&utm_medium=feed", "https://meduza.io/news/x")]
    [InlineData("https://e.org/a?fbclid=IwAR0&id=7&gclid=xyz", "https://e.org/a?id=7")]
    [InlineData("https://www.bbc.co.uk/news/world-60480000?at_medium=RSS&at_campaign=KARANGA", "https://www.bbc.co.uk/news/world-60480000")]
    [InlineData("https://e.org/search?b=2&a=1", "https://e.org/search?a=1&b=2")]
    public void Same_page_gets_the_same_key(string variant, string canonical)
    {
        Assert.Equal(ItemIdentity.NormaliseLink(canonical), ItemIdentity.NormaliseLink(variant));
        Assert.Equal(Key(canonical), Key(variant));
    }

    [Theory]
    [InlineData("https://e.org/a?id=7", "https://e.org/a?id=8")]
    [InlineData("https://e.org/a", "https://e.org/b")]
    [InlineData("https://e.org/A", "https://e.org/a")]
    [InlineData("https://e.org:8443/a", "https://e.org/a")]
    public void Different_pages_get_different_keys(string one, string other)
        => Assert.NotEqual(Key(one), Key(other));

    [Fact]
    public void Moscow_times_headline_edit_keeps_the_article_key()
    {
        var before = "https://www.themoscowtimes.com/2023/11/07/russia-hands-jehovahs-witness-follower-7-year-jail-term-a83025";
        var after = "https://www.themoscowtimes.com/2023/11/07/russia-jails-jehovahs-witness-for-7-years-for-extremism-a83025";
        Assert.Equal("themoscowtimes.com/a83025", ItemIdentity.NormaliseLink(before));
        Assert.Equal(Key(before), Key(after));
        Assert.NotEqual(Key(before), Key("https://www.themoscowtimes.com/2023/11/07/another-story-a83026"));
    }

    [Fact]
    public void A_changing_guid_with_the_same_link_keeps_the_key()
        => Assert.Equal(Key("https://e.org/a", id: "guid-1"), Key("https://e.org/a", id: "guid-2"));

    [Fact]
    public void Without_a_link_the_id_then_the_title_identify_the_item()
    {
        Assert.Equal(Key("", id: "urn:1", title: "a"), Key("", id: "urn:1", title: "b"));
        Assert.NotEqual(Key("", id: "urn:1"), Key("", id: "urn:2"));
        Assert.Equal(Key("", title: "Same"), Key("", title: " Same "));
    }

    [Fact]
    public void Content_hash_changes_with_title_or_summary_only()
    {
        var item = new FeedItem { Link = "https://e.org/a", Title = "T", Summary = "S" };
        Assert.Equal(ItemIdentity.ContentHash(item), ItemIdentity.ContentHash(item with { Id = "other", Published = DateTimeOffset.UnixEpoch }));
        Assert.NotEqual(ItemIdentity.ContentHash(item), ItemIdentity.ContentHash(item with { Title = "T2" }));
        Assert.NotEqual(ItemIdentity.ContentHash(item), ItemIdentity.ContentHash(item with { Summary = "S2" }));
    }
}
