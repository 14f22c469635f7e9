using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class HtmlListParserTests
{
    private static readonly Dictionary<string, string> KremlinOptions = new()
    {
        ["item"] = "div.hentry",
        ["title"] = ".entry-title",
        ["link"] = "h3 a",
        ["date"] = ".published",
        ["dateFormat"] = "d MMMM yyyy 'года'",
        ["summary"] = ".p-summary",
        ["utcOffset"] = "+03:00",
    };

    private readonly HtmlListParser _parser = new();

    private static SourceDefinition Kremlin(Dictionary<string, string>? options = null)
        => KindData.Source("html-list", "http://kremlin.ru/acts/news", "ru", options ?? KremlinOptions);

    [Fact]
    public void Kremlin_acts_list_gives_one_item_per_entry_with_absolute_links()
    {
        var feed = _parser.Parse(KindData.Read("kremlin_acts_list_constructed.html"), "text/html", Kremlin());

        Assert.Equal(["http://kremlin.ru/acts/news/70605", "http://kremlin.ru/acts/news/70599", "http://kremlin.ru/acts/news/70572"], feed.Items.Select(i => i.Link));
        Assert.Equal("Подписан закон о прекращении действия в отношении РФ международных договоров Совета Европы", feed.Items[0].Title);
        Assert.StartsWith("Президент подписал Федеральный закон «О прекращении действия", feed.Items[0].Summary);
        Assert.Equal("ru", feed.Items[0].Language);
        Assert.Equal("Документы // Президент России", feed.Title);
    }

    [Fact]
    public void Dates_come_from_datetime_attributes_or_russian_text_in_the_source_zone()
    {
        var feed = _parser.Parse(KindData.Read("kremlin_acts_list_constructed.html"), "text/html", Kremlin());

        var moscow = TimeSpan.FromHours(3);
        Assert.Equal(new DateTimeOffset(2023, 2, 28, 0, 0, 0, moscow), feed.Items[0].Published);
        Assert.Equal(new DateTimeOffset(2023, 2, 28, 0, 0, 0, moscow), feed.Items[1].Published);
        Assert.Equal(new DateTimeOffset(2023, 2, 21, 0, 0, 0, moscow), feed.Items[2].Published);
    }

    [Fact]
    public void A_missing_summary_in_one_entry_is_a_warning_naming_the_selector()
    {
        var feed = _parser.Parse(KindData.Read("kremlin_acts_list_constructed.html"), "text/html", Kremlin());

        var warning = Assert.Single(feed.Warnings);
        Assert.Contains("summary selector '.p-summary' matched nothing in 1 of the 3 entries", warning, StringComparison.Ordinal);
        Assert.Equal("", feed.Items[2].Summary);
    }

    [Fact]
    public void The_charset_of_the_content_type_wins_over_the_meta_tag()
    {
        var html = "<html><head><meta charset=\"windows-1251\"></head><body><ul><li><a href=\"/a\">Договор</a></li></ul></body></html>";
        var options = new Dictionary<string, string> { ["item"] = "li" };

        var feed = _parser.Parse(KindData.Utf8(html), "text/html; charset=utf-8", KindData.Source("html-list", "https://example.org/list/", "ru", options));

        Assert.Equal("Договор", Assert.Single(feed.Items).Title);
        Assert.Equal("https://example.org/a", feed.Items[0].Link);
    }

    [Fact]
    public void An_item_selector_that_matches_nothing_says_the_site_changed()
    {
        var options = new Dictionary<string, string>(KremlinOptions) { ["item"] = "article.news-item" };

        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Read("kremlin_acts_list_constructed.html"), "text/html", Kremlin(options)));

        Assert.Contains("item selector 'article.news-item' matched nothing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("layout has probably changed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_selector_that_matches_nothing_anywhere_is_a_warning()
    {
        var options = new Dictionary<string, string>(KremlinOptions) { ["date"] = "span.date" };

        var feed = _parser.Parse(KindData.Read("kremlin_acts_list_constructed.html"), "text/html", Kremlin(options));

        Assert.Equal(3, feed.Items.Count);
        Assert.All(feed.Items, i => Assert.Null(i.Published));
        Assert.Contains(feed.Warnings, w => w.Contains("date selector 'span.date' matched nothing in any 3 entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_large_page_is_read_with_its_own_structure()
    {
        // The pravo.gov.ru API help page: 100+ KB of Word-exported HTML; each table row is an "entry".
        var options = new Dictionary<string, string> { ["item"] = "table tr", ["title"] = "td:first-child", ["summary"] = "td:nth-child(2)" };

        var feed = _parser.Parse(KindData.Read("law7_api_help.html"), "text/html; charset=utf-8",
            KindData.Source("html-list", "http://publication.pravo.gov.ru/api/help", "ru", options));

        Assert.Contains(feed.Items, i => i.Title == "parent" && i.Summary == "Код блока, у которого надо получить все дочерние блоки");
        Assert.True(feed.Items.Count > 50);
        Assert.All(feed.Items, i => Assert.Equal("", i.Link));
    }

    [Fact]
    public void Real_large_page_with_selectors_of_another_site_fails_clearly()
    {
        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Read("law7_api_help.html"), "text/html", Kremlin()));

        Assert.Contains("matched nothing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_configuration_is_a_format_error_naming_the_option()
    {
        var page = KindData.Read("kremlin_acts_list_constructed.html");

        var noItem = Assert.Throws<FeedFormatException>(() => _parser.Parse(page, "text/html", Kremlin(new() { ["title"] = "h3" })));
        Assert.Contains("'item'", noItem.Message, StringComparison.Ordinal);

        var badSelector = Assert.Throws<FeedFormatException>(() => _parser.Parse(page, "text/html", Kremlin(new() { ["item"] = "div[[" })));
        Assert.Contains("not a valid CSS selector", badSelector.Message, StringComparison.Ordinal);

        var badOffset = Assert.Throws<FeedFormatException>(() => _parser.Parse(page, "text/html", Kremlin(new() { ["item"] = "div", ["utcOffset"] = "Moscow" })));
        Assert.Contains("'utcOffset'", badOffset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_links_are_not_kept()
    {
        var html = "<ul><li><a href=\"javascript:alert(1)\">Соглашение</a></li></ul>";

        var feed = _parser.Parse(KindData.Utf8(html), "text/html", KindData.Source("html-list", "https://example.org/", "ru", new() { ["item"] = "li" }));

        Assert.Equal("", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Koi8_r_page_declared_in_the_header_and_instants_with_offsets()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var html = "<div class=n><a href=\"https://example.org/1\">Денонсация договора</a><time datetime=\"2026-03-01T10:15:00+03:00\">1 марта</time></div>"
            + "<div class=n><a href=\"https://example.org/2\">Ратификация</a><time datetime=\"2026-03-02T09:00:00\">2 марта</time></div>";
        var body = System.Text.Encoding.GetEncoding("koi8-r").GetBytes(html);
        var options = new Dictionary<string, string> { ["item"] = "div.n", ["title"] = "a", ["date"] = "time", ["utcOffset"] = "+03:00" };

        var feed = _parser.Parse(body, "text/html; charset=KOI8-R", KindData.Source("html-list", "https://example.org/", "ru", options));

        Assert.Equal("Денонсация договора", feed.Items[0].Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 7, 15, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(3)), feed.Items[1].Published);
    }
}
