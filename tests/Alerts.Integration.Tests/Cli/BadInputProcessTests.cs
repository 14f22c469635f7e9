using System.Text.Json;
using Alerts.Integration.Tests.Reliability;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// Bad input given to the real <c>alerts</c> process, as a user meets it: each case exits non-zero with a message
/// naming the problem, and never prints a stack trace (<c>   at ...</c>) or the host's own start failure record.
/// </summary>
public sealed class BadInputProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = AlertsProcess.Start(_cli.WorkDir, args);
        var exit = await process.WaitAsync(Timeout);
        Assert.DoesNotContain("   at ", process.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", process.Error, StringComparison.Ordinal);
        return (exit, process.Output, process.Error);
    }

    private Task<(int Exit, string Output, string Error)> RunOnceAsync(string json)
    {
        var path = Path.Combine(_cli.WorkDir, "bad.json");
        File.WriteAllText(path, json);
        return RunAsync("run", "--once", "--config", path, "--store", _cli.StoreArgument);
    }

    [Theory]
    [InlineData("""{"UseDefaultSources": false, "Delivery": {"PerChatPerSecond": 0}}""", "Delivery:PerChatPerSecond: The field PerChatPerSecond must be between 1 and 100.")]
    [InlineData("""{"UseDefaultSources": false, "Polling": {"MinimumConfidence": "high"}}""", "'high' at 'Polling:MinimumConfidence'")]
    [InlineData("""{"UseDefaultSources": false, "Delivery": {"UnknownOutcome": "Sometimes"}}""", "'Sometimes' at 'Delivery:UnknownOutcome'")]
    [InlineData("""{"UseDefaultSources": false, "Run": {"MaxDelayedWait": "soon"}}""", "Run:MaxDelayedWait: 'soon' is not a positive time span")]
    [InlineData("""{"UseDefaultSources": false, "Events": {"Windows": {"proposed": "a year"}}}""", "Events:Windows:proposed: 'a year' is not a time span")]
    [InlineData("""{"UseDefaultSources": false, "Events": {"Windows": {"proposal": "10.00:00:00"}}}""", "  - Events:Windows:proposal is not a stage")]
    [InlineData("""{"UseDefaultSources": false, "Detection": {"CatalogFile": "no-such-catalogue.json"}}""", "Detection:CatalogFile: Treaty catalogue not found")]
    [InlineData("""{"UseDefaultSources": false, "Sources": [{"Id": "x", "Url": "https://example.org/f", "Group": "news", "Interval": "often"}]}""", "'often' at 'Sources:0:Interval'")]
    public async Task A_bad_configuration_value_exits_3_naming_the_key_without_a_stack_trace(string json, string expected)
    {
        var (exit, output, error) = await RunOnceAsync(json);

        Assert.True(exit == 3, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Invalid configuration:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_exits_3_naming_it()
    {
        var (exit, _, error) = await RunAsync("run", "--once", "--config", "missing.json", "--store", _cli.StoreArgument);

        Assert.Equal(3, exit);
        Assert.Contains($"--config: file '{Path.Combine(_cli.WorkDir, "missing.json")}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_on_loopback_and_the_metadata_address_are_refused_and_named_in_the_error_table()
    {
        var (exit, output, error) = await RunOnceAsync(JsonSerializer.Serialize(new
        {
            UseDefaultSources = false,
            Sources = new[]
            {
                new { Id = "loopback", Url = "http://127.0.0.1:9/feed.xml", Group = "news" },
                new { Id = "metadata", Url = "http://169.254.169.254/latest/meta-data/", Group = "news" },
            },
        }));

        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback, link-local or private address (set AllowPrivateNetwork to permit)", error, StringComparison.Ordinal);
        Assert.Contains("refused: 169.254.169.254 resolves to 169.254.169.254", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(null)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_declaring_an_external_entity_is_refused_and_the_entity_never_read()
    {
        var secret = Path.Combine(_cli.WorkDir, "secret.txt");
        await File.WriteAllTextAsync(secret, "s3cr3t-entity-body");
        var feed = Path.Combine(_cli.WorkDir, "xxe.xml");
        await File.WriteAllTextAsync(feed, $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
            <rss version="2.0"><channel><title>t</title>
            <item><title>&xxe; Russia withdraws from the European Convention for the Prevention of Torture</title><link>https://example.org/1</link></item>
            </channel></rss>
            """);

        var (exit, output, error) = await RunAsync("scan", feed);

        Assert.Equal(4, exit);
        Assert.Contains("xxe.xml: not a feed: refused: the document declares entities in its DTD", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_feed_exits_4_saying_so_once()
    {
        var feed = Path.Combine(_cli.WorkDir, "cut.xml");
        await File.WriteAllTextAsync(feed, "<rss version=\"2.0\"><channel><item><title>Russia withdraws");

        var (exit, _, error) = await RunAsync("scan", feed);

        Assert.Equal(4, exit);
        Assert.Contains("cut.xml: not a feed: the document is broken or truncated before any item", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not a feed: not a feed", error, StringComparison.Ordinal);
    }
}
