using Alerts.Core.Delivery;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Operations;
using Alerts.Core.Queues;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Hosting;

/// <summary>
/// The composition both hosts share: options, catalogue, typed stores and stages. The host adds
/// its store adapters (<c>IStateStore</c>, <c>IMessageQueue</c>) and its channel sender.
/// </summary>
public static class PipelineServices
{
    public const string TreatyCatalogKey = "Detection:CatalogFile";
    public const string DefaultTreatyCatalog = "config/treaties.json";

    public static IServiceCollection AddAlertsPipeline(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PollingOptions>().BindConfiguration(PollingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<StartupCheck>, StartupCheck.Validator>();
        services.AddOptions<StartupCheck>().ValidateOnStart();

        // Sources and channels are read once, at start, so a bad entry fails the start naming its key.
        services.AddSingleton(sp => new SourceCatalog(AlertsConfiguration.LoadSources(configuration, baseDirectory, sp.GetRequiredService<SourceKinds>())));
        services.AddSingleton(sp => new ChannelDirectory(AlertsConfiguration.LoadChannels(configuration), sp.GetService<Core.Subscriptions.PersonalChannels>()));
        services.AddSubscriptions(configuration);

        // The treaty catalogue feeds both the detector and the localized names in posts.
        var catalogPath = AlertsConfiguration.ResolvePath(configuration[TreatyCatalogKey] ?? DefaultTreatyCatalog, baseDirectory);
        services.AddSingleton(_ => TreatyCatalog.Load(catalogPath));
        services.AddSingleton<ITreatyDetector>(sp => new TreatyDetector(sp.GetRequiredService<TreatyCatalog>()));
        // Posts also use the catalogue's tags and dates; the detector's loader has already checked the file.
        services.AddSingleton<ITreatyNames>(sp => new CatalogTreatyNames(sp.GetRequiredService<TreatyCatalog>(), File.ReadAllText(catalogPath)));

        // One registry of source kinds for the configuration check and the reader; the catalogue gives CoE items their treaty titles.
        services.AddSingleton(sp => SourceKinds.CreateDefault(sp.GetRequiredService<TreatyCatalog>()));
        services.AddSourceReading(configuration);
        services.AddSingleton<SourceStateStore>();
        services.AddSingleton<SeenItemStore>();
        services.AddSingleton<EventStore>();
        services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventTracker>();
        services.AddSingleton<SchedulePollsStage>();
        services.AddSingleton<PollSourceStage>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<RouteChangeStage>();
        services.AddSingleton<OperatorNotices>();
        services.AddSingleton<NotifyOperatorStage>();
        services.AddSingleton<HealthReportStage>();
        services.AddOptions<OperatorOptions>().Configure(o => o.ChatId = configuration["Telegram:OperatorChatId"]);
        // One message-handling path for every queue, in both hosts.
        services.AddSingleton<MessageRunner>();
        services.AddTransient<PollRequestHandler>();
        services.AddTransient<TreatyChangeHandler>();
        services.AddTransient<OperatorNoticeHandler>();
        services.AddTransient<ReviewDecisionHandler>();
        // Several hosts (Functions instances, CLI processes) on one store share Telegram's limits.
        services.AddSingleton<SharedRateGate>();
        services.AddDelivery(configuration);
        return services;
    }

    /// <summary>
    /// Runs every start-time check the host would (each <c>ValidateOnStart</c> registration: the options, and
    /// <see cref="StartupCheck"/> reading sources, channels and the treaty catalogue), so a bad setting fails now,
    /// naming its key, rather than at the first poll. The Functions host runs the same checks when it starts.
    /// </summary>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        var problems = new List<string>();
        void Add(OptionsValidationException ex)
            // StartupCheck's failures already name their keys (Channels:0:Language: ...).
            => problems.AddRange(ex.Failures.Select(f => ex.OptionsType == typeof(StartupCheck) ? f : $"{ex.OptionsType.Name}: {f}"));
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
            catch (InvalidOperationException ex) when (ex.InnerException is FormatException or InvalidOperationException)
            {
                // The binder could not convert a value; its message names the key.
                problems.Add(ex.Message + " " + ex.InnerException?.Message);
            }
        }
        // StartupCheck first: it lists every problem of sources, channels and the configuration's shape, where another
        // validator that reads the channels would stop at the first. A problem found twice is listed once.
        Check(() => _ = services.GetRequiredService<IOptions<StartupCheck>>().Value);
        Check(() => services.GetRequiredService<IStartupValidator>().Validate());
        if (problems.Count > 0)
        {
            throw new ConfigurationProblemException(problems.Distinct(StringComparer.Ordinal).ToList());
        }
    }
}
