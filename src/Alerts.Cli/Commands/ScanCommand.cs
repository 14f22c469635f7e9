using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Alerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts scan &lt;file-or-url&gt;...</c>: parse and detect, without state or delivery.</summary>
public static class ScanCommand
{
    /// <summary>Largest local file scanned; feeds are far smaller, so anything bigger is a mistake.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>Local files from this size are mapped into memory rather than read (the size from which one file is split).</summary>
    private const long MappedFileBytes = 2L * SplitSettings.DefaultChunkBytes;

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("file-or-url") { Description = "Feed files (RSS, Atom, JSON Feed) or http(s) URLs.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "jsonl (one JSON object per detected change) or table.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var language = new Option<string?>("--language") { Description = "Language of the items when the feed does not say (en, ru...)." };
        var allowPrivate = new Option<bool>("--allow-private-network") { Description = "Allow URLs on loopback or private addresses (refused by default)." };
        // For tests and measurements: the bytes of items per part when one large file is parsed on several cores (0: never).
        var splitBytes = new Option<int?>("--split-bytes") { Description = "Bytes of items per part of a large file parsed on several cores; 0 never splits.", Hidden = true };
        var command = new Command("scan", "Parse feeds and print the treaty actions detected in their items. Items without a detection print nothing.");
        command.Arguments.Add(inputs);
        command.Options.Add(format);
        command.Options.Add(language);
        command.Options.Add(allowPrivate);
        command.Options.Add(splitBytes);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliServices.BuildConfiguration(parse);
            var verbose = parse.GetValue(CliOptions.Verbose);
            // Local files need only the detector: its catalogue loads on the pool while the first file is read and
            // parsed, and the pipeline's host (HTTP client, logging, stores) is composed only when an input is a URL.
            var detectorLoad = Task.Run(() => (ITreatyDetector)PipelineServices.CreateDetector(configuration, AppContext.BaseDirectory), cancellationToken);
            using var pipeline = new PipelineHost(() => CliServices.CreateBuilder(configuration, context, verbose).Build());
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var table = parse.GetValue(format) == "table";
            var rows = new List<ScanRow>();
            var failed = 0;
            // Reading and parsing run ahead on one task; detection and JSON run on the pool, a batch of items per task,
            // so both cores work; results are written in input order as each batch (and every one before it) is done.
            var batches = Channel.CreateBounded<Task<ScanBatch>>(new BoundedChannelOptions(2 * Environment.ProcessorCount) { SingleReader = true, SingleWriter = true });
            var split = SplitSettings.From(parse.GetValue(splitBytes), verbose);
            var reader = Task.Run(async () =>
            {
                try
                {
                    foreach (var input in parse.GetValue(inputs)!)
                    {
                        await ReadInputAsync(input, pipeline, parse.GetValue(allowPrivate), parse.GetValue(language), split, detectorLoad, batches.Writer, stop.Token);
                    }
                }
                finally
                {
                    batches.Writer.Complete();
                }
            }, stop.Token);
            try
            {
                // A catalogue that cannot be loaded fails the command before anything is printed, as it did with the host.
                await detectorLoad;
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
            await foreach (var pending in batches.Reader.ReadAllAsync(cancellationToken))
            {
                var batch = await pending;
                foreach (var message in batch.Messages)
                {
                    await context.Error.WriteLineAsync(message);
                }
                failed += batch.Failed ? 1 : 0;
                if (table)
                {
                    rows.AddRange(batch.Rows);
                }
                else if (batch.Json.Length > 0)
                {
                    await context.Output.WriteAsync(batch.Json);
                }
            }
            await reader;
            if (table)
            {
                var view = new Table().AddColumns("published", "title", "treaty", "action", "states", "stage", "conf.");
                foreach (var row in rows)
                {
                    view.AddRow(
                        row.Item.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                        Markup.Escape(row.Item.Title),
                        Markup.Escape($"{row.Detection.Treaty.Name} ({row.Detection.Treaty.Id})"),
                        Vocabulary.Name(row.Detection.Action),
                        string.Join(",", row.Detection.States),
                        Vocabulary.Name(row.Detection.Milestone),
                        row.Detection.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
                }
                context.Console.Write(view);
            }
            return failed > 0 ? AlertsCli.ExitBadInput : AlertsCli.ExitOk;
        });
        return command;
    }

