using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Testing;

namespace Alerts.Benchmarks;

/// <summary>
/// Where the time of <c>alerts scan FILE</c> goes, phase by phase, timed with a stopwatch in one process:
/// read, decode, XML parse and field mapping, HTML-to-text, text normalisation, detection, JSON serialisation,
/// and the garbage collector's pauses. Each phase runs on its own, single-threaded, after one warm-up pass;
/// the figure printed is the median of the measured passes.
/// Usage: dotnet run -c Release --project benchmarks/Alerts.Benchmarks -- scan-profile FILE [passes=3]
/// </summary>
public static class ScanProfile
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: scan-profile FILE [passes=3] (FILE must exist)");
            return 2;
        }
        var file = args[0];
        var passes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

        var clock = Stopwatch.StartNew();
        var detector = TreatyDetector.FromCatalogFile(RepositoryPaths.Combine("config", "treaties.json"));
        var catalogLoad = clock.Elapsed.TotalMilliseconds;

        byte[] bytes = [];
        var read = Measure(passes, () => bytes = File.ReadAllBytes(file));
        var decode = Measure(passes, () =>
        {
            var chars = FeedEncoding.DecodePooled(bytes, null, [], out _, out _);
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        });
        ParsedFeed feed = null!;
        var parse = Measure(passes, () => feed = FeedParser.Parse(bytes, null, new Uri(Path.GetFullPath(file))));
        // As alerts scan reads one file: each item handed out as it is read, none kept.
        var streamed = Measure(passes, () => FeedParser.ParseStreaming(bytes, null, new Uri(Path.GetFullPath(file)), _ => { }));
        var rawTexts = RawTexts(bytes);
        var html = Measure(passes, () =>
        {
            foreach (var text in rawTexts)
            {
                HtmlText.ToPlainText(text);
            }
        });
        var normalise = Measure(passes, () =>
        {
            foreach (var item in feed.Items)
            {
                TextNormalizer.Normalize(item.Title);
                TextNormalizer.Normalize(item.Summary);
            }
        });
        var rows = new List<(FeedItem Item, TreatyDetection Detection)>();
        var detect = Measure(passes, () =>
        {
            rows.Clear();
            foreach (var item in feed.Items)
            {
                foreach (var d in detector.Detect(new DetectionInput(item.Title, item.Summary, item.Language ?? feed.Language)))
                {
                    rows.Add((item, d));
                }
            }
        });
        var serialise = Measure(passes, () =>
        {
            foreach (var (item, d) in rows)
            {
                MessageJson.Serialize(new { source = file, link = item.Link, title = item.Title, published = item.Published, treaty = new { id = d.Treaty.Id, name = d.Treaty.Name }, action = Vocabulary.Name(d.Action), states = d.States, stage = Vocabulary.Name(d.Milestone), confidence = Math.Round(d.Confidence, 3), evidence = d.Evidence });
            }
        });

        var n = feed.Items.Count;
        Console.WriteLine($"{file}: {bytes.Length:N0} bytes, {n:N0} items, {rows.Count:N0} detections; catalogue load (cold) {catalogLoad:F0} ms; median of {passes} warm passes, one thread");
        Console.WriteLine("phase                         ms      µs/item");
        void Row(string name, double ms) => Console.WriteLine($"{name,-26}{ms,9:F1}{ms * 1000 / n,12:F2}");
        Row("read (File.ReadAllBytes)", read.Ms);
        Row("decode (charset, UTF-8)", decode.Ms);
        Row("parse (XML, fields, HTML)", parse.Ms - decode.Ms);
        Row("  of which HTML-to-text", html.Ms);
        Row("parse, streamed (scan)", streamed.Ms - decode.Ms);
        Row("normalise (title+summary)", normalise.Ms);
        Row("detect (whole detector)", detect.Ms);
        Row("serialise (JSON rows)", serialise.Ms);
        Console.WriteLine($"GC pause during the passes: {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms in total; collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; detect allocates {detect.AllocatedMb:F1} MB, parse {parse.AllocatedMb:F1} MB per pass (streamed {streamed.AllocatedMb:F1} MB)");
        Console.WriteLine(DetectorAllocations(feed, detector));
        Console.WriteLine(DetectorGates(feed, detector, passes));
        return 0;
    }

    /// <summary>Bytes allocated per item by the detector's stages, each run alone on every item (one pass, after the ones above).</summary>
    private static string DetectorAllocations(ParsedFeed feed, TreatyDetector detector)
    {
        long Bytes(Action<FeedItem> stage)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var item in feed.Items)
            {
                stage(item);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        var normalise = Bytes(item => { TextNormalizer.Normalize(item.Title, out _); TextNormalizer.Normalize(item.Summary, out _); });
        var segments = Bytes(item => { TextSegment.Parse(item.Title, detector.Catalog, true); TextSegment.Parse(item.Summary, detector.Catalog, false); });
        var words = Bytes(item => { foreach (var s in new[] { TextSegment.Parse(item.Title, detector.Catalog, true), TextSegment.Parse(item.Summary, detector.Catalog, false) }) { _ = s.Mentions; _ = s.States; } });
        var whole = Bytes(item => detector.Detect(new DetectionInput(item.Title, item.Summary, item.Language ?? feed.Language)));
        var n = (double)feed.Items.Count;
        return $"allocated per item (bytes): normalise {normalise / n:F0}, normalise+action scan {segments / n:F0}, +tokens, treaty names and states {words / n:F0}; whole detector {whole / n:F0}";
    }

    /// <summary>
    /// The detector's gates, as <see cref="TreatyDetector.Detect"/> passes them, timed each on the items that reach it:
    /// the raw prefilter, the segments (normalise + first action word), the exit before candidates (tokens, treaty
    /// names, states), the rest. Median of the passes; µs per item that reaches the gate, and the count.
    /// </summary>
    private static string DetectorGates(ParsedFeed feed, TreatyDetector detector, int passes)
    {
        var items = feed.Items.Select(item => new DetectionInput(item.Title, item.Summary, item.Language ?? feed.Language)).ToList();
        static double Us(double ms, int n) => n == 0 ? 0 : ms * 1000 / n;
        static string Cut(string? t) => t is null ? "" : t.Length > 4000 ? t[..4000] : t;
        var raw = items.Where(i => DetectionPatterns.ActionStemStartsAnyCase.IndexOf(Cut(i.Title).AsSpan()) >= 0
            || DetectionPatterns.ActionStemStartsAnyCase.IndexOf(Cut(i.Summary).AsSpan()) >= 0).ToList();
        var normalise = Measure(passes, () =>
        {
            foreach (var i in raw)
            {
                TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Title)), out _);
                TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Summary)), out _);
            }
        });
        var normalised = raw.SelectMany(i => new[] { TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Title))), TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Summary))) }).ToList();
        var markers = Measure(passes, () => { foreach (var t in normalised) { DetectionPatterns.HasEntryIntoForceMarker(t); } });
        var attempts = 0;
        var stemsOnly = Measure(passes, () =>
        {
            attempts = 0;
            foreach (var t in normalised)
            {
                for (var p = DetectionPatterns.ActionStemStarts.IndexOf(t); p >= 0; p = DetectionPatterns.ActionStemStarts.IndexOf(t, p + 1))
                {
                    attempts++;
                }
            }
        });
        var regexAttempts = Measure(passes, () =>
        {
            foreach (var t in normalised)
            {
                for (var p = DetectionPatterns.ActionStemStarts.IndexOf(t); p >= 0; p = DetectionPatterns.ActionStemStarts.IndexOf(t, p + 1))
                {
                    DetectionPatterns.ActionLengthAt(t, p, out _);
                }
            }
        });
        var actionScan = $"action scan of those items' normalised texts ({normalised.Sum(t => t.Length) / Math.Max(1, raw.Count)} characters per item): "
            + $"markers {Us(markers.Ms, raw.Count):F2} µs, stem starts {Us(stemsOnly.Ms, raw.Count):F2} µs ({attempts:N0} starts), "
            + $"stem starts + an anchored try at each {Us(regexAttempts.Ms, raw.Count):F2} µs per item";
        var segments = new List<(Alerts.Core.Detection.Phases.ItemContext Item, DetectionInput Input)>();
        var parse = Measure(passes, () =>
        {
            segments.Clear();
            foreach (var i in raw)
            {
                var t = TextSegment.Parse(Cut(i.Title), detector.Catalog, true);
                var s = TextSegment.Parse(Cut(i.Summary), detector.Catalog, false);
                if (t.HasActions || s.HasActions)
                {
                    segments.Add((new Alerts.Core.Detection.Phases.ItemContext(t, s), i));
                }
            }
        });
        var kept = new List<DetectionInput>();
        var words = Measure(passes, () =>
        {
            kept.Clear();
            foreach (var (item, input) in segments)
            {
                var fresh = new Alerts.Core.Detection.Phases.ItemContext(TextSegment.Parse(Cut(input.Title), detector.Catalog, true), TextSegment.Parse(Cut(input.Summary), detector.Catalog, false));
                if (Alerts.Core.Detection.Phases.CandidateBuilder.MayBuildAny(fresh))
                {
                    kept.Add(input);
                }
            }
        });
        // What TreatyDetector.Detect does now before it makes a segment: normalise into this thread's buffers, find the
        // first action word on the spans, read the words as spans and look for a treaty name or a state.
        var scratch = DetectionScratch.Current;
        var normaliseInto = Measure(passes, () =>
        {
            foreach (var i in raw)
            {
                TextNormalizer.NormalizeInto(MarkupStripper.Strip(Cut(i.Title)), ref scratch.TitleLower, ref scratch.TitleCased);
                TextNormalizer.NormalizeInto(MarkupStripper.Strip(Cut(i.Summary)), ref scratch.SummaryLower, ref scratch.SummaryCased);
            }
        });
        int holding = 0, passing = 0;
        var spanGate = Measure(passes, () =>
        {
            holding = passing = 0;
            foreach (var i in raw)
            {
                var tl = TextNormalizer.NormalizeInto(MarkupStripper.Strip(Cut(i.Title)), ref scratch.TitleLower, ref scratch.TitleCased);
                var sl = TextNormalizer.NormalizeInto(MarkupStripper.Strip(Cut(i.Summary)), ref scratch.SummaryLower, ref scratch.SummaryCased);
                if (!detector.MayNameTreatyOrState(scratch, tl, sl))
                {
                    continue;
                }
                passing++;
                holding += TextSegment.FirstAction.In(scratch.TitleLower.AsSpan(0, tl)).Hit is not null || TextSegment.FirstAction.In(scratch.SummaryLower.AsSpan(0, sl)).Hit is not null ? 1 : 0;
            }
        });
        var texts = raw.SelectMany(i => new[] { TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Title)), out var c1), c1, TextNormalizer.Normalize(MarkupStripper.Strip(Cut(i.Summary)), out var c2), c2 }).ToList();
        var firstOnly = Measure(passes, () => { for (var k = 0; k < texts.Count; k += 2) { TextSegment.FirstAction.In(texts[k]); } });
        var readOnly = Measure(passes, () => { for (var k = 0; k < texts.Count; k += 2) { SpanWords.Read(texts[k], texts[k + 1], scratch); } });
        var namesOnly = Measure(passes, () => { for (var k = 0; k < texts.Count; k += 2) { detector.Catalog.NamesAny(SpanWords.Read(texts[k], texts[k + 1], scratch)); } });
        var statesOnly = Measure(passes, () => { for (var k = 0; k < texts.Count; k += 2) { StateLexicon.NamesAny(SpanWords.Read(texts[k], texts[k + 1], scratch)); } });
        var spanLine = $"span gate (Detect before any segment): normalise into buffers {Us(normaliseInto.Ms, raw.Count):F1} µs, {normaliseInto.AllocatedMb * 1048576 / Math.Max(1, raw.Count):F0} bytes each; "
            + $"+ words as spans, names, states, then first action word {Us(spanGate.Ms, raw.Count):F1} µs, {spanGate.AllocatedMb * 1048576 / Math.Max(1, raw.Count):F0} bytes each; "
            + $"{passing:N0} may build a candidate, {holding:N0} of them hold an action word" + Environment.NewLine
            + $"span gate parts (title + summary, from normalised strings): words as spans {Us(readOnly.Ms, raw.Count):F2} µs, + treaty names {Us(namesOnly.Ms, raw.Count):F2} µs, "
            + $"+ states {Us(statesOnly.Ms, raw.Count):F2} µs, first action word alone {Us(firstOnly.Ms, raw.Count):F2} µs per item";
        var rawDetect = Measure(passes, () => { foreach (var i in raw) { detector.Detect(i); } });
        var keptDetect = Measure(passes, () => { foreach (var i in kept) { detector.Detect(i); } });
        return $"gates: {items.Count:N0} items, {raw.Count:N0} pass the raw prefilter (whole detector {Us(rawDetect.Ms, raw.Count):F1} µs, {rawDetect.AllocatedMb * 1048576 / Math.Max(1, raw.Count):F0} bytes each), "
            + $"normalise {Us(normalise.Ms, raw.Count):F1} µs each, segments (normalise + first action word) {Us(parse.Ms, raw.Count):F1} µs each, {segments.Count:N0} hold an action word; "
            + $"segments + tokens, names, states {Us(words.Ms, segments.Count):F1} µs each, {kept.Count:N0} may build a candidate "
            + $"(whole detector on those {Us(keptDetect.Ms, kept.Count):F1} µs each, {keptDetect.AllocatedMb * 1048576 / Math.Max(1, kept.Count):F0} bytes)"
            + Environment.NewLine + spanLine + Environment.NewLine + actionScan;
    }

    private static (double Ms, double AllocatedMb) Measure(int passes, Action action)
    {
        action(); // warm-up: JIT, caches
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < passes; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        return (times[times.Count / 2], allocated / 1048576.0);
    }

    // The titles and descriptions as the XML holds them (entities decoded, markup kept): HtmlText's input.
    private static List<string> RawTexts(byte[] bytes)
    {
        var texts = new List<string>();
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "title" or "description")
            {
                texts.Add(reader.ReadElementContentAsString());
            }
        }
        return texts;
    }
}
