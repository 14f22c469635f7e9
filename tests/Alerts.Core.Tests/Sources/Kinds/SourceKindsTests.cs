using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class SourceKindsTests
{
    [Fact]
    public void Default_registry_holds_every_kind_the_product_reads()
    {
        var kinds = SourceKinds.CreateDefault();

        Assert.Equal(["coe-signatures", "duma-api", "html-list", "pravo-api", "rss", "untc-notifications"], kinds.Kinds.Order(StringComparer.Ordinal));
        Assert.IsType<PravoApiParser>(kinds.Find(PravoApi.Kind));
        Assert.IsType<PravoApiParser>(kinds.Find("PRAVO-API"));
        Assert.IsType<FeedContentParser>(kinds.Find(SourceKinds.Rss));
        Assert.False(kinds.IsKnown("gopher"));
        Assert.Null(kinds.Find("gopher"));
    }

    [Fact]
    public void Two_implementations_of_one_kind_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SourceKinds([new PravoApiParser(), new PravoApiParser()]));

        Assert.Contains("pravo-api", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_in_the_default_source_catalogue_has_a_parser()
    {
        var kinds = SourceKinds.CreateDefault();

        foreach (var source in KindsConfig.Load())
        {
            Assert.True(kinds.IsKnown(source.Kind), $"{source.Id}: no parser for kind '{source.Kind}'");
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Theory]
    [InlineData(PravoApi.Kind, "application/json")]
    [InlineData(CoeSignatures.Kind, "application/json")]
    [InlineData(UntcNotificationsParser.KindName, "text/html")]
    [InlineData(HtmlListParser.KindName, "text/html")]
    [InlineData(SourceKinds.Rss, "application/rss+xml")]
    public void Each_kind_asks_for_its_own_media_type(string kind, string accepted)
    {
        var uri = new Uri("https://example.org/data?x=1");

        var request = SourceKinds.CreateDefault().Find(kind)!.Request(KindData.Source(kind, uri.ToString()), uri, Settings());

        Assert.StartsWith(accepted, request.Accept, StringComparison.Ordinal);
        Assert.Equal(uri, request.Uri);
        Assert.Equal(kind == CoeSignatures.Kind, request.LegacyTls);
    }

    [Fact]
    public void The_duma_kind_asks_for_json_with_its_credentials_in_the_address()
    {
        var source = KindData.Source(DumaApi.Kind, "http://api.duma.gov.ru/api/search.json?limit=20",
            options: new() { [DumaApi.TokenOption] = "Duma:Token", [DumaApi.AppTokenOption] = "Duma:AppToken" });
        var kind = SourceKinds.CreateDefault().Find(DumaApi.Kind)!;

        var request = kind.Request(source, new Uri(source.Url), Settings(("Duma:Token", "abc123"), ("Duma:AppToken", "app456")));

        Assert.Equal("http://api.duma.gov.ru/api/abc123/search.json?limit=20&app_token=app456", request.Uri.ToString());
        Assert.Equal("application/json", request.Accept);
        Assert.Empty(request.Credentials);
        var missing = Assert.Throws<InvalidOperationException>(() => kind.Request(source, new Uri(source.Url), Settings()));
        Assert.Contains("'Duma:Token'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_council_of_europe_kind_sends_the_public_token_unless_a_setting_overrides_it()
    {
        var source = KindData.Source(CoeSignatures.Kind, CoeSignatures.SignaturesUrl(126), options: new() { [CoeSignatures.TokenOption] = "CoeTreatyOffice:Token" });
        var kind = SourceKinds.CreateDefault().Find(CoeSignatures.Kind)!;

        var byDefault = kind.Request(source, new Uri(source.Url), Settings());
        var overridden = kind.Request(source, new Uri(source.Url), Settings(("CoeTreatyOffice:Token", "rotated-key")));
        var withoutOption = kind.Request(KindData.Source(CoeSignatures.Kind, CoeSignatures.SignaturesUrl(5)), new Uri(CoeSignatures.SignaturesUrl(5)), Settings());

        // The key the Treaty Office's pages publish as window.conventions_api_key.
        Assert.Equal("hfghhgp2q5vgwg1hbn532kw71zgtww7e", byDefault.Credentials["token"]);
        Assert.Equal("rotated-key", overridden.Credentials["token"]);
        Assert.Equal("hfghhgp2q5vgwg1hbn532kw71zgtww7e", withoutOption.Credentials["token"]);
        Assert.Equal("application/json", byDefault.Accept);
        Assert.True(byDefault.LegacyTls, "the Treaty Office's host needs the suites of LegacyTls");
        Assert.DoesNotContain("hfghhgp2", byDefault.ToString(), StringComparison.Ordinal);
    }
}
