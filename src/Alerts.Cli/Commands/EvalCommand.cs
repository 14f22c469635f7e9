using System.CommandLine;
using System.Globalization;
using Alerts.Core.Detection;
using Alerts.Core.Detection.Evaluation;
using Alerts.Core.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts eval &lt;corpus-dir&gt;</c>: how well the detector does on a labelled corpus.</summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var corpus = new Argument<DirectoryInfo>("corpus-dir") { Description = "A corpus in the dev corpus format: items.jsonl and labels.jsonl." };
        var baseline = new Option<bool>("--baseline") { Description = "Also score the keyword baseline (a treaty word and an action word) on the same corpus." };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var listed = new Option<int>("--list") { Description = "How many misses and false alarms to list.", DefaultValueFactory = _ => 50 };
        var command = new Command("eval", "Precision, recall and F1 of detection; action, states and treaty accuracy on true positives; the misses and false alarms with their evidence.");
        command.Arguments.Add(corpus);
        command.Options.Add(baseline);
        command.Options.Add(format);
        command.Options.Add(listed);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(corpus)!;
            foreach (var required in new[] { "items.jsonl", "labels.jsonl" })
            {
                if (!File.Exists(Path.Combine(dir.FullName, required)))
                {
                    await context.Error.WriteLineAsync($"alerts eval: '{dir.FullName}' has no {required}");
                    return AlertsCli.ExitBadInput;
                }
            }
            var configuration = CliServices.BuildConfiguration(parse);
            await using var provider = CliServices.Create(configuration, context, parse.GetValue(CliOptions.Verbose)).BuildServiceProvider();
            var catalog = provider.GetRequiredService<TreatyCatalog>();
            var reports = new List<EvaluationReport>();
            try
            {
                reports.Add(CorpusEvaluator.Evaluate(dir.FullName, provider.GetRequiredService<ITreatyDetector>(), catalog));
                if (parse.GetValue(baseline))
                {
                    reports.Add(CorpusEvaluator.Evaluate(dir.FullName, new KeywordBaselineDetector(), catalog));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
            {
                await context.Error.WriteLineAsync($"alerts eval: cannot read the corpus in '{dir.FullName}': {ex.Message}");
                return AlertsCli.ExitBadInput;
            }

            if (parse.GetValue(format) == "json")
            {
                foreach (var report in reports)
                {
                    await context.Output.WriteLineAsync(MessageJson.Serialize(new
                    {
                        detector = report.DetectorName,
                        items = report.Items,
                        excluded = report.Excluded,
                        truePositives = report.TruePositives,
                        falsePositives = report.FalsePositives,
                        falseNegatives = report.FalseNegatives,
                        precision = Math.Round(report.Precision, 4),
                        recall = Math.Round(report.Recall, 4),
                        f1 = Math.Round(report.F1, 4),
                        actionAccuracy = Math.Round(report.ActionAccuracy, 4),
                        statesAccuracy = Math.Round(report.StatesAccuracy, 4),
                        stageAccuracy = Math.Round(report.StageAccuracy, 4),
                        treatyAccuracy = Math.Round(report.TreatyAccuracy, 4),
                    }));
                }
                return AlertsCli.ExitOk;
            }
            foreach (var report in reports)
            {
                await context.Output.WriteLineAsync(EvaluationReportRenderer.Render(report, parse.GetValue(listed)));
            }
            if (reports.Count > 1)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"detector vs baseline: F1 {reports[0].F1:0.000} vs {reports[1].F1:0.000}, precision {reports[0].Precision:0.000} vs {reports[1].Precision:0.000}, recall {reports[0].Recall:0.000} vs {reports[1].Recall:0.000}"));
            }
            return AlertsCli.ExitOk;
        });
        return command;
    }
}
