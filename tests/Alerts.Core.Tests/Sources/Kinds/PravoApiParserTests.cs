using Alerts.Core.Feeds;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class PravoApiParserTests
{
    private static readonly Alerts.Core.Sources.SourceDefinition Source =
        KindData.Source("pravo-api", PravoApi.DocumentsUrl("government", 30), "ru");

    private readonly PravoApiParser _parser = new();

    [Fact]
    public void Real_documents_response_gives_one_item_per_document()
    {
        var feed = _parser.Parse(KindData.Read("law7_documents_search_sample.json"), "application/json; charset=utf-8", Source);

        Assert.Equal(10, feed.Items.Count);
        Assert.Empty(feed.Warnings);
        var first = feed.Items[0];
        Assert.Equal("0001202601170001", first.Id);
        Assert.Equal("http://publication.pravo.gov.ru/document/0001202601170001", first.Link);
        Assert.Equal("ru", first.Language);
        Assert.Equal(Enumerable.Range(0, 10).Count(), feed.Items.Select(i => i.Id).Distinct().Count());
    }

    [Fact]
    public void Title_is_the_full_name_on_one_line()
    {
        var feed = _parser.Parse(KindData.Read("law7_documents_search_sample.json"), "application/json", Source);

        var title = feed.Items[0].Title;
        Assert.StartsWith("Распоряжение Правительства Российской Федерации от 17.01.2026 № 28-р \"О присвоении классных чинов", title);
        Assert.All(feed.Items, item =>
        {
            Assert.DoesNotContain('\n', item.Title);
            Assert.DoesNotContain('\r', item.Title);
            Assert.DoesNotContain("  ", item.Title);
            Assert.DoesNotContain("<br", item.Title);
        });
    }

    [Fact]
    public void Published_is_midnight_Moscow_time_on_the_publication_day()
    {
        var feed = _parser.Parse(KindData.Read("law7_documents_search_sample.json"), "application/json", Source);

        var published = Assert.IsType<DateTimeOffset>(feed.Items[0].Published);
        Assert.Equal(new DateTimeOffset(2026, 1, 17, 0, 0, 0, TimeSpan.FromHours(3)), published);
        Assert.Equal(TimeSpan.FromHours(3), published.Offset);
        Assert.Equal(17, published.Day); // not shifted to the 16th, as a UTC conversion would
    }

    [Fact]
    public void Carriage_returns_in_names_become_spaces()
    {
        var json = """{"items":[{"eoNumber":"0001202608260001","publishDateShort":"2026-08-26T00:00:00","complexName":"Распоряжение Правительства\r\nРоссийской Федерации\r«О выходе»\n  из Конвенции"}]}""";

        var feed = _parser.Parse(KindData.Utf8(json), "application/json", Source);

        Assert.Equal("Распоряжение Правительства Российской Федерации «О выходе» из Конвенции", feed.Items[0].Title);
    }

    [Fact]
    public void Document_without_number_is_skipped_with_a_warning()
    {
        var json = """{"items":[{"name":"без номера"},{"eoNumber":"1","complexName":"Указ","publishDateShort":"2026-01-01T00:00:00"}]}""";

        var feed = _parser.Parse(KindData.Utf8(json), null, Source);

        Assert.Single(feed.Items);
        Assert.Contains(feed.Warnings, w => w.Contains("no eoNumber", StringComparison.Ordinal));
    }

    [Fact]
    public void Url_builder_names_block_and_page_size()
    {
        Assert.Equal("http://publication.pravo.gov.ru/api/Documents?Block=international&PageSize=100&Index=1", PravoApi.DocumentsUrl("international", 100));
        Assert.Equal(["international", "president", "government"], PravoApi.WatchedBlocks);
        Assert.Throws<ArgumentOutOfRangeException>(() => PravoApi.DocumentsUrl("president", 50));
        Assert.Throws<ArgumentException>(() => PravoApi.DocumentsUrl("president&Index=9", 10));
    }

    [Fact]
    public void Api_error_object_is_a_format_error_quoting_the_message()
    {
        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Read("law7_categories_sample.json"), "application/json", Source));

        Assert.Contains("pravo-api", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Block Code' не должно быть пусто", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shell_instead_of_json_is_a_format_error()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            _parser.Parse(KindData.Read("law7_document_detail_sample_ACTUALLY_HTML.html"), "text/html; charset=utf-8", Source));

        Assert.Contains("expected JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTML", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("law7_public_blocks_sample.json")]
    [InlineData("law7_document_types_sample.json")]
    public void Other_endpoints_responses_are_format_errors(string file)
    {
        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Read(file), "application/json", Source));

        Assert.Contains("\"items\"", ex.Message, StringComparison.Ordinal);
    }
}
