namespace Alerts.Core.Sources;

/// <summary>
/// Implemented by a parser whose source needs more than a GET of its configured URL: credentials
/// resolved from configuration into the address or a header. The reader asks it for the request
/// of the first hop; the configured URL (never the shaped one) is what logs and errors show.
/// </summary>
public interface ISourceRequestShaper
{
    /// <exception cref="InvalidOperationException">a setting the source needs is missing; the message names it, never its value.</exception>
    SourceRequest Shape(SourceDefinition source, Uri configuredUri);
}

public sealed record SourceRequest(Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public override string ToString() => $"SourceRequest {{ Host = {Uri.Host}, Headers = {Headers.Count} }}";
}
