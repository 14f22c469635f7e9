using Alerts.Core.Feeds;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources;

/// <summary>Kind <c>rss</c>: RSS, RDF, Atom and JSON Feed, told apart by the document.</summary>
public sealed class FeedContentParser : ISourceKind
{
    /// <summary>Feed formats first; servers that cannot tell them apart get a generic XML or JSON preference.</summary>
    public const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";

    public string Kind => SourceKinds.Rss;

    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings) => SourceRequest.Get(configuredUri, FeedAccept);

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        var feed = FeedParser.Parse(content, contentType, documentUri);
        if (feed.Language is null && !string.IsNullOrEmpty(source.Language))
        {
            feed = feed with { Language = source.Language };
        }
        return feed;
    }
}
