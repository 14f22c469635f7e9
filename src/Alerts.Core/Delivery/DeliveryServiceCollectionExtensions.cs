using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the delivery stage and what it needs: options (sections <c>Delivery</c>, <c>Formatting</c>),
    /// the channels (section <c>Channels</c>, unless a <see cref="ChannelDirectory"/> is registered already),
    /// templates validated at start, formatter, in-process rate limiter, ledger, channel state and the queue
    /// handler. The host adds an <see cref="Ports.IStateStore"/>, an <see cref="Ports.IMessageQueue"/> (for the
    /// handler) and an <see cref="IChannelSender"/> (<c>AddTelegramDelivery</c>, or a dry-run printer).
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FormattingOptions>().Bind(configuration.GetSection(FormattingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FormattingOptions>, FormattingOptionsValidator>();
        services.TryAddSingleton(_ => new ChannelDirectory(configuration.GetSection(ChannelDirectory.Section).Get<List<ChannelDefinition>>() ?? []));
        services.TryAddSingleton<ITreatyNames>(TreatyNameTable.Empty);
        services.TryAddSingleton(sp => new AlertTemplates(sp.GetRequiredService<IOptions<FormattingOptions>>().Value.TemplatesDirectory));
        services.TryAddSingleton<AlertFormatter>();
        services.TryAddSingleton<DeliveryRateLimiter>();
        services.TryAddSingleton<EventStore>();
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
