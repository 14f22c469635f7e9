using Alerts.Core.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources;

/// <summary>
/// One kind of source (<see cref="SourceDefinition.Kind"/>): how to ask for its document and how to read it.
/// Every kind, <c>rss</c> included, implements this one interface and is listed once, in
/// <see cref="Kinds.SourceKinds"/>, which both the configuration check and the reader use.
/// </summary>
public interface ISourceKind
{
    /// <summary>The <see cref="SourceDefinition.Kind"/> this implementation serves, e.g. <c>rss</c> or <c>pravo-api</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// The first request for <paramref name="source"/>: its address, the media types to accept, and the credentials the kind
    /// resolves from <paramref name="settings"/> through the setting names in the source's options (the options never hold secrets).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting the source needs is missing or malformed; the message names it, never its value.</exception>
    SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings);

    /// <summary>Turns the body of a successful response into items. Pure: no I/O, no clock.</summary>
    /// <param name="content">The response body as received.</param>
    /// <param name="contentType">The Content-Type header, when there was one (its charset is honoured).</param>
    /// <param name="documentUri">Where the document came from (after redirects, or its Content-Location).</param>
    /// <param name="source">The source: its options configure the parser.</param>
    /// <exception cref="FeedFormatException">The document is not what the kind expects (an HTML shell instead of JSON,
    /// an error object, a page whose structure changed, too many items).</exception>
    ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source);
}

/// <summary>
/// What the reader sends for a source. <see cref="Credentials"/> go to the configured host only, never to where it
/// redirects; <see cref="Uri"/> may hold secrets too (the Duma API's), so logs show the configured URL instead.
/// </summary>
public sealed record SourceRequest(Uri Uri, string Accept, IReadOnlyDictionary<string, string> Credentials)
{
    /// <summary>What a JSON API should be asked for.</summary>
    public const string JsonAccept = "application/json";

    /// <summary>What a web page should be asked for.</summary>
    public const string HtmlAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    /// <summary>Read through the client of <see cref="Sources.LegacyTls"/> (servers with a small Diffie-Hellman group).</summary>
    public bool LegacyTls { get; init; }

    /// <summary>A plain GET of <paramref name="uri"/> without credentials.</summary>
    public static SourceRequest Get(Uri uri, string accept) => new(uri, accept, new Dictionary<string, string>());

    public override string ToString() => $"SourceRequest {{ Host = {Uri.Host}, Accept = {Accept}, Credentials = {Credentials.Count}, LegacyTls = {LegacyTls} }}";
}
