using System.Text.Json.Nodes;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Alerts.Infra.Tests.Tooling;
using Microsoft.Extensions.Configuration;

namespace Alerts.Infra.Tests;

/// <summary>
/// The channels and sources parameters become indexed app settings. These tests evaluate the real
/// Bicep function (modules/settings.bicep) with the Bicep CLI and bind the result the way the app
/// will: environment variables with "__" read as ":".
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class OverrideSettingsTests
{
    [Fact]
    public async Task Channels_become_indexed_settings_that_bind_to_channel_definitions()
    {
        var settings = await EvaluateAsync("Channels", """
            [
              { "id": "main", "chatId": "-1001234567890", "language": "ru", "states": ["RU", "BY"], "actions": ["withdrawal"], "minimumConfidence": "0.7", "enabled": false },
              { "id": "coe", "chatId": "@coe_watch", "treaties": ["coe:126"] }
            ]
            """);

        Assert.Equal("-1001234567890", settings["Channels__0__chatId"]);
        Assert.Equal("BY", settings["Channels__0__states__1"]);
        Assert.Equal("coe:126", settings["Channels__1__treaties__0"]);

        var channels = Bind(settings).GetSection("Channels").Get<List<ChannelDefinition>>()!;
        Assert.Equal(2, channels.Count);
        Assert.Equal("main", channels[0].Id);
        Assert.Equal("ru", channels[0].Language);
        Assert.Equal(["RU", "BY"], channels[0].States);
        Assert.Equal([TreatyAction.Withdrawal], channels[0].Actions);
        Assert.Equal(0.7, channels[0].MinimumConfidence);
        Assert.False(channels[0].Enabled);
        Assert.Equal("@coe_watch", channels[1].ChatId);
        Assert.Equal(["coe:126"], channels[1].Treaties);
        Assert.True(channels[1].Enabled);
    }

    [Fact]
    public async Task Sources_become_indexed_settings_with_their_options()
    {
        var settings = await EvaluateAsync("Sources", """
            [
              { "id": "my-feed", "url": "https://example.org/rss", "group": "news", "interval": "00:30:00", "options": { "itemSelector": "li.news" } }
            ]
            """);

        var source = Assert.Single(Bind(settings).GetSection("Sources").Get<List<SourceDefinition>>()!);
        Assert.Equal("my-feed", source.Id);
        Assert.Equal("https://example.org/rss", source.Url);
        Assert.Equal(TimeSpan.FromMinutes(30), source.Interval);
        Assert.Equal("li.news", source.Options["itemSelector"]);
    }

    [Fact]
    public async Task No_channels_means_no_settings()
    {
        Assert.Empty(await EvaluateAsync("Channels", "[]"));
    }

    private static IConfiguration Bind(IReadOnlyDictionary<string, string> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();

    /// <summary>Runs sectionSettings() from infra/modules/settings.bicep through bicep build-params.</summary>
    private static async Task<Dictionary<string, string>> EvaluateAsync(string section, string definitionsJson)
    {
        var directory = Directory.CreateTempSubdirectory("infra-settings-");
        try
        {
            File.Copy(Path.Combine(Repository.Infra, "modules", "settings.bicep"), Path.Combine(directory.FullName, "settings.bicep"));
            File.Copy(Path.Combine(Repository.Infra, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "probe.bicep"), "param settings object\n\noutput settings object = settings\n");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "probe.bicepparam"), $"""
                using 'probe.bicep'

                import {"{"} listProperties, mapProperties, sectionSettings {"}"} from 'settings.bicep'

                param settings = sectionSettings('{section}', json('{definitionsJson.ReplaceLineEndings(" ").Replace("'", "\\'", StringComparison.Ordinal)}'), listProperties, mapProperties)

                """);

            var result = await BicepCli.RunAsync(directory.FullName, "build-params", "probe.bicepparam", "--stdout");

            Assert.True(result.ExitCode == 0, result.StandardError);
            var parametersJson = JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>();
            var value = JsonNode.Parse(parametersJson)!["parameters"]!["settings"]!["value"]!.AsObject();
            return value.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
