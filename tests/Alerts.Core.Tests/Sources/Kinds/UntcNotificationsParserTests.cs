using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Sources.Kinds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class UntcNotificationsParserTests
{
    private static readonly Alerts.Core.Sources.SourceDefinition Source = KindData.Source("untc-notifications", UntcNotificationsParser.LatestUrl);

    private readonly UntcNotificationsParser _parser = new();

    private ParsedFeed ParsePage() => _parser.Parse(KindData.Read("untc_cn_latest_constructed.html"), "text/html; charset=utf-8", Source);

    [Fact]
    public void One_item_per_notification_identified_by_its_reference()
    {
        var feed = ParsePage();

        Assert.Equal(["C.N.260.2026.TREATIES-XXVII.17", "C.N.255.2026.TREATIES-IV.9", "C.N.251.2026.TREATIES-XVIII.10"], feed.Items.Select(i => i.Id));
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Title_is_subject_and_treaty_and_link_is_the_english_pdf()
    {
        var item = ParsePage().Items[0];

        Assert.Equal("Russian Federation: Withdrawal: Minamata Convention on Mercury", item.Title);
        Assert.Equal("https://treaties.un.org/doc/Publication/CN/2026/CN.260.2026-Eng.pdf", item.Link);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("en", item.Language);
    }

    [Fact]
    public void Reference_cell_labels_and_long_dates_are_understood()
    {
        var item = ParsePage().Items[1];

        Assert.Equal("Ghana: Ratification: Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment", item.Title);
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 0, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Row_without_a_pdf_link_links_to_where_the_un_files_it()
    {
        Assert.Equal("https://treaties.un.org/doc/Publication/CN/2026/CN.251.2026-Eng.pdf", ParsePage().Items[2].Link);
    }

    [Fact]
    public void The_detector_reads_a_withdrawal_notification()
    {
        var item = ParsePage().Items[2];
        var detector = new TreatyDetector(TreatyCatalog.Load(RepositoryPaths.Combine("config", "treaties.json")));

        var detection = Assert.Single(detector.Detect(new DetectionInput(item.Title, item.Summary, "en", SourceLevel.Depositary)), d => d.Treaty.Id == "un:XVIII-10");

        Assert.Equal(TreatyAction.Withdrawal, detection.Action);
        Assert.Contains("HU", detection.States);
    }

    [Fact]
    public void A_page_without_any_reference_is_a_format_error()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            _parser.Parse(KindData.Read("law7_api_help.html"), "text/html", Source));

        Assert.Contains("no depositary notification reference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_where_the_page_was_expected_is_a_format_error()
    {
        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Utf8("""{"d":[]}"""), "application/json", Source));

        Assert.Contains("expected an HTML page", ex.Message, StringComparison.Ordinal);
    }
}
