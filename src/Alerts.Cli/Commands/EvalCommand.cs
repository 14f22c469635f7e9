using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Core.Detection;
using Alerts.Core.Detection.Evaluation;
using Alerts.Core.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts eval &lt;corpus&gt;...</c>: how well the detector does on one or more labelled corpora, side by side.
/// A corpus is a directory with items.jsonl and labels.jsonl, or a short name <c>x</c> for <c>tests/data/corpus-x</c>.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var corpora = new Argument<string[]>("corpus") { Description = "Corpus directories (items.jsonl + labels.jsonl), or names such as dev, dev2 for tests/data/corpus-<name>.", Arity = ArgumentArity.OneOrMore };
        var baseline = new Option<bool>("--baseline") { Description = "Also score the keyword baseline (a treaty word and an action word) on the same corpora." };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var misses = new Option<bool>("--misses") { Description = "List the misses, false alarms and true positives with a wrong field, with their evidence." };
        var listed = new Option<int>("--list") { Description = "With --misses: how many of each to list.", DefaultValueFactory = _ => 50 };
        var command = new Command("eval", "Precision, recall and F1 of detection per corpus and language; action, states, stage and treaty accuracy on true positives; with --misses the misses and false alarms with their evidence.");
        command.Arguments.Add(corpora);
        command.Options.Add(baseline);
        command.Options.Add(format);
        command.Options.Add(misses);
        command.Options.Add(listed);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dirs = new List<(string Name, string Path)>();
            foreach (var name in parse.GetValue(corpora)!)
            {
                var path = ResolveCorpus(name);
                foreach (var required in new[] { "items.jsonl", "labels.jsonl" })
                {
                    if (!File.Exists(Path.Combine(path, required)))
                    {
                        await context.Error.WriteLineAsync($"alerts eval: '{path}' has no {required}");
                        return AlertsCli.ExitBadInput;
                    }
                }
                dirs.Add((name, path));
            }
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var catalog = provider.GetRequiredService<TreatyCatalog>();
            var detector = provider.GetRequiredService<ITreatyDetector>();
            var reports = new List<(string Corpus, EvaluationReport Report)>();
            foreach (var (name, path) in dirs)
            {
                try
                {
                    reports.Add((name, CorpusEvaluator.Evaluate(path, detector, catalog)));
                    if (parse.GetValue(baseline))
                    {
                        reports.Add((name, CorpusEvaluator.Evaluate(path, new KeywordBaselineDetector(), catalog)));
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
                {
                    await context.Error.WriteLineAsync($"alerts eval: cannot read the corpus in '{path}': {ex.Message}");
                    return AlertsCli.ExitBadInput;
                }
            }

            if (parse.GetValue(format) == "json")
            {
                foreach (var (name, report) in reports)
                {
                    await context.Output.WriteLineAsync(CorpusJson(name, report).ToJsonString(MessageJson.Options));
                }
                return AlertsCli.ExitOk;
            }
            await context.Output.WriteLineAsync(EvaluationReportRenderer.RenderTable(reports));
            foreach (var (name, report) in reports)
            {
                await context.Output.WriteLineAsync($"== {name}");
                await context.Output.WriteLineAsync(EvaluationReportRenderer.Render(report, parse.GetValue(misses) ? parse.GetValue(listed) : 0));
            }
            return AlertsCli.ExitOk;
        });
        return command;
    }

    /// <summary>A directory as given, else the short name of a corpus under tests/data ("dev2" → tests/data/corpus-dev2).</summary>
    /// <summary>One corpus's line of <c>--format json</c>: its figures, then each language's.</summary>
    private static JsonObject CorpusJson(string corpus, EvaluationReport report)
    {
        var json = new JsonObject { ["detector"] = report.DetectorName, ["corpus"] = corpus, ["items"] = report.Items, ["excluded"] = report.Excluded };
        AddDetectionFigures(json, report.TruePositives, report.FalsePositives, report.FalseNegatives, report.Precision, report.Recall, report.F1);
        json["actionAccuracy"] = Math.Round(report.ActionAccuracy, 4);
        json["statesAccuracy"] = Math.Round(report.StatesAccuracy, 4);
        json["stageAccuracy"] = Math.Round(report.StageAccuracy, 4);
        json["treatyAccuracy"] = Math.Round(report.TreatyAccuracy, 4);
        var languages = new JsonArray();
        foreach (var figures in report.Languages)
        {
            var language = new JsonObject { ["language"] = figures.Language };
            AddDetectionFigures(language, figures.TruePositives, figures.FalsePositives, figures.FalseNegatives, figures.Precision, figures.Recall, figures.F1);
            language["stageAccuracy"] = Math.Round(figures.StageAccuracy, 4);
            languages.Add((JsonNode)language);
        }
        json["languages"] = languages;
        return json;
    }

    /// <summary>The counts and rates a corpus and each of its languages report alike, rates to four decimals.</summary>
    private static void AddDetectionFigures(JsonObject json, int truePositives, int falsePositives, int falseNegatives, double precision, double recall, double f1)
    {
        json["truePositives"] = truePositives;
        json["falsePositives"] = falsePositives;
        json["falseNegatives"] = falseNegatives;
        json["precision"] = Math.Round(precision, 4);
        json["recall"] = Math.Round(recall, 4);
        json["f1"] = Math.Round(f1, 4);
    }

    private static string ResolveCorpus(string name)
    {
        if (Directory.Exists(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return Path.GetFullPath(name);
        }
        var shortName = Path.Combine("tests", "data", "corpus-" + name);
        return Path.GetFullPath(Directory.Exists(shortName) ? shortName : name);
    }
}
