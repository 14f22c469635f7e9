using Alerts.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Integration.Tests.Functions;

/// <summary>The app's composition refuses to start on settings that cannot work, naming the setting and never its value.</summary>
public sealed class FunctionsStartupTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAlertsFunctions(builder.Configuration, AppContext.BaseDirectory);
        return builder.Build();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["UseDefaultSources"] = "false",
        ["Telegram:BotToken"] = "123456789:AAH-valid-looking-token-0123456789",
    };

    [Fact]
    public async Task An_unresolved_key_vault_reference_fails_the_start_naming_the_setting_not_its_value()
    {
        const string reference = "@Microsoft.KeyVault(SecretUri=https://kv-alerts.vault.azure.net/secrets/telegram-bot-token/)";
        var settings = Valid();
        settings["Telegram:BotToken"] = reference;
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Telegram:BotToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-alerts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_channel_fails_the_start_naming_the_key()
    {
        var settings = Valid();
        settings["Channels:0:Id"] = "main";
        settings["Channels:0:ChatId"] = "@x";
        settings["Channels:0:Language"] = "de";
        using var host = Build(settings);

        // Whichever start-time check reads the channels first reports it; the start fails either way.
        var error = await Record.ExceptionAsync(() => host.StartAsync());

        Assert.NotNull(error);
        Assert.Contains("Channels:0:Language", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Group", "weekly", "Sources[src]:Group: 'weekly' is not a schedule group (decrees, depositaries, news)")]
    [InlineData("Kind", "atom-feed", "Sources[src]:Kind: 'atom-feed' is not a source kind")]
    public async Task A_source_group_without_a_timer_or_an_unknown_kind_fails_the_start_naming_the_key(string key, string value, string expected)
    {
        var settings = Valid();
        settings["Sources:0:Id"] = "src";
        settings["Sources:0:Url"] = "https://example.org/feed";
        settings["Sources:0:" + key] = value;
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
