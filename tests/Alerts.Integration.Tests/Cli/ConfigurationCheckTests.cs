using System.Diagnostics;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>The configuration check both hosts share, seen from <c>alerts</c>: each mistake fails with exit 3 naming the key.</summary>
public sealed class ConfigurationCheckTests : IDisposable
{
    private const string Token = "7012345678:AAH-configured-token-0123456789";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<CliResult> CheckAsync(object configuration)
        => await _cli.RunAsync("run", "--once", "--config", _cli.WriteConfig(configuration), "--store", _cli.StoreArgument);

    [Fact]
    public async Task An_unknown_top_level_key_is_named_with_its_file()
    {
        var result = await CheckAsync(new
        {
            UseDefaultSources = false,
            Chanels = new[] { new { Id = "main", ChatId = "@x", Language = "en" } },
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Chanels: not a setting this app reads", result.Error, StringComparison.Ordinal);
        Assert.Contains("alerts.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_prefix_Azure_would_refuse_is_named()
    {
        var result = await CheckAsync(new { UseDefaultSources = false, Store = new { NamePrefix = "Team_A" } });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Store:NamePrefix: 'Team_A' must be", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_named_by_a_source_option_is_a_known_key()
    {
        var result = await CheckAsync(new
        {
            UseDefaultSources = false,
            Duma = new { Token = "t" },
            Sources = new[] { new { Id = "duma", Url = "http://api.duma.gov.ru/api/search.json", Kind = "duma-api", Group = "decrees", Enabled = false, Options = new { token = "Duma:Token" } } },
        });

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task An_unknown_source_kind_is_named()
    {
        var result = await CheckAsync(new
        {
            UseDefaultSources = false,
            Sources = new[] { new { Id = "odd", Url = "https://example.org/feed", Kind = "atom-feed", Group = "news" } },
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Sources[odd]:Kind: 'atom-feed' is not a source kind", result.Error, StringComparison.Ordinal);
        Assert.Contains("rss", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_a_timer_is_named()
    {
        // alerts run would poll it, the Functions app never would: refused in both.
        var result = await CheckAsync(new
        {
            UseDefaultSources = false,
            Sources = new[] { new { Id = "weekly", Url = "https://example.org/feed", Group = "weekly" } },
        });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Sources[weekly]:Group: 'weekly' is not a schedule group (decrees, depositaries, news)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"UseDefaultSources\": false, \"Channels\": \"main\"}", "Channels: expected a list")]
    [InlineData("{\"UseDefaultSources\": false, \"Channels\": {\"Id\": \"main\", \"ChatId\": \"@x\"}}", "Channels: expected a list ([{...}, ...]), found the key 'ChatId'")]
    [InlineData("{\"UseDefaultSources\": false, \"Telegram\": \"7012345678:AAH\"}", "Telegram: expected an object of settings")]
    [InlineData("{\"UseDefaultSources\": {\"value\": false}}", "UseDefaultSources: expected a single value")]
    public async Task A_section_of_the_wrong_type_is_named(string json, string expected)
    {
        var path = Path.Combine(_cli.WorkDir, "typed.json");
        await File.WriteAllTextAsync(path, json);

        var result = await _cli.RunAsync("run", "--once", "--config", path, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("7012345678", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_json_names_the_file_line_and_position()
    {
        var path = Path.Combine(_cli.WorkDir, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"UseDefaultSources\": false,\n  \"Channels\": [ { \"Id\": \"main\" ]\n}\n");

        var result = await _cli.RunAsync("run", "--once", "--config", path, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"--config: '{path}' is not valid JSON: line 3, position ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_sources_file_names_line_and_position()
    {
        var sources = Path.Combine(_cli.WorkDir, "sources.json");
        await File.WriteAllTextAsync(sources, "{ \"Sources\": [\n  { \"Id\": \"a\" \n] }");

        var result = await CheckAsync(new { SourcesFile = sources });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"SourcesFile: '{sources}' is not valid JSON: line 3, position 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_token_in_the_environment_over_a_configured_one_is_an_error_not_a_dry_run()
    {
        var config = _cli.WriteConfig(new
        {
            UseDefaultSources = false,
            Telegram = new { BotToken = Token },
            Channels = new[] { new { Id = "main", ChatId = "@x", Language = "en" } },
        });
        // An empty environment variable cannot be set in this process (.NET deletes it), so the CLI runs as its own process.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _cli.WorkDir,
        };
        foreach (var argument in new[] { RepositoryPaths.Combine("src", "Alerts.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "alerts.dll"), "run", "--once", "--config", config, "--store", _cli.StoreArgument })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Telegram__BotToken"] = "";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 3, $"exit {process.ExitCode}\n{await output}\n{error}");
        Assert.Contains("Telegram:BotToken: set empty by the environment variable Telegram__BotToken over a token configured earlier", error, StringComparison.Ordinal);
        Assert.DoesNotContain("dry run", await output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
    }
}
