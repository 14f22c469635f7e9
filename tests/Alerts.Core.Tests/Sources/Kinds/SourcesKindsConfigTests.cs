using Alerts.Core.Messages;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class SourcesKindsConfigTests
{
    private readonly IReadOnlyList<Alerts.Core.Sources.SourceDefinition> _sources = KindsConfig.Load();

    [Fact]
    public void Ids_are_unique_and_urls_are_http()
    {
        Assert.Equal(_sources.Count, _sources.Select(s => s.Id).Distinct().Count());
        Assert.All(_sources, s => Assert.True(Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", s.Id));
        Assert.All(_sources, s => Assert.Contains(s.Group, new[] { "decrees", "depositaries", "news" }));
    }

    [Fact]
    public void Pravo_blocks_use_the_url_builder()
    {
        foreach (var block in PravoApi.WatchedBlocks)
        {
            var source = Assert.Single(_sources, s => s.Id == $"pravo-api-{block}");
            Assert.Equal(PravoApi.DocumentsUrl(block, 30), source.Url);
            Assert.Equal(SourceLevel.Official, source.Authority);
        }
    }

    [Fact]
    public void Every_watched_council_of_europe_treaty_has_a_depositary_source()
    {
        var numbers = _sources.Where(s => s.Kind == CoeSignatures.Kind).Select(CoeSignatures.NumberOf).ToList();

        Assert.Equal([1, 5, 35, 126, 163, 173, 185, 210], numbers.Order());
        Assert.All(_sources.Where(s => s.Kind == CoeSignatures.Kind), s =>
        {
            Assert.Equal(SourceLevel.Depositary, s.Authority);
            Assert.Equal(s.Url, CoeSignatures.SignaturesUrl(CoeSignatures.NumberOf(s)!.Value));
        });
        Assert.Single(_sources, s => s.Kind == UntcNotificationsParser.KindName && s.Authority == SourceLevel.Depositary);
    }

    [Fact]
    public void Duma_sources_are_off_and_name_settings_not_secrets()
    {
        var duma = _sources.Where(s => s.Kind == DumaApi.Kind).ToList();

        Assert.NotEmpty(duma);
        Assert.All(duma, s =>
        {
            Assert.False(s.Enabled);
            Assert.Equal("Duma:Token", s.Options[DumaApi.TokenOption]);
            Assert.Equal("Duma:AppToken", s.Options[DumaApi.AppTokenOption]);
            // The configured URL must accept the secrets the documented way.
            var url = DumaApi.SearchUrl(s.Url, new DumaCredentials("t0ken", "app"));
            Assert.Contains("/api/t0ken/search.json?", url, StringComparison.Ordinal);
        });
    }
}
