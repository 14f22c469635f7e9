using Alerts.Core.Feeds;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Turns one fetched document of a source kind (an API's JSON, a depositary's HTML page...) into items.
/// Pure: no I/O, no clock; the fetcher does the HTTP and hands over the body it received.
/// </summary>
public interface ISourceDocumentParser
{
    /// <summary>The <see cref="SourceDefinition.Kind"/> this parser reads, e.g. <c>pravo-api</c>.</summary>
    string Kind { get; }

    /// <summary>Parses the body of a successful response.</summary>
    /// <param name="content">The response body as received (at most <see cref="KindLimits.MaxDocumentBytes"/>).</param>
    /// <param name="contentType">The Content-Type header, when there was one (its charset is honoured for HTML).</param>
    /// <param name="source">The source: its URL resolves relative links, its options configure the parser.</param>
    /// <exception cref="FeedFormatException">The document is not what the kind expects (an HTML shell instead of JSON,
    /// an error object, a page whose structure changed, more than <see cref="KindLimits.MaxItems"/> items).</exception>
    ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, SourceDefinition source);
}
