using Alerts.Core.Detection;
using Alerts.Core.Detection.Evaluation;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Alerts.Benchmarks;

/// <summary>
/// Title + summary detection speed on the real dev corpus (1,626 feed items, 4% positive) and on its positives alone,
/// pinned to one core. Results per item: each operation detects every item once (OperationsPerInvoke).
/// Run: dotnet run -c Release --project benchmarks/Alerts.Benchmarks -- --filter *DetectionBenchmarks*
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class DetectionBenchmarks
{
    private const int CorpusItems = 1626;
    private const int PositiveItems = 71;

    private TreatyDetector _detector = null!;
    private DetectionInput[] _all = [];
    private DetectionInput[] _positives = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        _detector = TreatyDetector.FromCatalogFile(Path.Combine(root, "config", "treaties.json"));
        var corpus = Path.Combine(root, "tests", "data", "corpus-dev");
        var items = CorpusEvaluator.ReadJsonLines(Path.Combine(corpus, "items.jsonl"), CorpusJsonContext.Default.CorpusItem);
        var positive = CorpusEvaluator.ReadJsonLines(Path.Combine(corpus, "labels.jsonl"), CorpusJsonContext.Default.CorpusLabel)
            .Where(l => l.Positive == true).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        _all = items.Select(i => new DetectionInput(i.Title, i.Description ?? "", i.Lang)).ToArray();
        _positives = items.Where(i => positive.Contains(i.Id)).Select(i => new DetectionInput(i.Title, i.Description ?? "", i.Lang)).ToArray();
        if (_all.Length != CorpusItems || _positives.Length != PositiveItems)
        {
            throw new InvalidOperationException($"corpus changed: {_all.Length} items, {_positives.Length} positives; update the benchmark constants");
        }
    }

    [Benchmark(OperationsPerInvoke = CorpusItems, Description = "dev corpus item (title+summary)")]
    public int DetectCorpusItem()
    {
        var found = 0;
        foreach (var input in _all)
        {
            found += _detector.Detect(input).Count;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = PositiveItems, Description = "positive item (title+summary)")]
    public int DetectPositiveItem()
    {
        var found = 0;
        foreach (var input in _positives)
        {
            found += _detector.Detect(input).Count;
        }
        return found;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }
        // BenchmarkDotNet runs from a generated folder under bin/; fall back to the working directory.
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Alerts.sln not found");
    }

    /// <summary>One core (affinity mask 1), a short but real measurement: the machine is shared.</summary>
    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig()
        {
            AddJob(Job.Default.WithAffinity(1).WithWarmupCount(3).WithIterationCount(10).WithId("one-core"));
            // On a shared machine the fastest iterations say more about the code than the mean does.
            AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        }
    }
}
