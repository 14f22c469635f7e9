using System.Text;
using System.Text.RegularExpressions;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Integration.Tests.Reliability;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// The published native <c>alerts</c> (what <c>dotnet publish -r linux-x64</c> gives users) against the JIT build
/// (<c>dotnet alerts.dll</c>), whole process: the same command in the same folder prints the same bytes, exits the
/// same, and posts the same messages to Telegram. Each case also checks the JIT build did the work (exit code, output),
/// so two equally broken builds do not pass.
/// </summary>
[Collection(NativeCliFixture.Collection)]
public sealed partial class NativeCliTests : IDisposable
{
    private readonly NativeCliFixture _cli;
    private readonly string _workDir = Directory.CreateTempSubdirectory("alerts-native-").FullName;

    public NativeCliTests(NativeCliFixture cli)
    {
        _cli = cli;
    }

    public void Dispose()
    {
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }

    private async Task<WholeProcessResult> SameAsJitAsync(int expectedExit, params string[] args) => await SameAsJitAsync(expectedExit, null, args);

    /// <summary>Runs the command with both builds and asserts the JIT build's exit code and that the native one matches it byte for byte.</summary>
    private async Task<WholeProcessResult> SameAsJitAsync(int expectedExit, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var jit = await _cli.JitAsync(_workDir, environment, args);
        Assert.True(jit.ExitCode == expectedExit, $"the JIT build: expected exit {expectedExit}\n{jit}");
        var native = await _cli.NativeAsync(_workDir, environment, args);
        AssertSameBytes(jit, native);
        return jit;
    }

    /// <summary>Exit code, stdout and stderr equal; on a difference, the first differing line of each and both outputs saved to files.</summary>
    private static void AssertSameBytes(WholeProcessResult jit, WholeProcessResult native, Func<string, string>? normalise = null)
    {
        foreach (var (stream, expected, actual) in new[] { ("stdout", jit.Stdout, native.Stdout), ("stderr", jit.Stderr, native.Stderr) })
        {
            var left = normalise is null ? expected : Encoding.UTF8.GetBytes(normalise(Encoding.UTF8.GetString(expected)));
            var right = normalise is null ? actual : Encoding.UTF8.GetBytes(normalise(Encoding.UTF8.GetString(actual)));
            if (!left.AsSpan().SequenceEqual(right))
            {
                Assert.Fail($"{native.Command}: the native build's {stream} differs from the JIT build's.\n" + Difference(stream, left, right) + $"\nnative exit {native.ExitCode}, JIT exit {jit.ExitCode}");
            }
        }
        Assert.True(native.ExitCode == jit.ExitCode, $"native exit {native.ExitCode}, JIT exit {jit.ExitCode}\nnative:\n{native}");
    }

    private static string Difference(string stream, byte[] jit, byte[] native)
    {
        var folder = Path.Combine(NativeCliFixture.Folder, "differences");
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N")[..8];
        File.WriteAllBytes(Path.Combine(folder, $"{name}.{stream}.jit"), jit);
        File.WriteAllBytes(Path.Combine(folder, $"{name}.{stream}.native"), native);
        var jitLines = Encoding.UTF8.GetString(jit).Split('\n');
        var nativeLines = Encoding.UTF8.GetString(native).Split('\n');
        var line = 0;
        while (line < jitLines.Length && line < nativeLines.Length && jitLines[line] == nativeLines[line])
        {
            line++;
        }
        static string At(string[] lines, int i) => i < lines.Length ? Truncate(lines[i]) : "(end of output)";
        return $"first difference at line {line + 1} ({jit.Length} bytes JIT, {native.Length} native):\n  JIT:    {At(jitLines, line)}\n  native: {At(nativeLines, line)}\n" +
            $"both saved as {Path.Combine(folder, name)}.{stream}.{{jit,native}}";
    }

    private static string Truncate(string line) => line.Length <= 400 ? line : line[..400] + "…";

    [Fact]
    public async Task Help_is_the_same()
    {
        var help = await SameAsJitAsync(0, "--help");
        Assert.Contains("scan", help.Output, StringComparison.Ordinal);
        await SameAsJitAsync(0, "scan", "--help");
    }

