using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting;

/// <summary>
/// Plugs a source-kind parser (pravo-api, duma-api, coe-signatures, untc-notifications, html-list)
/// into the HTTP reader, and resolves the credentials those kinds name in their options from
/// configuration (the options hold setting names, never secrets).
/// </summary>
public sealed class KindParser(ISourceDocumentParser parser, IConfiguration configuration) : ISourceContentParser, ISourceRequestShaper
{
    public string Kind => parser.Kind;

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
        => parser.Parse(content, contentType, source);

    public SourceRequest Shape(SourceDefinition source, Uri configuredUri)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.Equals(Kind, "duma-api", StringComparison.OrdinalIgnoreCase))
        {
            var credentials = DumaApi.ResolveCredentials(source, key => configuration[key]);
            return new SourceRequest(new Uri(DumaApi.SearchUrl(configuredUri.ToString(), credentials)), headers);
        }
        if (string.Equals(Kind, "coe-signatures", StringComparison.OrdinalIgnoreCase)
            && source.Options.TryGetValue(CoeSignatures.TokenOption, out var setting)
            && configuration[setting] is { Length: > 0 } token)
        {
            headers[CoeSignatures.TokenHeader] = token;
        }
        return new SourceRequest(configuredUri, headers);
    }
}
