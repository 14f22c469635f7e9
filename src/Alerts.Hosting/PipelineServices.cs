using Alerts.Core.Delivery;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Operations;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Hosting;

/// <summary>
/// The composition both hosts share: options, catalogue, typed stores and stages. The host adds
/// its store adapters (<c>IStateStore</c>, <c>IMessageQueue</c>) and its channel sender.
/// </summary>
public static class PipelineServices
{
    /// <summary>Source kinds beyond RSS/Atom/JSON Feed.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["pravo-api", "duma-api", "coe-signatures", "untc-notifications", "html-list"];

    public const string TreatyCatalogKey = "Detection:CatalogFile";
    public const string DefaultTreatyCatalog = "config/treaties.json";

    public static IServiceCollection AddAlertsPipeline(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PollingOptions>().BindConfiguration(PollingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<StartupCheck>, StartupCheck.Validator>();
        services.AddOptions<StartupCheck>().ValidateOnStart();

        // Sources and channels are read once, at start, so a bad entry fails the start naming its key.
        services.AddSingleton(_ => new SourceCatalog(AlertsConfiguration.LoadSources(configuration, baseDirectory)));
        services.AddSingleton(_ => new ChannelDirectory(AlertsConfiguration.LoadChannels(configuration)));

        // The treaty catalogue feeds both the detector and the localized names in posts.
        var catalogPath = AlertsConfiguration.ResolvePath(configuration[TreatyCatalogKey] ?? DefaultTreatyCatalog, baseDirectory);
        services.AddSingleton(_ => TreatyCatalog.Load(catalogPath));
        services.AddSingleton<ITreatyDetector>(sp => new TreatyDetector(sp.GetRequiredService<TreatyCatalog>()));
        // Posts also use the catalogue's tags and dates; the detector's loader has already checked the file.
        services.AddSingleton<ITreatyNames>(sp => new CatalogTreatyNames(sp.GetRequiredService<TreatyCatalog>(), File.ReadAllText(catalogPath)));

        services.AddSourceReading(configuration);
        foreach (var kind in KindNames)
        {
            // The catalogue gives CoE depositary items their real treaty titles.
            services.AddSingleton<ISourceContentParser>(sp => new KindParser(
                SourceKinds.CreateDefault(sp.GetRequiredService<TreatyCatalog>()).Find(kind)!, configuration));
        }
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
        services.AddSingleton<PoisonGuard>();
        // Several hosts (Functions instances, CLI processes) on one store share Telegram's limits.
        services.AddSingleton<SharedRateGate>();
        services.AddDelivery(configuration);
        return services;
    }

    /// <summary>
    /// Resolves everything that reads configuration, so a bad setting fails now, naming its key,
    /// rather than at the first poll. The Functions host does the same through ValidateOnStart.
    /// </summary>
    public static void ValidateConfiguration(IServiceProvider services, params Type[] optionsTypes)
    {
        var problems = new List<string>();
        void Check(Action resolve)
        {
            try
            {
                try
                {
                    resolve();
                }
                catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
                }
            }
            catch (ConfigurationProblemException ex)
            {
                problems.AddRange(ex.Problems);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException ex)
            {
                // StartupCheck's failures already name their keys (Channels:0:Language: ...).
                problems.AddRange(ex.Failures.Select(f => ex.OptionsType == typeof(StartupCheck) ? f : $"{ex.OptionsType.Name}: {f}"));
            }
            catch (InvalidOperationException ex) when (ex.InnerException is FormatException or InvalidOperationException)
            {
                problems.Add(ex.Message + " " + ex.InnerException?.Message);
            }
        }
        // Sources, channels and the treaty catalogue are read by StartupCheck's validator, as at a host's start.
        foreach (var type in optionsTypes.Concat([typeof(StartupCheck), typeof(PollingOptions), typeof(DeliveryOptions), typeof(FormattingOptions), typeof(FetchOptions), typeof(EventOptions)]))
        {
            var optionsType = typeof(Microsoft.Extensions.Options.IOptions<>).MakeGenericType(type);
            Check(() => _ = optionsType.GetProperty("Value")!.GetValue(services.GetRequiredService(optionsType)));
        }
        if (problems.Count > 0)
        {
            throw new ConfigurationProblemException(problems.Distinct(StringComparer.Ordinal).ToList());
        }
    }
}
