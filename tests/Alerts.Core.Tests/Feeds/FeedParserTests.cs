using System.Text;
using Alerts.Core.Feeds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Feeds;

public sealed class FeedParserTests
{
    private static ParsedFeed Parse(string xml, string? contentType = null, Uri? baseUri = null)
        => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), contentType, baseUri);

    [Fact]
    public void Bbc_rss_yields_every_item_with_link_title_and_date()
    {
        var feed = FeedParser.Parse(FeedTestData.Bytes("feeds/bbc-news.xml"), "application/rss+xml");
        Assert.Equal("rss20", feed.Format);
        Assert.True(feed.Items.Count > 10);
        Assert.All(feed.Items, item =>
        {
            Assert.StartsWith("https://www.bbc.co.uk/", item.Link);
            Assert.False(string.IsNullOrWhiteSpace(item.Title));
            Assert.NotNull(item.Published);
        });
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Cyrillic_utf8_feed_keeps_text_and_plain_summary()
    {
        var feed = FeedParser.Parse(FeedTestData.Bytes("feeds/official-ru.xml"), "text/xml");
        var first = feed.Items[0];
        Assert.StartsWith("О внесении изменений в статью 211", first.Title);
        Assert.Equal("http://sozd.parlament.gov.ru/bill/115964-8", first.Link);
        Assert.Equal("Предварительное рассмотрение законопроекта, внесенного в Государственную Думу", first.Summary);
    }

    [Fact]
    public void Windows1251_document_is_decoded_from_its_xml_declaration()
    {
        var feed = FeedParser.Parse(FeedTestData.Bytes("feeds/official-ru.windows-1251.xml"), "application/xml");
        Assert.StartsWith("О внесении изменений в статью 211", feed.Items[0].Title);
    }

    [Fact]
    public void Koi8r_document_is_decoded_from_the_http_charset()
    {
        var feed = FeedParser.Parse(FeedTestData.Bytes("feeds/official-ru.koi8-r.xml"), "text/xml; charset=KOI8-R");
        Assert.StartsWith("О внесении изменений в статью 211", feed.Items[0].Title);
    }

    [Fact]
    public void Moscow_times_excerpt_with_misplaced_declaration_and_truncation_yields_its_item_with_warnings()
    {
        var feed = FeedParser.Parse(FeedTestData.Bytes("feeds/themoscowtimes_rss_opinion_excerpt.xml"), "application/rss+xml");
        var item = Assert.Single(feed.Items);
        Assert.Equal("Europe Should Beat Russia at Its Own Nationalization Game", item.Title);
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 17, 20, 0, TimeSpan.FromHours(3)), item.Published);
        Assert.Equal(TimeSpan.FromHours(3), item.Published!.Value.Offset);
        Assert.NotEmpty(feed.Warnings);
    }

    [Fact]
    public void Pravo_midnight_moscow_time_keeps_its_day()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>pravo</title><item><title>Указ</title><link>http://publication.pravo.gov.ru/document/0001202406100001</link><pubDate>Mon, 10 Jun 2024 00:00:00 +0300</pubDate></item></channel></rss>""");
        var published = feed.Items[0].Published!.Value;
        Assert.Equal(new DateOnly(2024, 6, 10), DateOnly.FromDateTime(published.DateTime));
        Assert.Equal(TimeSpan.FromHours(3), published.Offset);
    }

    [Fact]
    public void Html_summary_becomes_plain_text_with_entities_decoded()
    {
        var feed = Parse("""<rss version="2.0"><channel><item><title>T</title><description>&lt;p&gt;Russia &amp;amp; Belarus &lt;b&gt;sign&lt;/b&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Caf&amp;eacute;&amp;nbsp;text&lt;/p&gt;</description></item></channel></rss>""");
        Assert.Equal("Russia & Belarus sign\nCafé\u00a0text", feed.Items[0].Summary);
    }

    [Fact]
    public void Relative_links_resolve_against_xml_base_and_the_document_uri()
    {
        var atom = Parse("""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/news/"><title>x</title><entry><id>1</id><title>a</title><link href="2024/item-1"/></entry></feed>""");
        Assert.Equal("https://example.org/news/2024/item-1", atom.Items[0].Link);
        var rss = Parse("""<rss version="2.0"><channel><item><title>b</title><link>/doc/7</link></item></channel></rss>""", baseUri: new Uri("https://kremlin.ru/acts/rss"));
        Assert.Equal("https://kremlin.ru/doc/7", rss.Items[0].Link);
    }

    [Fact]
    public void Json_feed_items_are_read()
    {
        var feed = Parse("""{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://example.org/","items":[{"id":7,"url":"https://example.org/a","title":"A","content_html":"<p>Hi &amp; bye</p>","date_published":"2024-03-12T09:30:00+03:00"}]}""", "application/feed+json");
        Assert.Equal("json11", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("7", item.Id);
        Assert.Equal("Hi & bye", item.Summary);
        Assert.Equal(TimeSpan.FromHours(3), item.Published!.Value.Offset);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \r\n ", "empty")]
    [InlineData("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><br></body></html>", "HTML page")]
    [InlineData("<html><body><p>Service unavailable</body></html>", "HTML page")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut", "truncated")]
    [InlineData("{\"error\":\"rate limited\"}", "JSON Feed")]
    [InlineData("<?xml version=\"1.0\"?><response><status>ok</status></response>", "root element")]
    public void What_is_not_a_feed_throws_with_a_clear_message(string body, string reason)
    {
        var error = Assert.Throws<FeedFormatException>(() => Parse(body));
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var body = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
            """;
        var error = Assert.Throws<FeedFormatException>(() => Parse(body));
        Assert.Contains("entities", error.Message);
    }

    [Fact]
    public void External_entity_is_refused_without_reading_the_file()
    {
        var secret = Path.Combine(Path.GetTempPath(), "feed-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var body = $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>""";
            Assert.Throws<FeedFormatException>(() => Parse(body));
            // Even with the DTD stripped of its declaration check, the entity is never expanded from the file.
            var parameterOnly = $"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}"><rss version="2.0"><channel><title>t</title><item><title>x</title></item></channel></rss>""";
            var feed = Parse(parameterOnly);
            Assert.DoesNotContain(feed.Items, i => i.Title.Contains("TOP-SECRET", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Broken_markup_after_good_items_keeps_them_with_a_warning()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>t</title><item><title>one</title><link>https://e.org/1</link></item><item><title>two</title><link>https://e.org/2</link></item><item><title>three <b>bold</title></item></channel></rss>""");
        Assert.Equal(["one", "two"], feed.Items.Select(i => i.Title));
        Assert.Contains(feed.Warnings, w => w.Contains("malformed XML", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_entities_and_bare_ampersands_are_repaired_with_a_warning()
    {
        var feed = Parse("""<rss version="2.0"><channel><item><title>Caf&eacute; &mdash; news</title><link>https://e.org/get?a=1&b=2</link></item></channel></rss>""");
        Assert.Equal("Café — news", feed.Items[0].Title);
        Assert.Equal("https://e.org/get?a=1&b=2", feed.Items[0].Link);
        Assert.NotEmpty(feed.Warnings);
    }

    [Fact]
    public void Rdf_and_atom_feeds_are_detected()
    {
        var rdf = Parse("""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>R</title></channel><item rdf:about="https://e.org/1"><title>one</title><link>https://e.org/1</link><dc:date>2024-01-02T03:04:05+03:00</dc:date></item></rdf:RDF>""");
        Assert.Equal("rss10", rdf.Format);
        Assert.Equal("https://e.org/1", rdf.Items[0].Id);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(3)), rdf.Items[0].Published);
        var atom = Parse("""<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru"><title type="html">A &amp;amp; B</title><entry><id>urn:1</id><title>x</title><updated>2024-01-02T03:04:05Z</updated><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello</p></div></summary></entry></feed>""");
        Assert.Equal("atom10", atom.Format);
        Assert.Equal("A & B", atom.Title);
        Assert.Equal("Hello", atom.Items[0].Summary);
        Assert.Equal("ru", atom.Items[0].Language);
    }
}
