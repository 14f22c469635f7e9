using Alerts.Core.Posting;
using Alerts.Core.Events;
using Alerts.Core.Operations;
using Alerts.Core.Publishing;
using Alerts.Core.Queues;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core: the four stages, the typed stores, the events, the queue handlers on the one
    /// message path, source reading (<see cref="SourceReadingServiceCollectionExtensions.AddSourceReading"/>)
    /// and delivery (<see cref="DeliveryServiceCollectionExtensions.AddDelivery"/>), with their options
    /// validated at start. The host adds what is read from configuration files (the source catalogue,
    /// the channels, the treaty catalogue and detector: <c>AddAlertsHosting</c>), a store adapter
    /// (<see cref="Ports.IStateStore"/>, <see cref="Ports.IMessageQueue"/>: <c>AddAlertsSqlite</c> or
    /// <c>AddAlertsAzureStorage</c>) and an <see cref="IChannelSender"/> (<c>AddAlertsTelegram</c>, or a dry-run printer).
    /// </summary>
    public static IServiceCollection AddAlertsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PollingOptions>().BindConfiguration(PollingOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>());
        services.AddSourceReading(configuration);
        services.AddSingleton<SourceStateStore>();
        services.AddSingleton<SeenItemStore>();
        services.AddSingleton<SchedulePollsStage>();
        services.AddSingleton<PollSourceStage>();

        services.AddOptions<EventOptions>().Configure(options => EventOptions.Bind(configuration.GetSection(EventOptions.Section), options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventOptions>, EventOptionsValidator>());
        services.AddSingleton<EventTable>();
        services.AddSingleton<EventDerivation>();
        services.AddSingleton<EventTracker>();
        services.AddSingleton<EventFollowUps>();
        services.AddSingleton<EventQueries>();
        // The public feeds (alerts feed, the Functions feeds endpoint).
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>());
        services.AddSingleton<PublicEvents>();
        services.AddSingleton<FeedEndpoint>();

        services.AddSubscriptions(configuration);
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
}
