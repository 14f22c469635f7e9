using Alerts.Core.Feeds;

namespace Alerts.Core.Sources;

/// <summary>Kind <c>rss</c>: RSS, RDF, Atom and JSON Feed, told apart by the document.</summary>
public sealed class FeedContentParser : ISourceContentParser
{
    public string Kind => "rss";

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
