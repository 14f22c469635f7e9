using System.CommandLine;
using System.Globalization;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts scan &lt;file-or-url&gt;...</c>: parse and detect, without state or delivery.</summary>
public static class ScanCommand
{
    /// <summary>Largest local file scanned; feeds are far smaller, so anything bigger is a mistake.</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("file-or-url") { Description = "Feed files (RSS, Atom, JSON Feed) or http(s) URLs.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "jsonl (one JSON object per detected change) or table.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var language = new Option<string?>("--language") { Description = "Language of the items when the feed does not say (en, ru...)." };
        var allowPrivate = new Option<bool>("--allow-private-network") { Description = "Allow URLs on loopback or private addresses (refused by default)." };
        var command = new Command("scan", "Parse feeds and print the treaty actions detected in their items. Items without a detection print nothing.");
        command.Arguments.Add(inputs);
        command.Options.Add(format);
        command.Options.Add(language);
        command.Options.Add(allowPrivate);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliServices.BuildConfiguration(parse);
            await using var provider = CliServices.Create(configuration, context, parse.GetValue(CliOptions.Verbose)).BuildServiceProvider();
            var detector = provider.GetRequiredService<ITreatyDetector>();
            var rows = new List<ScanRow>();
            var failed = 0;
            foreach (var input in parse.GetValue(inputs)!)
            {
                var (feed, error) = await ReadAsync(input, provider, parse.GetValue(allowPrivate), cancellationToken);
                if (feed is null)
                {
                    failed++;
                    await context.Error.WriteLineAsync($"alerts scan: {input}: {error}");
                    continue;
                }
                foreach (var warning in feed.Warnings)
                {
                    await context.Error.WriteLineAsync($"alerts scan: {input}: warning: {warning}");
                }
                foreach (var item in feed.Items)
                {
                    var lang = item.Language ?? feed.Language ?? parse.GetValue(language);
                    foreach (var detection in detector.Detect(new DetectionInput(item.Title, item.Summary, lang)))
                    {
                        var row = new ScanRow(input, item, detection);
                        rows.Add(row);
                        if (parse.GetValue(format) == "jsonl")
                        {
                            await context.Output.WriteLineAsync(ToJson(row));
                        }
                    }
                }
            }
            if (parse.GetValue(format) == "table")
            {
                var table = new Table().AddColumns("published", "title", "treaty", "action", "states", "stage", "conf.");
                foreach (var row in rows)
                {
                    table.AddRow(
                        row.Item.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                        Markup.Escape(row.Item.Title),
                        Markup.Escape($"{row.Detection.Treaty.Name} ({row.Detection.Treaty.Id})"),
                        Vocabulary.Name(row.Detection.Action),
                        string.Join(",", row.Detection.States),
                        Vocabulary.Name(row.Detection.Stage),
                        row.Detection.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
                }
                context.Console.Write(table);
            }
            return failed > 0 ? AlertsCli.ExitBadInput : AlertsCli.ExitOk;
        });
        return command;
    }

    private static string ToJson(ScanRow row) => MessageJson.Serialize(new
    {
        source = row.Input,
        link = row.Item.Link,
        title = row.Item.Title,
        published = row.Item.Published,
        treaty = new { id = row.Detection.Treaty.Id, name = row.Detection.Treaty.Name },
        action = Vocabulary.Name(row.Detection.Action),
        states = row.Detection.States,
        stage = Vocabulary.Name(row.Detection.Stage),
        confidence = Math.Round(row.Detection.Confidence, 3),
        evidence = row.Detection.Evidence,
    });

    private static async Task<(ParsedFeed? Feed, string? Error)> ReadAsync(string input, IServiceProvider provider, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var source = new SourceDefinition { Id = "scan", Url = input, Kind = SourceKinds.Rss, AllowPrivateNetwork = allowPrivate };
            var result = await provider.GetRequiredService<ISourceReader>().ReadAsync(source, SourceValidators.None, cancellationToken);
            return result.Status == SourceReadStatus.Fetched
                ? (new ParsedFeed("fetched", "", result.Items, result.Warnings ?? []), null)
                : (null, result.Error ?? $"HTTP {result.HttpStatus}");
        }

        var file = new FileInfo(input);
        if (!file.Exists)
        {
            return (null, "no such file");
        }
        if (file.Length > MaxFileBytes)
        {
            return (null, $"file is {file.Length} bytes; the limit is {MaxFileBytes}");
        }
        try
        {
            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            return (FeedParser.Parse(bytes, null, new Uri(file.FullName)), null);
        }
        catch (FeedFormatException ex)
        {
            return (null, "not a feed: " + ex.Message);
        }
    }

    private sealed record ScanRow(string Input, FeedItem Item, TreatyDetection Detection);
}
