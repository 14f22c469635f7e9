using System.Text.Json;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting;

/// <summary>
/// Reads sources and channels from configuration, the same keys in the Functions app settings
/// and the CLI: the default catalogue (<c>config/sources.json</c>, or <c>SourcesFile</c>) first,
/// then <c>Sources:N</c> entries, which override a default with the same <c>Id</c> key by key
/// (so <c>Sources__0__Id=tass-en</c> + <c>Sources__0__Enabled=false</c> disables one) or add a new source.
/// Every problem is reported with its key.
/// </summary>
public static class AlertsConfiguration
{
    public const string SourcesSection = "Sources";
    public const string ChannelsSection = "Channels";
    public const string SourcesFileKey = "SourcesFile";
    public const string UseDefaultSourcesKey = "UseDefaultSources";
    public const string DefaultSourcesDirectory = "config";

    /// <param name="kinds">The source kinds the reader knows; a source of another kind is a problem.</param>
    public static IReadOnlyList<SourceDefinition> LoadSources(IConfiguration configuration, string baseDirectory, SourceKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var problems = new List<string>();
        var sources = new List<SourceDefinition>();
        var useDefaults = configuration.GetValue(UseDefaultSourcesKey, true);
        var files = configuration[SourcesFileKey];
        if (!string.IsNullOrWhiteSpace(files))
        {
            foreach (var file in files.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var path = ResolvePath(file, baseDirectory);
                if (File.Exists(path))
                {
                    Merge(sources, ReadSourcesFile(path, problems));
                }
                else
                {
                    problems.Add($"{SourcesFileKey}: file '{path}' does not exist");
                }
            }
        }
        else if (useDefaults)
        {
            // Every config/sources*.json: feeds in sources.json, API and depositary sources in sources.kinds.json.
            var directory = ResolveDirectory(DefaultSourcesDirectory, baseDirectory);
            if (directory is not null)
            {
                foreach (var path in Directory.EnumerateFiles(directory, "sources*.json").Order(StringComparer.Ordinal))
                {
                    Merge(sources, ReadSourcesFile(path, problems));
                }
            }
        }

        foreach (var section in configuration.GetSection(SourcesSection).GetChildren())
        {
            var id = section["Id"];
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{section.Path}:Id: required (each source needs an id)");
                continue;
            }
            var existing = sources.FirstOrDefault(s => s.Id == id);
            if (existing is null)
            {
                existing = new SourceDefinition();
                sources.Add(existing);
            }
            try
            {
                section.Bind(existing);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{section.Path}: {ex.Message}");
            }
        }

        for (var i = 0; i < sources.Count; i++)
        {
            Validate(sources[i], $"{SourcesSection}[{sources[i].Id}]", problems);
            if (!Uri.TryCreate(sources[i].Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{SourcesSection}[{sources[i].Id}]:Url: '{sources[i].Url}' is not an http or https URL");
            }
            if (!kinds.IsKnown(sources[i].Kind))
            {
                problems.Add($"{SourcesSection}[{sources[i].Id}]:Kind: '{sources[i].Kind}' is not a source kind ({string.Join(", ", kinds.Kinds)})");
            }
            if (!SourceGroups.IsKnown(sources[i].Group))
            {
                // Only these groups have a timer in the Functions app; another would be polled by alerts run alone.
                problems.Add($"{SourcesSection}[{sources[i].Id}]:Group: '{sources[i].Group}' is not a schedule group ({string.Join(", ", SourceGroups.All)})");
            }
            if (sources[i].Interval < TimeSpan.FromSeconds(1))
            {
                problems.Add($"{SourcesSection}[{sources[i].Id}]:Interval: {sources[i].Interval} is shorter than one second");
            }
        }
        Throw(problems);
        return sources;
    }

    public static IReadOnlyList<ChannelDefinition> LoadChannels(IConfiguration configuration)
    {
        var problems = new List<string>();
        var channels = new List<ChannelDefinition>();
        foreach (var section in configuration.GetSection(ChannelsSection).GetChildren())
        {
            var channel = new ChannelDefinition();
            try
            {
                ChannelBinding.Bind(section, channel);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{section.Path}: {ex.Message}");
                continue;
            }
            Validate(channel, section.Path, problems);
            // The binder skips list entries it cannot convert; an unknown action must not silently widen the filter.
            foreach (var action in section.GetSection(nameof(ChannelDefinition.Actions)).GetChildren())
            {
                if (!Vocabulary.TryParseAction(action.Value, out _) && !Enum.TryParse<TreatyAction>(action.Value, ignoreCase: true, out _))
                {
                    problems.Add($"{action.Path}: '{action.Value}' is not an action ({string.Join(", ", Enum.GetValues<TreatyAction>().Select(Vocabulary.Name))})");
                }
            }
            if (channels.Any(c => c.Id == channel.Id))
            {
                problems.Add($"{section.Path}:Id: '{channel.Id}' is used by another channel");
            }
            channels.Add(channel);
        }
        Throw(problems);
        return channels;
    }

    public static string ResolvePath(string path, string baseDirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }
        var fromCurrent = Path.GetFullPath(path);
        return File.Exists(fromCurrent) ? fromCurrent : Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static string? ResolveDirectory(string path, string baseDirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }
        var fromBase = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (Directory.Exists(fromBase) && Directory.EnumerateFiles(fromBase, "sources*.json").Any())
        {
            return fromBase;
        }
        var fromCurrent = Path.GetFullPath(path);
        return Directory.Exists(fromCurrent) ? fromCurrent : null;
    }

    /// <summary>A later file's entry with an id already listed replaces the earlier one.</summary>
    private static void Merge(List<SourceDefinition> sources, IEnumerable<SourceDefinition> more)
    {
        foreach (var source in more)
        {
            var index = sources.FindIndex(s => s.Id == source.Id);
            if (index >= 0)
            {
                sources[index] = source;
            }
            else
            {
                sources.Add(source);
            }
        }
    }

    private static IEnumerable<SourceDefinition> ReadSourcesFile(string path, List<string> problems)
    {
        try
        {
            var file = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            var list = new List<SourceDefinition>();
            foreach (var section in file.GetSection(SourcesSection).GetChildren())
            {
                var source = new SourceDefinition();
                section.Bind(source);
                list.Add(source);
            }
            return list;
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            problems.Add($"{SourcesFileKey}: " + (ConfigurationShape.DescribeInvalidJson(path, ex) ?? $"'{path}' is not a valid sources file: {ex.Message}"));
            return [];
        }
    }

    private static readonly SourceDefinitionValidator SourceChecks = new();
    private static readonly ChannelDefinitionValidator ChannelChecks = new();

    private static void Validate(SourceDefinition source, string path, List<string> problems)
        => problems.AddRange(ValidationFailures.Keyed(SourceChecks, source, path));

    private static void Validate(ChannelDefinition channel, string path, List<string> problems)
        => problems.AddRange(ValidationFailures.Keyed(ChannelChecks, channel, path));

    private static void Throw(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ConfigurationProblemException(problems);
        }
    }
}
