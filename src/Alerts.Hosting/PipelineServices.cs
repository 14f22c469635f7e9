using Alerts.Core.Detection;
using Alerts.Core.Formatting;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Hosting;

/// <summary>
/// The configuration-file half of the composition both hosts share (<see cref="AddAlertsHosting"/>) and the
/// start-time check (<see cref="Start"/>). Each host's composition root calls it next to <c>AddAlertsCore</c>,
/// its store adapter and its channel sender.
/// </summary>
public static class PipelineServices
{
    public const string TreatyCatalogKey = "Detection:CatalogFile";
    public const string DefaultTreatyCatalog = "config/treaties.json";

    /// <summary>
    /// Registers what both hosts read from configuration files, once, at start: the sources (with their
    /// kinds), the channels, the treaty catalogue with the detector and the names posts use, and
    /// <see cref="StartupCheck"/>, which makes a bad entry fail the start naming its key.
    /// </summary>
    public static IServiceCollection AddAlertsHosting(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddSingleton<IValidateOptions<StartupCheck>, StartupCheck.Validator>();
        services.AddOptions<StartupCheck>().ValidateOnStart();

        services.AddSingleton(sp => new SourceCatalog(AlertsConfiguration.LoadSources(configuration, baseDirectory, sp.GetRequiredService<SourceKinds>())));
        services.AddSingleton(sp => new ChannelDirectory(AlertsConfiguration.LoadChannels(configuration), sp.GetRequiredService<Core.Subscriptions.PersonalChannels>()));

        // The treaty catalogue feeds both the detector and the localized names in posts.
        var catalogPath = CatalogPath(configuration, baseDirectory);
        services.AddSingleton(_ => LoadCatalog(catalogPath));
        services.AddSingleton<ITreatyDetector>(sp => new TreatyDetector(sp.GetRequiredService<TreatyCatalog>()));
        // Posts also use the catalogue's tags and dates; the detector's loader has already checked the file.
        services.AddSingleton<ITreatyNames>(sp => new CatalogTreatyNames(sp.GetRequiredService<TreatyCatalog>(), File.ReadAllText(catalogPath)));

        // One registry of source kinds for the configuration check and the reader; the catalogue gives CoE items their treaty titles.
        services.AddSingleton(sp => SourceKinds.CreateDefault(sp.GetRequiredService<TreatyCatalog>()));
        return services;
    }

    /// <summary>The configuration section each options class binds (the Telegram ones by name: Hosting does not reference that project).</summary>
    private static readonly Dictionary<string, string> OptionsSections = new(StringComparer.Ordinal)
    {
        [nameof(PollingOptions)] = PollingOptions.Section,
        [nameof(FetchOptions)] = FetchOptions.Section,
        [nameof(Core.Events.EventOptions)] = Core.Events.EventOptions.Section,
        [nameof(Core.Publishing.FeedOptions)] = Core.Publishing.FeedOptions.Section,
        [nameof(Core.Posting.DeliveryOptions)] = Core.Posting.DeliveryOptions.Section,
        [nameof(FormattingOptions)] = FormattingOptions.Section,
        [nameof(Core.Subscriptions.SubscriptionOptions)] = Core.Subscriptions.SubscriptionOptions.Section,
        ["TelegramOptions"] = "Telegram",
        ["BotOptions"] = "Bot",
    };

    /// <summary>
    /// An options failure as the README promises it, naming the key: <c>Delivery:PerChatPerSecond: The field ... must be
    /// between 1 and 100.</c> rather than the validator's <c>PerChatPerSecond: The field DeliveryOptions.PerChatPerSecond ...</c>.
    /// </summary>
    private static string KeyedFailure(string optionsType, string failure)
    {
        if (!OptionsSections.TryGetValue(optionsType, out var section))
        {
            return $"{optionsType}: {failure}";
        }
        if (!ValidationFailures.TrySplit(failure, optionsType, out var member, out var error))
        {
            return failure.StartsWith(section + ":", StringComparison.Ordinal) ? failure : $"{section}: {failure}";
        }
        return error.StartsWith(section + ":", StringComparison.Ordinal) ? error : $"{section}:{member}: {error}";
    }

    /// <summary>
    /// The detector <see cref="AddAlertsHosting"/> registers, built without a host: for a command that needs nothing else
    /// (<c>alerts scan</c> of local files), so it starts without composing the pipeline.
    /// </summary>
    /// <exception cref="ConfigurationProblemException">the catalogue is missing, too large or not JSON.</exception>
    public static TreatyDetector CreateDetector(IConfiguration configuration, string baseDirectory)
        => new(LoadCatalog(CatalogPath(configuration, baseDirectory)));

    private static string CatalogPath(IConfiguration configuration, string baseDirectory)
        => AlertsConfiguration.ResolvePath(configuration[TreatyCatalogKey] ?? DefaultTreatyCatalog, baseDirectory);

    /// <summary>The treaty catalogue, or a configuration problem naming <see cref="TreatyCatalogKey"/> (missing, too large, not JSON).</summary>
    private static TreatyCatalog LoadCatalog(string path)
    {
        try
        {
            return TreatyCatalog.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationProblemException([$"{TreatyCatalogKey}: {ex.Message}"]);
        }
    }

    /// <summary>
    /// Starts <paramref name="host"/>, which runs every start-time check (each <c>ValidateOnStart</c> registration:
    /// the options, and <see cref="StartupCheck"/> reading sources, channels and the treaty catalogue), so a bad
    /// setting fails now, naming its key, rather than at the first poll. The Functions host runs the same checks
    /// when it starts.
    /// </summary>
    /// <exception cref="ConfigurationProblemException">every problem found, each naming its key.</exception>
    public static void Start(IHost host)
    {
        var problems = new List<string>();
        void Add(OptionsValidationException ex)
            // StartupCheck's failures already name their keys (Channels:0:Language: ...).
            => problems.AddRange(ex.Failures.Select(f => ex.OptionsType == typeof(StartupCheck) ? f : KeyedFailure(ex.OptionsType.Name, f)));
        void Check(Action validate)
        {
            try
            {
                validate();
            }
            catch (OptionsValidationException ex)
            {
                Add(ex);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
            {
                foreach (var inner in ex.InnerExceptions)
                {
                    Add((OptionsValidationException)inner);
                }
            }
            catch (ConfigurationProblemException ex)
            {
                problems.AddRange(ex.Problems);
            }
            catch (InvalidOperationException ex) when (ex.InnerException is FormatException or ArgumentException or InvalidOperationException)
            {
                // The binder could not convert a value; its message names the key.
                problems.Add(ex.Message + " " + ex.InnerException?.Message);
            }
        }
        // StartupCheck first: it lists every problem of sources, channels and the configuration's shape, where another
        // validator that reads the channels would stop at the first. A problem found twice is listed once.
        Check(() => _ = host.Services.GetRequiredService<IOptions<StartupCheck>>().Value);
        Check(host.Start);
        if (problems.Count > 0)
        {
            throw new ConfigurationProblemException(problems.Distinct(StringComparer.Ordinal).ToList());
        }
    }
}
