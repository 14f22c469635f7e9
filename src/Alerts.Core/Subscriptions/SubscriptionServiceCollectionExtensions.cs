using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

public static class SubscriptionServiceCollectionExtensions
{
    /// <summary>
    /// Personal subscriptions (section <c>Subscriptions</c>): the store, the personal delivery targets the channel
    /// directory and route stage consult, the filter parser and the bot's conversation.
    /// </summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>());
        services.TryAddSingleton<SubscriptionStore>();
        services.TryAddSingleton<PersonalChannels>();
        services.TryAddSingleton<FilterParser>();
        services.TryAddTransient<BotConversation>();
        return services;
    }
}
