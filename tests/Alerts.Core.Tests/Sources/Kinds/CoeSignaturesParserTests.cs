using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Alerts.Core.Tests.Support;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class CoeSignaturesParserTests
{
    private const string Cpt = "European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment";

    private static readonly Lazy<TreatyCatalog> Catalog = new(() => TreatyCatalog.Load(RepositoryPaths.Combine("config", "treaties.json")));

    private static readonly SourceDefinition Source = KindData.Source("coe-signatures", CoeSignatures.SignaturesUrl(126));

    private static ParsedFeed Parse(string file, SourceDefinition? source = null)
        => new CoeSignaturesParser(Catalog.Value).Parse(KindData.Read(file), "application/json; charset=utf-8", source ?? Source);

    [Fact]
    public void Every_dated_fact_of_every_state_is_one_item()
    {
        var feed = Parse("coe_signatures_126_before_constructed.json");

        Assert.Equal(
            [
                "coe:126/FRA/signature/1987-11-26", "coe:126/FRA/ratification/1989-01-09", "coe:126/FRA/entry-into-force/1989-05-01",
                "coe:126/RUS/signature/1996-02-28", "coe:126/RUS/ratification/1998-05-05", "coe:126/RUS/entry-into-force/1998-09-01",
                "coe:126/BUL/accession/1994-05-03", "coe:126/BUL/entry-into-force/1994-09-01",
            ],
            feed.Items.Select(i => i.Id));
        Assert.Empty(feed.Warnings);
        Assert.Equal($"France: ratification of the {Cpt} (ETS No. 126) on 1989-01-09", feed.Items[1].Title);
        Assert.Equal(new DateTimeOffset(1989, 1, 9, 0, 0, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.All(feed.Items, i => Assert.Equal("en", i.Language));
    }

    [Fact]
    public void Items_of_one_snapshot_never_share_an_identity()
    {
        var feed = Parse("coe_signatures_126_after_constructed.json");

        Assert.Equal(feed.Items.Count, feed.Items.Select(ItemIdentity.Key).Distinct().Count());
        Assert.All(feed.Items, i => Assert.StartsWith("https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=126&", i.Link));
    }

    [Fact]
    public void Denunciation_is_titled_with_notification_and_effective_dates()
    {
        var feed = Parse("coe_signatures_126_after_constructed.json");

        var item = Assert.Single(feed.Items, i => i.Id == "coe:126/RUS/denunciation/2025-09-19");
        Assert.Equal($"Russian Federation: denunciation of the {Cpt} (ETS No. 126) notified on 2025-09-19, effective 2026-10-01", item.Title);
        Assert.Equal(new DateTimeOffset(2025, 9, 19, 0, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public async Task A_new_snapshot_yields_new_items_only_for_what_changed()
    {
        using var db = new TempSqlite();
        var seen = new SeenItemStore(db.Store);
        var before = Parse("coe_signatures_126_before_constructed.json");
        var first = await seen.DiffAsync("coe-126", before.Items);
        await seen.RememberAsync("coe-126", first.New, DateTimeOffset.UnixEpoch);

        var diff = await seen.DiffAsync("coe-126", Parse("coe_signatures_126_after_constructed.json").Items);

        Assert.Equal(["coe:126/RUS/denunciation/2025-09-19", "coe:126/KAZ/signature/2025-11-20"], diff.New.Select(o => o.Item.Id));
        Assert.Empty(diff.Edited);
        Assert.Equal(8, diff.Unchanged);
    }

    [Fact]
    public void The_detector_reads_the_denunciation_as_Russia_withdrawing_from_ETS_126()
    {
        var item = Parse("coe_signatures_126_after_constructed.json").Items.Single(i => i.Id.Contains("denunciation", StringComparison.Ordinal));
        var detector = new TreatyDetector(Catalog.Value);

        var detections = detector.Detect(new DetectionInput(item.Title, item.Summary, "en", SourceLevel.Depositary));

        var detection = Assert.Single(detections, d => d.Treaty.Id == "coe:126");
        Assert.Equal(TreatyAction.Withdrawal, detection.Action);
        Assert.Contains("RU", detection.States);
    }

    [Fact]
    public void The_detector_reads_a_signature_item()
    {
        var item = Parse("coe_signatures_126_after_constructed.json").Items.Single(i => i.Id == "coe:126/KAZ/signature/2025-11-20");

        var detections = new TreatyDetector(Catalog.Value).Detect(new DetectionInput(item.Title, item.Summary, "en", SourceLevel.Depositary));

        var detection = Assert.Single(detections, d => d.Treaty.Id == "coe:126");
        Assert.Equal(TreatyAction.Signature, detection.Action);
        Assert.Contains("KZ", detection.States);
    }

    [Fact]
    public void Treaty_title_comes_from_the_option_else_the_catalogue_else_a_generic_name()
    {
        var withOption = KindData.Source("coe-signatures", CoeSignatures.SignaturesUrl(126), options: new() { ["treatyTitle"] = "Anti-Torture Convention" });
        var json = KindData.Read("coe_signatures_126_before_constructed.json");

        Assert.StartsWith("France: signature of the Anti-Torture Convention (ETS No. 126)", new CoeSignaturesParser(Catalog.Value).Parse(json, null, withOption).Items[0].Title);
        Assert.StartsWith("France: signature of the Council of Europe treaty (ETS No. 126)", new CoeSignaturesParser().Parse(json, null, Source).Items[0].Title);
    }

    [Fact]
    public void Treaty_number_comes_from_option_url_or_rows_and_cets_numbers_are_cited_as_such()
    {
        var row = """[[{"CodePays":"UKR","LibPaysOrga":"Ukraine","DateSignature":"2011-11-07T00:00:00","DateConsentement":"2022-07-18T00:00:00"}]]""";
        var byOption = KindData.Source("coe-signatures", "https://conventions-ws.coe.int/WS_LFRConventions/api/signatures", options: new() { ["numSte"] = "210" });

        var feed = new CoeSignaturesParser(Catalog.Value).Parse(KindData.Utf8(row), null, byOption);

        Assert.Equal("coe:210/UKR/ratification/2022-07-18", feed.Items[1].Id);
        Assert.Contains("(CETS No. 210)", feed.Items[1].Title, StringComparison.Ordinal);
        Assert.Contains("violence against women", feed.Items[1].Title, StringComparison.Ordinal);
        Assert.Equal(5, CoeSignatures.NumberOf(KindData.Source("coe-signatures", "https://conventions-ws.coe.int/WS_LFRConventions/api/signatures?numSTE=005&langue=ENG")));

        var fromRows = """[{"CodePays":"FRA","LibPaysOrga":"France","NumSTE":"185","DateSignature":"2001-11-23T00:00:00"}]""";
        var noNumber = KindData.Source("coe-signatures", "https://conventions-ws.coe.int/WS_LFRConventions/api/signatures");
        Assert.Equal("coe:185/FRA/signature/2001-11-23", Assert.Single(new CoeSignaturesParser().Parse(KindData.Utf8(fromRows), null, noNumber).Items).Id);
    }

    [Fact]
    public void Unreadable_date_is_a_warning_not_an_item()
    {
        var json = """[[{"CodePays":"RUS","LibPaysOrga":"Russian Federation","DateSignature":"soon","DateConsentement":"05/05/1998"}]]""";

        var feed = new CoeSignaturesParser().Parse(KindData.Utf8(json), null, Source);

        Assert.Equal("coe:126/RUS/accession/1998-05-05", Assert.Single(feed.Items).Id);
        Assert.Contains(feed.Warnings, w => w.Contains("DateSignature", StringComparison.Ordinal));
    }

    [Fact]
    public void An_object_instead_of_the_rows_is_a_format_error()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            new CoeSignaturesParser().Parse(KindData.Utf8("""{"Message":"Authorization has been denied for this request."}"""), "application/json", Source));

        Assert.Contains("Authorization has been denied", ex.Message, StringComparison.Ordinal);
        Assert.Contains("coe-signatures", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_captured_row_of_a_state_that_never_signed_yields_nothing_and_no_warning()
    {
        // The live service's row for Bulgaria under ETS 148: the number as a string, absent dates as null.
        var source = KindData.Source("coe-signatures", "https://conventions-ws.coe.int/WS_LFRConventions/api/signatures");

        var feed = new CoeSignaturesParser(Catalog.Value).Parse(KindData.Read("coe_signatures_148_captured_row.json"), "application/json; charset=utf-8", source);

        Assert.Empty(feed.Items);
        Assert.Empty(feed.Warnings);
        Assert.Equal("Council of Europe Treaty Office: ETS No. 148", feed.Title);
    }

    [Fact]
    public void Published_chart_rows_of_the_human_rights_convention_become_dated_items()
    {
        var source = KindData.Source("coe-signatures", CoeSignatures.SignaturesUrl(5));

        var feed = new CoeSignaturesParser(Catalog.Value).Parse(KindData.Read("coe_signatures_005_published_rows.json"), "application/json", source);

        Assert.Equal(
            [
                "coe:5/ALBANIA/signature/1995-07-13", "coe:5/ALBANIA/ratification/1996-10-02", "coe:5/ALBANIA/entry-into-force/1996-10-02",
                "coe:5/AUSTRIA/signature/1957-12-13", "coe:5/AUSTRIA/ratification/1958-09-03", "coe:5/AUSTRIA/entry-into-force/1958-09-03",
            ],
            feed.Items.Select(i => i.Id));
        Assert.Empty(feed.Warnings);
        Assert.StartsWith("Austria: ratification of the ", feed.Items[4].Title, StringComparison.Ordinal);
        Assert.EndsWith("(ETS No. 005) on 1958-09-03", feed.Items[4].Title, StringComparison.Ordinal);
    }
}
