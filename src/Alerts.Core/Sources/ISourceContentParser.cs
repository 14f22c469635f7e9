using Alerts.Core.Feeds;

namespace Alerts.Core.Sources;

/// <summary>
/// Turns a fetched body into items for one <see cref="SourceDefinition.Kind"/>. The HTTP reader picks the
/// parser by kind, so new kinds (pravo-api, duma-api, coe-signatures, untc-notifications, html-list) plug in
/// by registering another implementation. Throws <see cref="FeedFormatException"/> for a body it cannot read.
/// </summary>
public interface ISourceContentParser
{
    /// <summary>The <see cref="SourceDefinition.Kind"/> this parser reads, e.g. <c>rss</c>.</summary>
    string Kind { get; }

    ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source);
}
