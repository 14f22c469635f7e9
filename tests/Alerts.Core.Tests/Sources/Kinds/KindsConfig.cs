using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Sources;
using Alerts.Testing;

namespace Alerts.Core.Tests.Sources.Kinds;

/// <summary>Reads config/sources.kinds.json into source definitions, checking each as the host does (data annotations).</summary>
internal static class KindsConfig
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record File(List<SourceDefinition> Sources);

    public static IReadOnlyList<SourceDefinition> Load()
    {
        var json = System.IO.File.ReadAllText(RepositoryPaths.Combine("config", "sources.kinds.json"));
        var sources = JsonSerializer.Deserialize<File>(json, Options)?.Sources ?? throw new InvalidDataException("no Sources");
        foreach (var source in sources)
        {
            source.Options = new Dictionary<string, string>(source.Options, StringComparer.OrdinalIgnoreCase);
            Validator.ValidateObject(source, new ValidationContext(source), validateAllProperties: true);
        }
        return sources;
    }
}
