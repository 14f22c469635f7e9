using System.Globalization;
using System.Text;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Evaluation;

/// <summary>Prints an <see cref="EvaluationReport"/> as plain text for `alerts eval`.</summary>
public static class EvaluationReportRenderer
{
    public static string Render(EvaluationReport report, int maxListed = 50)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"detector: {report.DetectorName}");
        sb.AppendLine(inv, $"items: {report.Items} (excluded as ambiguous: {report.Excluded})");
        sb.AppendLine(inv, $"TP {report.TruePositives}  FP {report.FalsePositives}  FN {report.FalseNegatives}  TN {report.TrueNegatives}");
        sb.AppendLine(inv, $"precision {report.Precision:0.000}  recall {report.Recall:0.000}  F1 {report.F1:0.000}");
        sb.AppendLine(inv, $"on true positives: action {report.ActionAccuracy:0.000} ({report.ActionCorrect}/{report.TruePositives})  states {report.StatesAccuracy:0.000} ({report.StatesCorrect}/{report.TruePositives})  stage {report.StageAccuracy:0.000} ({report.StageCorrect}/{report.TruePositives})");
        sb.AppendLine(inv, $"treaty id on true positives in the catalogue: {report.TreatyAccuracy:0.000} ({report.TreatyCorrect}/{report.TreatyInCatalogue})");
        foreach (var l in report.Languages)
        {
            sb.AppendLine(inv, $"{l.Language}: precision {l.Precision:0.000}  recall {l.Recall:0.000}  F1 {l.F1:0.000}  stage {l.StageAccuracy:0.000} (TP {l.TruePositives}  FP {l.FalsePositives}  FN {l.FalseNegatives})");
        }
        if (maxListed <= 0)
        {
            return sb.ToString();
        }
        Section(sb, "misses", report.Misses, maxListed);
        Section(sb, "false alarms", report.FalseAlarms, maxListed);
        Section(sb, "true positives with a wrong field", report.Mismatches, maxListed);
        return sb.ToString();
    }

    /// <summary>
    /// Several corpora (and detectors) side by side as two Markdown tables: the figures, then detection and stage per language.
    /// </summary>
    public static string RenderTable(IReadOnlyList<(string Corpus, EvaluationReport Report)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("| corpus | detector | items (excl.) | TP / FP / FN | precision | recall | F1 | action | states | stage | treaty id |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (corpus, r) in rows)
        {
            sb.AppendLine(inv, $"| {corpus} | {r.DetectorName} | {r.Items} ({r.Excluded}) | {r.TruePositives} / {r.FalsePositives} / {r.FalseNegatives} | {r.Precision:0.000} | {r.Recall:0.000} | {r.F1:0.000} | {r.ActionAccuracy:0.000} | {r.StatesAccuracy:0.000} | {r.StageAccuracy:0.000} | {r.TreatyAccuracy:0.000} ({r.TreatyCorrect}/{r.TreatyInCatalogue}) |");
        }
        sb.AppendLine();
        sb.AppendLine("| corpus | detector | language | TP / FP / FN | precision | recall | F1 | stage |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (corpus, r) in rows)
        {
            foreach (var l in r.Languages)
            {
                sb.AppendLine(inv, $"| {corpus} | {r.DetectorName} | {l.Language} | {l.TruePositives} / {l.FalsePositives} / {l.FalseNegatives} | {l.Precision:0.000} | {l.Recall:0.000} | {l.F1:0.000} | {l.StageAccuracy:0.000} |");
            }
        }
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string heading, IReadOnlyList<ItemOutcome> outcomes, int max)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(inv, $"{heading} ({outcomes.Count}):");
        foreach (var o in outcomes.Take(max))
        {
            sb.AppendLine(inv, $"- {o.Id} [{string.Join(", ", o.Problems)}] {o.Title}");
            foreach (var e in o.Expected)
            {
                sb.AppendLine(inv, $"    expected: {e.Action} {e.Treaty} [{string.Join(",", e.States ?? [])}] {e.Milestone}");
            }
            foreach (var d in o.Detected)
            {
                sb.AppendLine(inv, $"    detected: {Vocabulary.Name(d.Action)} {d.Treaty.Id} \"{d.Treaty.Name}\" [{string.Join(",", d.States)}] {Vocabulary.Name(d.Milestone)} {d.Confidence:0.00}");
                sb.AppendLine(inv, $"      evidence: {string.Join(" | ", d.Evidence)}");
            }
            if (!string.IsNullOrEmpty(o.Note))
            {
                sb.AppendLine(inv, $"    note: {o.Note}");
            }
        }
        if (outcomes.Count > max)
        {
            sb.AppendLine(inv, $"  ... and {outcomes.Count - max} more");
        }
    }
}
