using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class SourceKindsTests
{
    private sealed class FakeRss : ISourceDocumentParser
    {
        public string Kind => SourceKinds.Rss;

        public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, SourceDefinition source) => new("rss", "", [], []);
    }

    [Fact]
    public void Default_registry_holds_every_kind_of_this_folder()
    {
        var kinds = SourceKinds.CreateDefault();

        Assert.Equal(["coe-signatures", "duma-api", "html-list", "pravo-api", "untc-notifications"], kinds.Kinds.Order(StringComparer.Ordinal));
        Assert.IsType<PravoApiParser>(kinds.Find("pravo-api"));
        Assert.IsType<PravoApiParser>(kinds.Find("PRAVO-API"));
        Assert.Null(kinds.Find("rss"));
        Assert.False(kinds.IsKnown("gopher"));
    }

    [Fact]
    public void The_feed_parser_plugs_in_as_rss()
    {
        var rss = new FakeRss();

        var kinds = SourceKinds.CreateDefault(rss: rss);

        Assert.Same(rss, kinds.Find("rss"));
        Assert.Equal(6, kinds.Kinds.Count);
    }

    [Fact]
    public void Two_parsers_for_one_kind_are_refused()
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
}
