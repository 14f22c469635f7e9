using Alerts.Azure;
using Alerts.Cli;
using Alerts.Core.Posting;
using Alerts.Core.Ports;
using Alerts.Integration.Tests.Stores;
using Alerts.Local;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary><c>alerts channels</c> and <c>alerts channels enable</c> through the real entry point, on both stores.</summary>
public abstract class ChannelsCommandContract : IDisposable
{
    protected CliHarness Cli { get; } = new();

    /// <summary>The --store argument and an adapter over the same store, as the Functions app would use it.</summary>
    protected abstract (string Store, IStateStore State) OpenStore();

    public void Dispose()
    {
        Cli.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Lists_a_channel_the_app_disabled_and_enable_resumes_it()
    {
        var (store, state) = OpenStore();
        var kicked = "kicked-" + Guid.NewGuid().ToString("N")[..8];
        var fine = "fine-" + Guid.NewGuid().ToString("N")[..8];
        var paused = "paused-" + Guid.NewGuid().ToString("N")[..8];
        var config = Cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new object[]
            {
                new { Id = kicked, ChatId = "@kicked_channel", Language = "en" },
                new { Id = fine, ChatId = "-1001234567890", Language = "ru" },
                new { Id = paused, ChatId = "@paused_channel", Language = "en", Enabled = false },
            },
        });
        // The call delivery makes when Telegram answers 403.
        var channels = new ChannelStateStore(state, TimeProvider.System);
        await channels.DisableAsync(kicked, "403 Forbidden: bot was kicked from the channel chat");

        var before = await Cli.RunAsync("channels", "--format", "jsonl", "--config", config, "--store", store);

        Assert.True(before.ExitCode == 0, before.ToString());
        var rows = before.JsonLines().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("disabled", rows[kicked].GetProperty("state").GetString());
        Assert.Equal("403 Forbidden: bot was kicked from the channel chat", rows[kicked].GetProperty("disabledReason").GetString());
        Assert.Equal("@kicked_channel", rows[kicked].GetProperty("chatId").GetString());
        Assert.Equal("enabled", rows[fine].GetProperty("state").GetString());
        Assert.Equal("disabled in configuration", rows[paused].GetProperty("state").GetString());

        var enabled = await Cli.RunAsync("channels", "enable", kicked, "--config", config, "--store", store);

        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        Assert.Contains($"'{kicked}' enabled", enabled.Error, StringComparison.Ordinal);
        var after = await channels.GetAsync(kicked);
        Assert.False(after.Disabled);
        Assert.Null(after.DisabledReason);
        var listed = await Cli.RunAsync("channels", "--format", "jsonl", "--config", config, "--store", store);
        Assert.Equal("enabled", listed.JsonLines().Single(r => r.GetProperty("id").GetString() == kicked).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Lists_disabled_channels_from_the_store_without_a_local_configuration()
    {
        // The operator reaching the Azure store from a laptop has no copy of the app's channel settings.
        var (store, state) = OpenStore();
        var kicked = "orphan-" + Guid.NewGuid().ToString("N")[..8];
        await new ChannelStateStore(state, TimeProvider.System).DisableAsync(kicked, "403 Forbidden: not enough rights to send text messages");

        var table = await Cli.RunAsync("channels", "--store", store);
        var enable = await Cli.RunAsync("channels", "enable", kicked, "--store", store);

        Assert.True(table.ExitCode == 0, table.ToString());
        var line = table.Output.Split('\n').Single(l => l.Contains(kicked, StringComparison.Ordinal));
        Assert.Contains("(not configured)", line, StringComparison.Ordinal);
        Assert.Contains("disabled", line, StringComparison.Ordinal);
        Assert.Contains("not enough rights", line, StringComparison.Ordinal);
        Assert.True(enable.ExitCode == 0, enable.ToString());
        Assert.False((await new ChannelStateStore(state, TimeProvider.System).GetAsync(kicked)).Disabled);
    }

    [Fact]
    public async Task Enable_names_an_unknown_channel_and_changes_nothing()
    {
        var (store, state) = OpenStore();
        var missing = "missing-" + Guid.NewGuid().ToString("N")[..8];

        var result = await Cli.RunAsync("channels", "enable", missing, "--store", store);

        Assert.Equal(AlertsCli.ExitBadInput, result.ExitCode);
        Assert.Contains($"no channel '{missing}'", result.Error, StringComparison.Ordinal);
        Assert.False((await new ChannelStateStore(state, TimeProvider.System).GetAllAsync()).ContainsKey(missing));
    }

    [Fact]
    public async Task Enable_on_a_channel_disabled_in_the_configuration_says_the_store_cannot_override_it()
    {
        var (store, _) = OpenStore();
        var paused = "paused-" + Guid.NewGuid().ToString("N")[..8];
        var config = Cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Channels = new[] { new { Id = paused, ChatId = "@paused_channel", Language = "en", Enabled = false } },
        });

        var result = await Cli.RunAsync("channels", "enable", paused, "--config", config, "--store", store);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("nothing changed", result.Error, StringComparison.Ordinal);
        Assert.Contains("Channels:N:Enabled", result.Error, StringComparison.Ordinal);
    }
}

public sealed class SqliteChannelsCommandTests : ChannelsCommandContract
{
    protected override (string Store, IStateStore State) OpenStore() =>
        (Cli.StoreArgument, new SqliteStateStore(SqliteDatabase.ForFile(Path.Combine(Cli.WorkDir, "alerts.db"))));
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureChannelsCommandTests(AzuriteFixture azurite) : ChannelsCommandContract
{
    protected override (string Store, IStateStore State) OpenStore() =>
        (azurite.ConnectionString, new AzureTableStateStore(azurite.ConnectionString));
}
