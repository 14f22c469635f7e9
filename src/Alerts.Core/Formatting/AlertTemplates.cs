using System.Collections.Concurrent;
using Alerts.Core.Routing;
using Fluid;

namespace Alerts.Core.Formatting;

/// <summary>
/// The Liquid templates of the alerts, read from a folder: <c>&lt;lang&gt;.liquid</c> per language, or the file a
/// channel names in <see cref="ChannelDefinition.Template"/> (a name resolved in the folder, or a path to a
/// <c>.liquid</c> file). Parsed once and cached.
/// </summary>
public sealed class AlertTemplates
{
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);

    public AlertTemplates(string directory)
    {
        Directory = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        if (!System.IO.Directory.Exists(Directory) && System.IO.Directory.Exists(Path.GetFullPath(directory)))
        {
            // Run from the repository (e.g. `dotnet run`): the folder is next to the working directory.
            Directory = Path.GetFullPath(directory);
        }
    }

    public string Directory { get; }

    /// <summary>The template file a channel uses.</summary>
    public string PathFor(ChannelDefinition channel)
    {
        var name = channel.Template?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Path.Combine(Directory, channel.Language + ".liquid");
        }
        if (name.EndsWith(".liquid", StringComparison.OrdinalIgnoreCase))
        {
            return Path.IsPathRooted(name) ? name : Path.Combine(Directory, name);
        }
        return Path.Combine(Directory, name + ".liquid");
    }

    /// <summary>The parsed template of a channel.</summary>
    /// <exception cref="AlertTemplateException">the file is missing or does not parse.</exception>
    public IFluidTemplate For(ChannelDefinition channel) => Load(PathFor(channel));

    public IFluidTemplate Load(string path) => _cache.GetOrAdd(path, static p =>
    {
        if (!File.Exists(p))
        {
            throw new AlertTemplateException(p, "file not found");
        }
        var source = File.ReadAllText(p);
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new AlertTemplateException(p, error);
        }
        return template;
    });
}
