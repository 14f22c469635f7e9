using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Sources.Kinds;
using Alerts.Hosting;
using Microsoft.Extensions.Configuration;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// Sources, channels and the events section read without reflection (the native build): every setting reaches its
/// member, the vocabulary's names are taken, and a bad value is named by its key with the messages users saw before.
/// </summary>
public sealed class ConfigurationBindingTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Every_channel_setting_is_read_and_actions_take_the_vocabulary_names()
    {
        var channel = Assert.Single(AlertsConfiguration.LoadChannels(Config(
            ("Channels:0:Id", "main-ru"), ("Channels:0:ChatId", "@treaties"), ("Channels:0:Language", "ru"), ("Channels:0:Template", "short"),
            ("Channels:0:Enabled", "false"), ("Channels:0:DisableLinkPreview", "False"), ("Channels:0:States:0", "RU"), ("Channels:0:States:1", "BY"),
            ("Channels:0:Treaties:0", "coe:126"), ("Channels:0:Actions:0", "entry_into_force"), ("Channels:0:Actions:1", "Withdrawal"),
            ("Channels:0:MinimumLevel", "official"), ("Channels:0:MinimumConfidence", "0.75"), ("Channels:0:Review", "all"),
            ("Channels:0:Backfill", "digest"), ("Channels:0:Updates", "reply"))));

        Assert.Equal(("main-ru", "@treaties", "ru", "short"), (channel.Id, channel.ChatId, channel.Language, channel.Template));
        Assert.False(channel.Enabled);
        Assert.False(channel.DisableLinkPreview);
        Assert.Equal(["RU", "BY"], channel.States);
        Assert.Equal(["coe:126"], channel.Treaties);
        Assert.Equal([TreatyAction.EntryIntoForce, TreatyAction.Withdrawal], channel.Actions);
        Assert.Equal(SourceLevel.Official, channel.MinimumLevel);
        Assert.Equal(0.75, channel.MinimumConfidence);
        Assert.Equal(("all", "digest", UpdateMode.Reply), (channel.Review, channel.Backfill, channel.Updates));
    }

    [Fact]
    public void A_channel_left_to_its_defaults_keeps_them()
    {
        var channel = Assert.Single(AlertsConfiguration.LoadChannels(Config(("Channels:0:Id", "main"), ("Channels:0:ChatId", "@x"))));

        Assert.Equal(("en", null, true, true), (channel.Language, channel.Template, channel.Enabled, channel.DisableLinkPreview));
        Assert.Empty(channel.Actions);
        Assert.Equal((SourceLevel.Media, 0.5, "uncertain", "none", UpdateMode.Both), (channel.MinimumLevel, channel.MinimumConfidence, channel.Review, channel.Backfill, channel.Updates));
    }

    [Fact]
    public void Bad_channel_values_are_named_by_key_with_the_messages_of_the_annotations()
    {
        var problems = Assert.Throws<ConfigurationProblemException>(() => AlertsConfiguration.LoadChannels(Config(
            ("Channels:0:Id", "Main Channel"), ("Channels:0:Language", "de"), ("Channels:0:MinimumConfidence", "2"),
            ("Channels:0:Actions:0", "quitting"), ("Channels:1:Id", "other"), ("Channels:1:ChatId", "@y"), ("Channels:1:Updates", "sometimes")))).Problems;

        Assert.Contains("Channels:0:Id: Id must be 1-63 lowercase letters, digits, '.', '_' or '-'.", problems);
        Assert.Contains("Channels:0:ChatId: The ChatId field is required.", problems);
        Assert.Contains("Channels:0:Language: Language must be 'en' or 'ru'.", problems);
        Assert.Contains("Channels:0:MinimumConfidence: The field MinimumConfidence must be between 0 and 1.", problems);
        Assert.Contains(problems, p => p.StartsWith("Channels:0:Actions:0: 'quitting' is not an action (", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Channels:1: Failed to convert configuration value 'sometimes' at 'Channels:1:Updates' to type 'Alerts.Core.Routing.UpdateMode'.", StringComparison.Ordinal));
    }

    [Fact]
    public void Sources_are_read_with_their_options_and_bad_values_named_by_key()
    {
        var kinds = SourceKinds.CreateDefault();
        var source = Assert.Single(AlertsConfiguration.LoadSources(Config(
            ("UseDefaultSources", "false"), ("Sources:0:Id", "duma"), ("Sources:0:Url", "https://example.org/api"), ("Sources:0:Kind", "rss"),
            ("Sources:0:Language", "ru"), ("Sources:0:State", "RU"), ("Sources:0:Authority", "official"), ("Sources:0:Group", "decrees"),
            ("Sources:0:Interval", "00:30:00"), ("Sources:0:Enabled", "false"), ("Sources:0:AllowPrivateNetwork", "true"), ("Sources:0:Options:Token", "Duma:Token")),
            AppContext.BaseDirectory, kinds));

        Assert.Equal(("duma", "https://example.org/api", "ru", "RU", SourceLevel.Official, "decrees"), (source.Id, source.Url, source.Language, source.State, source.Authority, source.Group));
        Assert.Equal(TimeSpan.FromMinutes(30), source.Interval);
        Assert.False(source.Enabled);
        Assert.True(source.AllowPrivateNetwork);
        Assert.Equal("Duma:Token", source.Options["token"]);

        var problems = Assert.Throws<ConfigurationProblemException>(() => AlertsConfiguration.LoadSources(Config(
            ("UseDefaultSources", "false"), ("Sources:0:Id", "x"), ("Sources:0:Url", "not a url"), ("Sources:0:State", "Russia"),
            ("Sources:1:Id", "y"), ("Sources:1:Url", "https://example.org/f"), ("Sources:1:Interval", "often")), AppContext.BaseDirectory, kinds)).Problems;

        Assert.Contains("Sources[x]:Url: The Url field is not a valid fully-qualified http, https, or ftp URL.", problems);
        Assert.Contains("Sources[x]:State: State must be an ISO 3166-1 alpha-2 code such as RU.", problems);
        Assert.Contains(problems, p => p.StartsWith("Sources:1: Failed to convert configuration value 'often' at 'Sources:1:Interval' to type 'System.TimeSpan'.", StringComparison.Ordinal));
    }

    [Fact]
    public void Event_windows_override_the_defaults_by_stage_and_skip_a_value_that_is_not_a_time_span()
    {
        var options = new EventOptions();
        EventOptions.Bind(Config(("Windows:Proposed", "10.00:00:00"), ("Windows:notified", "a year"), ("FollowUpRepeatWindow", "00:30:00")), options);

        Assert.Equal(TimeSpan.FromDays(10), options.WindowFor(TreatyMilestone.Proposed));
        Assert.Equal(TimeSpan.FromDays(550), options.WindowFor(TreatyMilestone.Notified));
        Assert.Equal(TimeSpan.FromDays(60), options.WindowFor(TreatyMilestone.Announced));
        Assert.Equal(TimeSpan.FromMinutes(30), options.FollowUpRepeatWindow);

        var bad = Assert.Throws<InvalidOperationException>(() => EventOptions.Bind(Config(("Events:FollowUpRepeatWindow", "soon")).GetSection("Events"), new EventOptions()));
        Assert.Equal("Failed to convert configuration value 'soon' at 'Events:FollowUpRepeatWindow' to type 'System.TimeSpan'.", bad.Message);
    }
}
