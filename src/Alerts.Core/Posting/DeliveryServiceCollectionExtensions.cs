using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the delivery stage and what it needs: options (sections <c>Delivery</c>, <c>Formatting</c>),
    /// templates validated at start, formatter, in-process rate limiter, ledger, channel state and the queue
    /// handler. The host adds the <see cref="ChannelDirectory"/> and the <see cref="ITreatyNames"/> (both
    /// <c>AddAlertsHosting</c>), an <see cref="Ports.IStateStore"/>, an <see cref="Ports.IMessageQueue"/> (for the
    /// handler) and an <see cref="IChannelSender"/> (<c>AddAlertsTelegram</c>, or a dry-run printer).
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.AddOptions<FormattingOptions>().Bind(configuration.GetSection(FormattingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FormattingOptions>, FormattingOptionsValidator>();
        services.TryAddSingleton(sp => new AlertTemplates(sp.GetRequiredService<IOptions<FormattingOptions>>().Value.TemplatesDirectory));
        services.TryAddSingleton<AlertFormatter>();
        services.TryAddSingleton<DeliveryRateLimiter>();
        services.TryAddSingleton<EventTable>();
        services.TryAddSingleton<DeliveryLedger>();
        services.TryAddSingleton<ChannelStateStore>();
        services.TryAddSingleton<DeliveryClaims>();
        services.TryAddTransient<HeldDeliveries>();
        services.TryAddTransient<DeliverySends>();
        services.TryAddTransient<DeliverStage>();
        services.TryAddTransient<DeliveryQueueHandler>();
        return services;
    }
}
