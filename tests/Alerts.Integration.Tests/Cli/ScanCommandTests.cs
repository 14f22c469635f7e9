using Alerts.Integration.Tests.Pipeline;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

public sealed class ScanCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(_cli.WorkDir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task Scan_prints_one_json_line_per_detection_with_the_documented_fields()
    {
        var feed = WriteFile("mt.xml", PipelineFeeds.MoscowTimesWithSeedStory());

        var result = await _cli.RunAsync("scan", feed, "--store", _cli.StoreArgument);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.JsonLines();
        var seed = Assert.Single(lines, l => l.GetProperty("title").GetString() == PipelineFeeds.SeedTitle);
        Assert.Equal("https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280", seed.GetProperty("link").GetString());
        Assert.Equal("coe:126", seed.GetProperty("treaty").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(seed.GetProperty("treaty").GetProperty("name").GetString()));
        Assert.Equal("withdrawal", seed.GetProperty("action").GetString());
        Assert.Equal(["RU"], seed.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("proposed", seed.GetProperty("stage").GetString());
        Assert.InRange(seed.GetProperty("confidence").GetDouble(), 0.0, 1.0);
        Assert.NotEmpty(seed.GetProperty("evidence").EnumerateArray());
        Assert.StartsWith("2025-08-26T10:14:00", seed.GetProperty("published").GetString(), StringComparison.Ordinal);
        // Items without a detection print nothing: the archive's 14 other items are mostly not treaty news.
        Assert.True(lines.Count < 5, result.Output);
    }

    [Fact]
    public async Task Scan_detects_the_official_russian_decree()
    {
        var feed = WriteFile("gov.xml", PipelineFeeds.GovernmentDocs());

        var result = await _cli.RunAsync("scan", feed, "--store", _cli.StoreArgument);

        Assert.True(result.ExitCode == 0, result.ToString());
        var decree = Assert.Single(result.JsonLines(), l => l.GetProperty("link").GetString() == "http://government.ru/docs/all/160982/");
        Assert.Equal("coe:126", decree.GetProperty("treaty").GetProperty("id").GetString());
        Assert.Equal("withdrawal", decree.GetProperty("action").GetString());
        Assert.Equal("proposed", decree.GetProperty("stage").GetString());
        Assert.Equal(["RU"], decree.GetProperty("states").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_file_that_is_not_a_feed_is_named_and_the_others_are_still_scanned()
    {
        var html = WriteFile("error-page.xml", File.ReadAllBytes(RepositoryPaths.TestData("e2e", "README.md")));
        var feed = WriteFile("gov.xml", PipelineFeeds.GovernmentDocs());

        var result = await _cli.RunAsync("scan", html, feed, "--store", _cli.StoreArgument);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error-page.xml", result.Error, StringComparison.Ordinal);
        Assert.Contains(result.JsonLines(), l => l.GetProperty("link").GetString() == "http://government.ru/docs/all/160982/");
    }

    [Fact]
    public async Task Scan_table_format_lists_detections()
    {
        var feed = WriteFile("gov.xml", PipelineFeeds.GovernmentDocs());

        var result = await _cli.RunAsync("scan", feed, "--format", "table", "--store", _cli.StoreArgument);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("coe:126", result.Output, StringComparison.Ordinal);
        Assert.Contains("withdrawal", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_input_is_fetched_through_the_pipeline_and_scanned_beside_a_file()
    {
        // Local files need only the detector; a URL makes the scan compose the pipeline's source reader on demand.
        await using var server = await LoopbackFeedServer.StartAsync();
        server.Serve("/gov.xml", PipelineFeeds.GovernmentDocs());
        var file = WriteFile("mt.xml", PipelineFeeds.MoscowTimesWithSeedStory());

        var result = await _cli.RunAsync("scan", file, server.Url("/gov.xml").ToString(), "--allow-private-network", "--store", _cli.StoreArgument);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.JsonLines();
        Assert.Contains(lines, l => l.GetProperty("title").GetString() == PipelineFeeds.SeedTitle);
        Assert.Contains(lines, l => l.GetProperty("link").GetString() == "http://government.ru/docs/all/160982/");
        Assert.Equal(1, server.RequestCount("/gov.xml"));
    }

    [Fact]
    public async Task A_missing_treaty_catalogue_fails_the_scan_naming_the_key_and_prints_no_detection()
    {
        // The catalogue loads while the file is parsed; its failure still ends the command as a configuration problem.
        var config = _cli.WriteConfig(new Dictionary<string, object> { ["Detection"] = new Dictionary<string, string> { ["CatalogFile"] = Path.Combine(_cli.WorkDir, "no-such-treaties.json") } });
        var feed = WriteFile("gov.xml", PipelineFeeds.GovernmentDocs());

        var result = await _cli.RunAsync("scan", feed, "--config", config, "--store", _cli.StoreArgument);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Detection:CatalogFile", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }
}
