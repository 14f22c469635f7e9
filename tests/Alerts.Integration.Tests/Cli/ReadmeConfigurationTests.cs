using System.Reflection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Posting;
using Alerts.Core.Publishing;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Core.Subscriptions;
using Alerts.Telegram;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>README's configuration table against the options classes the hosts bind: a setting added in code must be documented.</summary>
public sealed class ReadmeConfigurationTests
{
    private static readonly (Type Options, string Section)[] Bound =
    [
        (typeof(PollingOptions), PollingOptions.Section),
        (typeof(FetchOptions), FetchOptions.Section),
        (typeof(EventOptions), EventOptions.Section),
        (typeof(FeedOptions), FeedOptions.Section),
        (typeof(DeliveryOptions), DeliveryOptions.Section),
        (typeof(FormattingOptions), FormattingOptions.Section),
        (typeof(SubscriptionOptions), SubscriptionOptions.Section),
        (typeof(TelegramOptions), TelegramOptions.Section),
        (typeof(BotOptions), BotOptions.Section),
        (typeof(ChannelDefinition), "Channels:N"),
        (typeof(SourceDefinition), "Sources:N"),
    ];

    [Fact]
    public void Every_setting_the_options_bind_is_in_the_configuration_table()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var rows = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var missing = (
            from bound in Bound
            from property in bound.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where property.SetMethod is { IsPublic: true }
            let name = property.Name
            where !rows.Any(row => row.Contains($"`{bound.Section}:", StringComparison.Ordinal)
                                   && (row.Contains($"`{bound.Section}:{name}`", StringComparison.Ordinal) || row.Contains($"`{bound.Section}:{name}:", StringComparison.Ordinal)
                                       || row.Contains($"`:{name}`", StringComparison.Ordinal) || row.Contains($"`:{name}:", StringComparison.Ordinal)))
            select $"{bound.Section}:{name}").ToList();

        Assert.Empty(missing);
    }
}
