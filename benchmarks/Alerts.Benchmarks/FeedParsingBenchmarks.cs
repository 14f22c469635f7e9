using Alerts.Core.Feeds;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// Parse throughput on tests/data/feeds/rss-1mb.xml (1,000,137 bytes, 1,091 items), the document the peer
/// figures in docs/PERFORMANCE.md were measured on. Items/s = 1,091 / mean; MB/s = 1.000137 / mean.
/// </summary>
[MemoryDiagnoser]
public class FeedParsingBenchmarks
{
    private byte[] _document = [];

    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "data", "feeds", "rss-1mb.xml");
            if (File.Exists(path))
            {
                _document = File.ReadAllBytes(path);
                var items = FeedParser.Parse(_document, "application/rss+xml").Items.Count;
                if (items != 1091)
                {
                    throw new InvalidOperationException($"expected 1091 items, parsed {items}");
                }
                return;
            }
        }
        throw new FileNotFoundException("tests/data/feeds/rss-1mb.xml not found");
    }

    /// <summary>The full path the pipeline takes: charset detection, XML parse, plain-text reduction of titles and summaries.</summary>
    [Benchmark]
    public int ParseRss1Mb() => FeedParser.Parse(_document, "application/rss+xml").Items.Count;
}
