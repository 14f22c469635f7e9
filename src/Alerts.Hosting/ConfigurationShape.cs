using System.Globalization;
using System.Text.Json;
using Alerts.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Alerts.Hosting;

/// <summary>
/// Checks on the configuration as a whole, shared by both hosts' start-time check (<see cref="StartupCheck"/>):
/// <list type="bullet">
/// <item>a top-level key in a JSON configuration file that the app does not read (a typo such as <c>Chanels</c>);</item>
/// <item>a section of the wrong type (<c>"Channels": "main"</c>, <c>"Telegram": "x"</c>, <c>"UseDefaultSources": { }</c>);</item>
/// <item>an <c>Events:Windows</c> entry that is not a time span (the binder would skip it silently);</item>
/// <item>a <c>Store:NamePrefix</c> that would make a table or queue name Azure refuses;</item>
/// <item>a bot token set empty (<c>Telegram__BotToken=</c>) over one configured earlier, which would silently turn delivery off.</item>
/// </list>
/// Environment variables and app settings are not checked for unknown keys: the platform puts many of its own there.
/// </summary>
public static class ConfigurationShape
{
    public const string BotTokenKey = "Telegram:BotToken";

    /// <summary>Put before every Azure table and queue name, so several deployments or test runs share one account apart.</summary>
    public const string NamePrefixKey = "Store:NamePrefix";

    /// <summary>Sections that hold a list (<c>Name:0:...</c>).</summary>
    private static readonly string[] Lists = [AlertsConfiguration.SourcesSection, AlertsConfiguration.ChannelsSection];

    /// <summary>Sections that hold settings by name.</summary>
    private static readonly string[] Objects = ["Telegram", "Delivery", "Formatting", "Polling", "Fetch", "Events", "Detection", "Store", "Logging", "Duma", "CoeTreatyOffice", "Run", "Subscriptions", "Bot", "Feeds"];

    /// <summary>Single values.</summary>
    private static readonly string[] Values =
    [
        AlertsConfiguration.SourcesFileKey, AlertsConfiguration.UseDefaultSourcesKey,
        "DecreePollSchedule", "DepositaryPollSchedule", "NewsPollSchedule", "HealthReportSchedule", "FollowUpSchedule",
    ];

    /// <summary>Read by the platform or libraries rather than the app's own options.</summary>
    private static readonly string[] Platform = ["AzureWebJobsStorage", "AllowedHosts", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    /// <summary>The top-level keys the app reads; source options may name further settings (<c>"token": "Duma:Token"</c>).</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = [.. Lists, .. Objects, .. Values, .. Platform];

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IEnumerable<SourceDefinition> sources)
    {
        var problems = new List<string>();
        CheckTypes(configuration, problems);
        // The binder skips a dictionary entry it cannot convert and keeps the default: say so instead.
        foreach (var window in configuration.GetSection("Events:Windows").GetChildren())
        {
            if (window.Value is { } value && !TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{window.Path}: '{value}' is not a time span (d.hh:mm:ss)");
            }
        }
        if (Alerts.Core.Ports.StorageNames.PrefixProblem(configuration[NamePrefixKey]) is { } prefix)
        {
            problems.Add($"{NamePrefixKey}: {prefix}");
        }
        if (configuration is IConfigurationRoot root)
        {
            CheckFileKeys(root, sources, problems);
            CheckEmptyToken(root, problems);
        }
        return problems;
    }

    private static void CheckTypes(IConfiguration configuration, List<string> problems)
    {
        foreach (var name in Lists)
        {
            var section = configuration.GetSection(name);
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{name}: expected a list ([{{...}}, ...]), found a single value");
            }
            else if (section.GetChildren().FirstOrDefault(c => !int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)) is { } named)
            {
                problems.Add($"{name}: expected a list ([{{...}}, ...]), found the key '{named.Key}' (write {name} as a JSON array)");
            }
        }
        foreach (var name in Objects)
        {
            var section = configuration.GetSection(name);
            if (!string.IsNullOrEmpty(section.Value))
            {
                problems.Add($"{name}: expected an object of settings ({{ \"Key\": value }}), found a single value");
            }
        }
        foreach (var name in Values)
        {
            if (configuration.GetSection(name).GetChildren().Any())
            {
                problems.Add($"{name}: expected a single value, found an object or a list");
            }
        }
    }

    private static void CheckFileKeys(IConfigurationRoot root, IEnumerable<SourceDefinition> sources, List<string> problems)
    {
        var known = new HashSet<string>(KnownKeys, StringComparer.OrdinalIgnoreCase);
        foreach (var setting in sources.SelectMany(s => s.Options.Values))
        {
            // A source option that names a setting (Duma:Token) makes its section known.
            known.Add(setting.Split(':')[0]);
        }
        foreach (var provider in root.Providers.OfType<JsonConfigurationProvider>())
        {
            foreach (var key in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!known.Contains(key) && !key.StartsWith('$'))
                {
                    problems.Add($"{key}: not a setting this app reads (in '{provider.Source.Path}'); the top-level settings are {string.Join(", ", KnownKeys.Take(Lists.Length + Objects.Length + Values.Length))}");
                }
            }
        }
    }

    private static void CheckEmptyToken(IConfigurationRoot root, List<string> problems)
    {
        var value = root[BotTokenKey];
        if (value is null || !string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        // Later providers win: find the one that set it empty and whether an earlier one had a token.
        string? emptiedBy = null;
        var configuredBefore = false;
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(BotTokenKey, out var set))
            {
                continue;
            }
            if (emptiedBy is null)
            {
                emptiedBy = Describe(provider);
            }
            else if (!string.IsNullOrWhiteSpace(set))
            {
                configuredBefore = true;
                break;
            }
        }
        if (configuredBefore)
        {
            problems.Add($"{BotTokenKey}: set empty by {emptiedBy} over a token configured earlier; remove the empty setting (or the token, for a dry run)");
        }
    }

    private static string Describe(IConfigurationProvider provider) => provider switch
    {
        Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider => "the environment variable Telegram__BotToken",
        FileConfigurationProvider file => $"'{file.Source.Path}'",
        _ => "a later configuration source",
    };

    /// <summary>Names the file, the line and the position when <paramref name="exception"/> comes from invalid JSON; otherwise null.</summary>
    public static string? DescribeInvalidJson(string path, Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line } json)
            {
                var position = json.BytePositionInLine is { } bytes ? $", position {bytes + 1}" : "";
                return $"'{path}' is not valid JSON: line {line + 1}{position}";
            }
        }
        return null;
    }
}