    [Fact]
    public async Task Scan_of_the_test_feeds_prints_the_same_bytes()
    {
        var feeds = Directory.GetFiles(RepositoryPaths.TestData("feeds"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        var jsonl = await SameAsJitAsync(0, ["scan", .. feeds]);
        Assert.Contains("\"action\"", jsonl.Output, StringComparison.Ordinal);
        var table = await SameAsJitAsync(0, ["scan", "--format", "table", .. feeds]);
        Assert.NotEmpty(table.Stdout);
    }

    [Fact]
    public async Task Scan_of_the_dev_corpus_feeds_prints_the_same_bytes()
    {
        var feeds = Directory.GetFiles(RepositoryPaths.TestData("corpus-dev", "feeds"), "*.xml").Order(StringComparer.Ordinal).ToArray();
        Assert.True(feeds.Length > 100, $"{feeds.Length} feeds in tests/data/corpus-dev/feeds");
        var scan = await SameAsJitAsync(0, ["scan", .. feeds]);
        Assert.True(scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 50, scan.ToString());
    }

    [Fact]
    public async Task Scan_of_a_feed_over_http_prints_the_same_bytes()
    {
        await using var feeds = await LoopbackFeedServer.StartAsync();
        feeds.Serve("/rss/withdrawals", FaultScenario.Withdrawals(3));

        var scan = await SameAsJitAsync(0, "scan", feeds.Url("/rss/withdrawals").ToString(), "--allow-private-network");

        Assert.Equal(3, scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Eval_of_both_corpora_prints_the_same_bytes()
    {
        var dev = RepositoryPaths.TestData("corpus-dev");
        var dev2 = RepositoryPaths.TestData("corpus-dev2");

        var table = await SameAsJitAsync(0, "eval", dev, dev2, "--baseline");
        Assert.Contains("F1", table.Output, StringComparison.Ordinal);
        var json = await SameAsJitAsync(0, "eval", dev, dev2, "--baseline", "--format", "json");
        Assert.Equal(4, json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Preview_of_the_dev_corpus_prints_the_same_bytes()
    {
        var gallery = await SameAsJitAsync(0, "preview", "--corpus", RepositoryPaths.TestData("corpus-dev"));
        Assert.Contains("<b>", gallery.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", false)]
    [InlineData("ru", false)]
    [InlineData("ru", true)]
    public async Task Preview_of_a_change_prints_the_same_post(string language, bool invariantGlobalization)
    {
        var change = Path.Combine(_workDir, "change.json");
        await File.WriteAllTextAsync(change, MessageJson.Serialize(AlertFormatter.SampleChange));
        // A slim container runs without ICU: the Russian month names must not depend on it (see InvariantGlobalizationProcessTests).
        var environment = invariantGlobalization ? new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" } : null;

        var post = await SameAsJitAsync(0, environment, "preview", change, "--language", language);

        Assert.Contains(language == "ru" ? "Дата: 23 августа 2025 г." : "2025", post.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-key", "Chanels: not a setting", "{\"UseDefaultSources\": false, \"Chanels\": [{\"Id\": \"main\", \"ChatId\": \"@x\", \"Language\": \"en\"}]}")]
    [InlineData("invalid-values", "Sources[a]:Url: 'not a url' is not an http or https URL", "{\"UseDefaultSources\": false, \"Channels\": [{\"Id\": \"Main Channel\", \"ChatId\": \"@x\", \"Language\": \"de\"}], \"Delivery\": {\"PerChatPerSecond\": 0}, \"Sources\": [{\"Id\": \"a\", \"Url\": \"not a url\", \"Group\": \"news\"}]}")]
    [InlineData("invalid-json", "invalid-json.json' is not valid JSON: line 3", "{\n  \"UseDefaultSources\": false,\n  \"Channels\": [ { \"Id\": \"main\" ]\n}\n")]
    public async Task A_bad_configuration_fails_with_the_same_message(string name, string problem, string json)
    {
        var config = Path.Combine(_workDir, name + ".json");
        await File.WriteAllTextAsync(config, json);

        var failure = await SameAsJitAsync(3, "run", "--once", "--config", config, "--store", $"Data Source={Path.Combine(_workDir, "alerts.db")}");

        // The message names the problem (the key, the value, the file and line), in both builds.
        Assert.Contains(problem, failure.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultStore.Sqlite)]
    [InlineData(FaultStore.Azurite)]
    public async Task Run_once_posts_what_the_jit_build_posts_and_reports_the_same(FaultStore storeKind)
    {
        // On Azure Storage the native executable goes through Azure.Data.Tables and Azure.Storage.Queues, packages with
        // trim warnings of their own (Alerts.Cli.csproj): the run must store, queue and post as the JIT build does.
        AzuriteFixture? azurite = null;
        if (storeKind == FaultStore.Azurite)
        {
            azurite = new AzuriteFixture();
            await azurite.InitializeAsync();
        }
        await using var stopAzurite = new AsyncDisposer(azurite);
        await using var jitRig = await FaultScenario.StartAsync(alerts: 3, storeKind, azurite);
        await using var nativeRig = await FaultScenario.StartAsync(alerts: 3, storeKind, azurite);
        var jitConfig = jitRig.Config();
        var nativeConfig = nativeRig.Config();

        var jit = await WholeProcess.RunAsync("dotnet", [NativeCliFixture.JitDll], jitRig.WorkDir, null, ["run", "--once", "--config", jitConfig, "--store", jitRig.Store]);
        Assert.True(jit.ExitCode == 0, jit.ToString());
        var native = await _cli.NativeAsync(nativeRig.WorkDir, "run", "--once", "--config", nativeConfig, "--store", nativeRig.Store);
        Assert.True(native.ExitCode == 0, native.ToString());

        var jitPosts = Posts(jitRig);
        Assert.Equal(3, jitPosts.Count);
        Assert.Equal(jitPosts, Posts(nativeRig));

        // The reports over one store (the JIT run's) print the same bytes; health's header names the current minute.
        string[] store = ["--config", jitConfig, "--store", jitRig.Store];
        string[][] reports = [["health"], ["events", "--format", "jsonl"], ["sources", "--format", "jsonl"], ["deliveries", "list", "--format", "jsonl"]];
        foreach (var command in reports)
        {
            var jitReport = await _cli.JitAsync(jitRig.WorkDir, [.. command, .. store]);
            var nativeReport = await _cli.NativeAsync(jitRig.WorkDir, [.. command, .. store]);
            AssertSameBytes(jitReport, nativeReport, text => HealthMinute().Replace(text, "yyyy-MM-dd HH:mm UTC"));
        }
        var events = await _cli.NativeAsync(jitRig.WorkDir, ["events", "--format", "jsonl", .. store]);
        Assert.Equal(3, events.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private sealed class AsyncDisposer(AzuriteFixture? azurite) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    /// <summary>The posts a chat received, as subscribers see them, in a stable order (deliveries may interleave).</summary>
    private static List<string> Posts(FaultScenario rig) => rig.Telegram.Messages(FaultScenario.Chat)
        .Select(m => $"{m.Html}\n(reply: {m.ReplyToMessageId is not null}, edits: {m.EditCount})")
        .Order(StringComparer.Ordinal)
        .ToList();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")]
    private static partial Regex HealthMinute();
}
