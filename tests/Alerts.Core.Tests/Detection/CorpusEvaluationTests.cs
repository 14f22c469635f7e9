using Alerts.Core.Detection;
using Alerts.Core.Detection.Evaluation;
using Alerts.Core.Messages;
using Xunit.Abstractions;

namespace Alerts.Core.Tests.Detection;

public class CorpusEvaluationTests(ITestOutputHelper output)
{
    // Floors at (or just under) the figures measured on tests/data/corpus-dev and corpus-dev2 (docs/DETECTION.md).
    // Dev recall fell from 0.972 to 0.958 when summary clauses dated by another event ("hours after Russia moved to
    // revoke...") became background; every other floor only rose. Action fell from 0.94 to 0.93 in session 8: dev2-02434,
    // «Договор о запрещении ядерного оружия вступает в силу …», now names the catalogue treaty (dev2 treaty id 57 → 58 of 62)
    // and so reads the headline's entry into force, where the label has the 50th ratification the summary reports.
    [Theory]
    [InlineData("corpus-dev", 1626, 7, 0.98, 0.95, 0.97, 0.91, 0.96)]
    [InlineData("corpus-dev2", 2461, 16, 0.97, 0.88, 0.92, 0.90, 0.90)]
    public void Detector_meets_its_floors_on_both_dev_corpora(string corpus, int items, int excluded, double precision, double recall, double f1, double stage, double treaty)
    {
        var report = CorpusEvaluator.Evaluate(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", corpus), DetectionTestData.Detector);
        var text = EvaluationReportRenderer.Render(report);
        Assert.True(report.Precision >= precision, text);
        Assert.True(report.Recall >= recall, text);
        Assert.True(report.F1 >= f1, text);
        Assert.True(report.ActionAccuracy >= 0.93, text);
        Assert.True(report.StageAccuracy >= stage, text);
        Assert.True(report.TreatyAccuracy >= treaty, text);
        Assert.Equal(items, report.Items);
        Assert.Equal(excluded, report.Excluded);
    }

    [Fact]
    public void Detector_beats_the_keyword_baseline_by_a_wide_margin()
    {
        var catalog = DetectionTestData.Detector.Catalog;
        var detector = CorpusEvaluator.Evaluate(DetectionTestData.CorpusDir, DetectionTestData.Detector);
        var baseline = CorpusEvaluator.Evaluate(DetectionTestData.CorpusDir, new KeywordBaselineDetector(), catalog);
        // The figures of docs/DETECTION.md: run with --logger "console;verbosity=detailed" to see them.
        output.WriteLine(EvaluationReportRenderer.Render(detector, 10));
        output.WriteLine(EvaluationReportRenderer.Render(baseline, 0));
        Assert.True(baseline.F1 < 0.75, EvaluationReportRenderer.Render(baseline, 0));
        Assert.True(detector.F1 - baseline.F1 > 0.2);
        Assert.Equal("KeywordBaselineDetector", baseline.DetectorName);
    }

    [Fact]
    public void Evaluator_counts_items_and_fields_as_documented()
    {
        var dir = Directory.CreateTempSubdirectory("corpus-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "items.jsonl"),
            [
                """{"id":"a","feed":"f","title":"Putin suspends New START","description":"","link":"l","published":"p","lang":"en"}""",
                """{"id":"b","feed":"f","title":"Finland joins NATO","description":"","link":"l","published":"p","lang":"en"}""",
                """{"id":"c","feed":"f","title":"Weather is fine","description":"","link":"l","published":"p","lang":"en"}""",
                """{"id":"d","feed":"f","title":"Russia quits CFE treaty","description":"","link":"l","published":"p","lang":"en"}""",
                """{"id":"e","feed":"f","title":"Unclear item","description":"","link":"l","published":"p","lang":"en"}""",
            ]);
            File.WriteAllLines(Path.Combine(dir, "labels.jsonl"),
            [
                """{"id":"a","positive":true,"events":[{"treaty":"New START Treaty (2010)","action":"suspension","states":["RU"],"stage":"announced"}],"note":"","hard_negative":false}""",
                """{"id":"b","positive":true,"events":[{"treaty":"North Atlantic Treaty (NATO, 1949)","action":"ratification","states":["SE"],"stage":"effective"}],"note":"","hard_negative":false}""",
                """{"id":"c","positive":true,"events":[{"treaty":"Paris Agreement","action":"withdrawal","states":["US"],"stage":"announced"}],"note":"","hard_negative":false}""",
                """{"id":"d","positive":false,"events":[],"note":"","hard_negative":true}""",
                """{"id":"e","positive":null,"events":[],"note":"","hard_negative":false}""",
            ]);
            var report = CorpusEvaluator.Evaluate(dir, DetectionTestData.Detector);
            Assert.Equal((2, 1, 1, 0, 1), (report.TruePositives, report.FalsePositives, report.FalseNegatives, report.TrueNegatives, report.Excluded));
            Assert.Equal(2.0 / 3, report.Precision, 6);
            Assert.Equal(2.0 / 3, report.Recall, 6);
            Assert.Equal(1, report.ActionCorrect); // b: accession detected, ratification labelled
            Assert.Equal(1, report.StatesCorrect);
            Assert.Equal(2, report.TreatyCorrect);
            Assert.Equal(2, report.TreatyInCatalogue);
            Assert.Equal("c", Assert.Single(report.Misses).Id);
            var en = Assert.Single(report.Languages);
            Assert.Equal(("en", 2, 1, 1), (en.Language, en.TruePositives, en.FalsePositives, en.FalseNegatives));
            var alarm = Assert.Single(report.FalseAlarms);
            Assert.Equal("d", alarm.Id);
            Assert.NotEmpty(alarm.Detected[0].Evidence);
            var text = EvaluationReportRenderer.Render(report);
            Assert.Contains("precision 0.667", text, StringComparison.Ordinal);
            Assert.Contains("- d [false alarm] Russia quits CFE treaty", text, StringComparison.Ordinal);
            Assert.Contains("en: precision 0.667", text, StringComparison.Ordinal);
            var table = EvaluationReportRenderer.RenderTable([("tiny", report), ("tiny again", report)]);
            Assert.Contains("| tiny | TreatyDetector | 5 (1) | 2 / 1 / 1 | 0.667 |", table, StringComparison.Ordinal);
            Assert.Contains("| tiny again | TreatyDetector | en | 2 / 1 / 1 |", table, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Keyword_baseline_needs_both_a_treaty_word_and_an_action_word()
    {
        var baseline = new KeywordBaselineDetector();
        Assert.Single(baseline.Detect(new DetectionInput("Russia quits treaty", "")));
        Assert.Equal(TreatyAction.Withdrawal, baseline.Detect(new DetectionInput("Russia quits treaty", ""))[0].Action);
        Assert.Empty(baseline.Detect(new DetectionInput("Russia quits", "")));
        Assert.Empty(baseline.Detect(new DetectionInput("A treaty", "")));
    }

    [Fact]
    public void A_malformed_corpus_line_is_named()
    {
        var dir = Directory.CreateTempSubdirectory("corpus-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "items.jsonl"), "{\"id\":\"a\",\"title\":\"x\"}\n{not json\n");
            File.WriteAllText(Path.Combine(dir, "labels.jsonl"), "");
            var ex = Assert.Throws<InvalidDataException>(() => CorpusEvaluator.Evaluate(dir, DetectionTestData.Detector));
            Assert.Contains("items.jsonl:2", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
