using System.Text;
using Alerts.Core.Sources;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources.Kinds;

/// <summary>Payloads under tests/data/kinds and source definitions for the kind tests.</summary>
internal static class KindData
{
    public static byte[] Read(string name) => File.ReadAllBytes(RepositoryPaths.TestData("kinds", name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static SourceDefinition Source(string kind, string url, string language = "en", Dictionary<string, string>? options = null) => new()
    {
        Id = "test-" + kind,
        Kind = kind,
        Url = url,
        Language = language,
        Options = options is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(options, StringComparer.OrdinalIgnoreCase),
    };
}

/// <summary>The kind tests parse documents fetched from the source's own URL.</summary>
internal static class SourceKindTestExtensions
{
    public static Alerts.Core.Feeds.ParsedFeed Parse(this ISourceKind kind, ReadOnlySpan<byte> content, string? contentType, SourceDefinition source)
        => kind.Parse(content, contentType, new Uri(source.Url), source);
}