    /// <summary>Items handed to one detection task: enough to amortise the hand-over, few enough to keep both cores busy.</summary>
    private const int BatchItems = 256;

    /// <summary>
    /// Reads one input and queues its messages and its items, in batches, for detection. A file's items are handed
    /// to detection while the rest of it is parsed (<see cref="FeedParser.ParseStreaming"/>), and the parse keeps none
    /// of them: a large document's items do not all stay alive (and get copied by every collection) until its end.
    /// When the parse says the items handed out are not the final ones (a late feed language, a repaired re-reading),
    /// the early detections are dropped and the document is read again in full. A large RSS or Atom file is first offered
    /// to <see cref="FeedSplit"/>: when it plans parts, they are parsed (and their items detected) on every core at once
    /// (<see cref="ReadInPartsAsync"/>), and only when a part does not read as planned is the file read as above.
    /// </summary>
    private static async Task ReadInputAsync(
        string input, PipelineHost pipeline, bool allowPrivate, string? language, SplitSettings split, Task<ITreatyDetector> detector,
        ChannelWriter<Task<ScanBatch>> batches, CancellationToken cancellationToken)
    {
        var early = new List<Task<ScanBatch>>();
        var pending = new List<FeedItem>(BatchItems);
        // The parse waits while this many batches are still to be detected: items queued ahead of the detector would
        // live (and be copied by each collection) until their turn, which is most of them when the parse is the faster.
        // Not disposed: the last detections release it after this method returns (it never allocates a wait handle).
        var inFlight = new SemaphoreSlim(2 * Environment.ProcessorCount);
        void OnItem(FeedItem item)
        {
            pending.Add(item);
            if (pending.Count == BatchItems)
            {
                var items = pending.ToArray();
                pending.Clear();
                // The feed's language known so far is in each item already; the parse says at its end whether it still holds.
                early.Add(DetectWhenLoaded(input, items, null, language, detector, inFlight, cancellationToken));
            }
        }
        async Task<bool> ReadSplit(ReadOnlyMemory<byte> bytes, Uri fileUri)
        {
            var plan = split.ChunkBytes > 0 && (split.Forced || Environment.ProcessorCount > 1)
                ? FeedSplit.TryPlan(bytes, null, 2 * split.ChunkBytes, split.ChunkBytes)
                : null;
            // Every part repeats the document around the items; when that is a large share, one reading is cheaper.
            if (plan is null || (!split.Forced && (long)plan.FrameBytes * plan.Count > bytes.Length / 8))
            {
                return false;
            }
            var parts = await ReadInPartsAsync(input, plan, fileUri, language, detector, cancellationToken);
            if (split.Verbose)
            {
                var note = parts is null
                    ? $"alerts scan: {input}: a part did not read as planned; read as one document"
                    : $"alerts scan: {input}: read in {plan.Count} parts of {plan.TotalItems} items on {Math.Min(Environment.ProcessorCount, plan.Count)} threads";
                await batches.WriteAsync(ScanBatch.Notes([note]), cancellationToken);
            }
            if (parts is null)
            {
                return false;
            }
            foreach (var part in parts)
            {
                await batches.WriteAsync(part, cancellationToken);
            }
            return true;
        }
        var (feed, streamed, error) = await ReadAsync(input, pipeline, allowPrivate, OnItem, ReadSplit, cancellationToken);
        if (feed is null && error is null)
        {
            return; // read in parts, and queued
        }
        if (feed is null)
        {
            await batches.WriteAsync(ScanBatch.Notes([$"alerts scan: {input}: {error}"], failed: true), cancellationToken);
            return;
        }
        if (feed.Warnings.Count > 0)
        {
            var warnings = feed.Warnings.Select(w => $"alerts scan: {input}: warning: {w}").ToList();
            await batches.WriteAsync(ScanBatch.Notes(warnings), cancellationToken);
        }
        if (streamed)
        {
            foreach (var detection in early)
            {
                await batches.WriteAsync(detection, cancellationToken);
            }
            if (pending.Count > 0)
            {
                await batches.WriteAsync(DetectWhenLoaded(input, pending.ToArray(), null, language, detector, null, cancellationToken), cancellationToken);
            }
        }
        // Items not handed out while parsing (a JSON Feed, a fetched URL, a document read again).
        foreach (var items in feed.Items.Chunk(BatchItems))
        {
            await batches.WriteAsync(DetectWhenLoaded(input, items, feed.Language, language, detector, null, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Detects a batch of items on the pool once the catalogue has loaded. With <paramref name="inFlight"/>, the caller
    /// first waits for a place under that limit (so parsed items do not pile up ahead of the detector) and the detection
    /// frees it when done; without, the batch is queued at once. The caller queues the task where its output belongs, so
    /// the output keeps input order whenever the detection runs.
    /// </summary>
    private static Task<ScanBatch> DetectWhenLoaded(
        string input, FeedItem[] items, string? feedLanguage, string? language, Task<ITreatyDetector> detector, SemaphoreSlim? inFlight,
        CancellationToken cancellationToken)
    {
        inFlight?.Wait(cancellationToken);
        return Task.Run(async () =>
        {
            try
            {
                return Detect(input, items, feedLanguage, language, await detector);
            }
            finally
            {
                inFlight?.Release();
            }
        }, cancellationToken);
    }

    private static ScanBatch Detect(string input, FeedItem[] items, string? feedLanguage, string? language, ITreatyDetector detector)
    {
        var rows = new List<ScanRow>();
        foreach (var item in items)
        {
            var lang = item.Language ?? feedLanguage ?? language;
            foreach (var detection in detector.Detect(new DetectionInput(item.Title, item.Summary, lang)))
            {
                rows.Add(new ScanRow(input, item, detection));
            }
        }
        return new ScanBatch([], false, rows, rows.Count == 0 ? "" : ScanJson.Lines(rows));
    }

    /// <summary>
    /// Parses the parts of one large document on as many threads as there are cores, each part's items detected on the
    /// thread that parsed them (until the catalogue is loaded, on the pool under the in-flight limit). Returns the
    /// detections in document order, or null when a part did not read as planned and the document must be read whole;
    /// nothing is printed before every part has read as planned, so a refused split leaves no trace in the output.
    /// </summary>
    private static async Task<List<Task<ScanBatch>>?> ReadInPartsAsync(
        string input, FeedSplit plan, Uri fileUri, string? language, Task<ITreatyDetector> detector, CancellationToken cancellationToken)
    {
        var parts = new List<Task<ScanBatch>>?[plan.Count];
        var next = -1;
        var refused = 0;
        // Set when a part's items are not final (a feed language after the items): the later parts are read in full at once.
        var notFinal = 0;
        // Only while the catalogue loads: enough batches for a part's worth of items, so a core does not wait for it idle.
        var inFlight = new SemaphoreSlim(8 * Environment.ProcessorCount);

        Task<ScanBatch> DetectBatch(FeedItem[] items, string? feedLanguage)
        {
            return detector.IsCompletedSuccessfully
                ? Task.FromResult(Detect(input, items, feedLanguage, language, detector.Result))
                : DetectWhenLoaded(input, items, feedLanguage, language, detector, inFlight, cancellationToken);
        }

        List<Task<ScanBatch>>? ReadPart(int index)
        {
            var batches = new List<Task<ScanBatch>>();
            if (Volatile.Read(ref notFinal) == 0)
            {
                var pending = new List<FeedItem>(BatchItems);
                var status = plan.ReadChunk(index, fileUri, item =>
                {
                    pending.Add(item);
                    if (pending.Count == BatchItems)
                    {
                        batches.Add(DetectBatch(pending.ToArray(), null));
                        pending.Clear();
                    }
                }, out _);
                if (status == FeedChunkStatus.Final)
                {
                    if (pending.Count > 0)
                    {
                        batches.Add(DetectBatch(pending.ToArray(), null));
                    }
                    return batches;
                }
                if (status == FeedChunkStatus.Refused)
                {
                    return null;
                }
                Volatile.Write(ref notFinal, 1);
                batches.Clear();
            }
            if (plan.ReadChunk(index, fileUri, null, out var feed) != FeedChunkStatus.Final)
            {
                return null;
            }
            foreach (var items in feed!.Items.Chunk(BatchItems))
            {
                batches.Add(DetectBatch(items, feed.Language));
            }
            return batches;
        }

        void Work()
        {
            int index;
            while (Volatile.Read(ref refused) == 0 && (index = Interlocked.Increment(ref next)) < plan.Count)
            {
                var part = ReadPart(index);
                if (part is null)
                {
                    Volatile.Write(ref refused, 1);
                    return;
                }
                parts[index] = part;
            }
        }

        // Threads of their own: a part may wait for detection (the in-flight limit) and must not hold a pool thread meanwhile.
        var workers = new Task[Math.Min(Environment.ProcessorCount, plan.Count)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Factory.StartNew(Work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        await Task.WhenAll(workers);
        return refused != 0 ? null : parts.SelectMany(part => part!).ToList();
    }

    /// <returns>The feed (its <see cref="ParsedFeed.Items"/> are those not handed to <paramref name="onItem"/>), whether the
    /// items handed out stand, or the error; neither feed nor error when <paramref name="readSplit"/> read the file in parts.</returns>
    private static async Task<(ParsedFeed? Feed, bool Streamed, string? Error)> ReadAsync(
        string input, PipelineHost pipeline, bool allowPrivate, Action<FeedItem> onItem, Func<ReadOnlyMemory<byte>, Uri, Task<bool>> readSplit, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var source = new SourceDefinition { Id = "scan", Url = input, Kind = SourceKinds.Rss, AllowPrivateNetwork = allowPrivate };
            var result = await pipeline.Services.GetRequiredService<ISourceReader>().ReadAsync(source, SourceValidators.None, cancellationToken);
            return result.Status == SourceReadStatus.Fetched
                ? (new ParsedFeed("fetched", "", result.Items, result.Warnings ?? []), false, null)
                : (null, false, result.Error ?? $"HTTP {result.HttpStatus}");
        }

        var file = new FileInfo(input);
        if (!file.Exists)
        {
            return (null, false, "no such file");
        }
        if (file.Length > MaxFileBytes)
        {
            return (null, false, $"file is {file.Length} bytes; the limit is {MaxFileBytes}");
        }
        try
        {
            // A file large enough to be parsed in parts is mapped, not read (MappedFile); the mapping ends with this block,
            // after every part and any whole reading are parsed (detection works on the items, not on these bytes).
            using var mapped = file.Length >= MappedFileBytes ? MappedFile.TryOpen(file.FullName, MaxFileBytes) : null;
            var bytes = mapped is not null ? mapped.Memory : await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            var fileUri = new Uri(file.FullName);
            if (await readSplit(bytes, fileUri))
            {
                return (null, false, null);
            }
            // On a thread of its own: it waits for detection when it runs ahead, and must not hold a pool thread meanwhile.
            var feed = await Task.Factory.StartNew(
                () => FeedParser.ParseStreaming(bytes.Span, null, fileUri, onItem), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return feed is not null ? (feed, true, null) : (FeedParser.Parse(bytes.Span, null, fileUri), false, null);
        }
        catch (FeedFormatException ex)
        {
            return (null, false, ex.Message.StartsWith("not a feed", StringComparison.Ordinal) ? ex.Message : "not a feed: " + ex.Message);
        }
    }

    /// <summary>The pipeline's host, composed on first use (a URL input needs the source reader), disposed with the scan.</summary>
    private sealed class PipelineHost(Func<IHost> build) : IDisposable
    {
        private IHost? _host;

        public IServiceProvider Services => (_host ??= build()).Services;

        public void Dispose() => _host?.Dispose();
    }

    /// <summary>When one large file is parsed in parts on several cores (<see cref="FeedSplit"/>).</summary>
    private sealed record SplitSettings(int ChunkBytes, bool Forced, bool Verbose)
    {
        /// <summary>
        /// Half a megabyte of items per part (files from a megabyte are split): the 20 MB benchmark files make some 40
        /// parts, so the last part's thread works alone only briefly, and the document around the items each repeats is tiny.
        /// </summary>
        public const int DefaultChunkBytes = 512 * 1024;

        public static SplitSettings From(int? chunkBytes, bool verbose) => new(Math.Max(chunkBytes ?? DefaultChunkBytes, 0), chunkBytes is > 0, verbose);
    }

    /// <summary>What one step of the scan prints: messages for stderr, and the detections of a run of items.</summary>
    private sealed record ScanBatch(IReadOnlyList<string> Messages, bool Failed, IReadOnlyList<ScanRow> Rows, string Json)
    {
        /// <summary>A step that only prints messages (and, when <paramref name="failed"/>, fails the scan), ready at once.</summary>
        public static Task<ScanBatch> Notes(IReadOnlyList<string> messages, bool failed = false) => Task.FromResult(new ScanBatch(messages, failed, [], ""));
    }
}
