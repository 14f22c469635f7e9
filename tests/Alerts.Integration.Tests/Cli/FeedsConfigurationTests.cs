using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>The <c>Feeds</c> section is a known key and its limits are checked at start (exit 3 naming the setting).</summary>
public sealed class FeedsConfigurationTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<CliResult> FeedAsync(object feeds)
        => await _cli.RunAsync("feed", "--out", Path.Combine(_cli.WorkDir, "out"), "--config", _cli.WriteConfig(new { UseDefaultSources = false, Feeds = feeds }), "--store", _cli.StoreArgument);

    [Fact]
    public async Task A_feeds_section_is_read_and_an_entry_cap_out_of_range_is_named()
    {
        var good = await FeedAsync(new { MaxEntries = 50, MaxAgeSeconds = 600, CacheSeconds = 0 });
        var bad = await FeedAsync(new { MaxEntries = 0 });

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True(File.Exists(Path.Combine(_cli.WorkDir, "out", "all.atom")), good.ToString());
        Assert.True(bad.ExitCode == 3, bad.ToString());
        Assert.Contains("MaxEntries", bad.Error, StringComparison.Ordinal);
    }
}
