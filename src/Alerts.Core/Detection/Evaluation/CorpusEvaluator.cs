using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Evaluation;

/// <summary>
/// Scores a detector on a corpus in the format of the dev corpus (items.jsonl + labels.jsonl):
/// per-item precision/recall/F1, then action, states, stage and treaty accuracy on the true positives.
/// Labels name treaties in English; the catalogue maps those names to ids for the treaty figure.
/// </summary>
public static class CorpusEvaluator
{
    /// <summary>Largest corpus file read; the dev corpus is about 1 MB.</summary>
    public const long MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Evaluates a detector on the corpus in <paramref name="corpusDir"/>; treaty names map through the detector's catalogue when it has one.</summary>
    public static EvaluationReport Evaluate(string corpusDir, ITreatyDetector detector) =>
        Evaluate(corpusDir, detector, (detector as TreatyDetector)?.Catalog);

    public static EvaluationReport Evaluate(string corpusDir, ITreatyDetector detector, TreatyCatalog? catalog)
    {
        var items = ReadJsonLines(Path.Combine(corpusDir, "items.jsonl"), CorpusJsonContext.Default.CorpusItem);
        var labels = ReadJsonLines(Path.Combine(corpusDir, "labels.jsonl"), CorpusJsonContext.Default.CorpusLabel).ToDictionary(l => l.Id, StringComparer.Ordinal);
        return Evaluate(items, labels, detector, catalog);
    }

    public static EvaluationReport Evaluate(IReadOnlyList<CorpusItem> items, IReadOnlyDictionary<string, CorpusLabel> labels, ITreatyDetector detector, TreatyCatalog? catalog)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0, excluded = 0;
        int actionOk = 0, statesOk = 0, stageOk = 0, treatyIn = 0, treatyOk = 0;
        var misses = new List<ItemOutcome>();
        var falseAlarms = new List<ItemOutcome>();
        var mismatches = new List<ItemOutcome>();
        var idCache = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Per language: true positives, false positives, false negatives, right stages.
        var byLanguage = new SortedDictionary<string, int[]>(StringComparer.Ordinal);

        foreach (var item in items)
        {
            if (!labels.TryGetValue(item.Id, out var label) || label.Positive is null)
            {
                excluded++;
                continue;
            }
            var detected = detector.Detect(new DetectionInput(item.Title, item.Description ?? "", item.Lang));
            var expected = label.Events ?? [];
            var language = CountsFor(byLanguage, item.Lang);
            if (label.Positive.Value)
            {
                if (detected.Count == 0)
                {
                    fn++;
                    language[2]++;
                    misses.Add(new ItemOutcome(item.Id, item.Title, expected, detected, label.Note, ["missed"]));
                    continue;
                }
                tp++;
                language[0]++;
                var problems = new List<string>();
                if (detected.Any(d => expected.Any(e => Vocabulary.Name(d.Action) == e.Action)))
                {
                    actionOk++;
                }
                else
                {
                    problems.Add("action");
                }
                if (detected.Any(d => expected.Any(e => SameStates(d.States, e.States))))
                {
                    statesOk++;
                }
                else
                {
                    problems.Add("states");
                }
                if (detected.Any(d => expected.Any(e => Vocabulary.Name(d.Milestone) == e.Milestone)))
                {
                    stageOk++;
                    language[3]++;
                }
                else
                {
                    problems.Add("stage");
                }
                if (catalog is not null)
                {
                    var ids = expected.Select(e => Resolve(catalog, e.Treaty, idCache)).Where(id => id is not null).ToList();
                    if (ids.Count > 0)
                    {
                        treatyIn++;
                        if (detected.Any(d => ids.Contains(d.Treaty.Id)))
                        {
                            treatyOk++;
                        }
                        else
                        {
                            problems.Add("treaty (expected " + string.Join("/", ids) + ")");
                        }
                    }
                }
                if (problems.Count > 0)
                {
                    mismatches.Add(new ItemOutcome(item.Id, item.Title, expected, detected, label.Note, problems));
                }
            }
            else if (detected.Count > 0)
            {
                fp++;
                language[1]++;
                falseAlarms.Add(new ItemOutcome(item.Id, item.Title, expected, detected, label.Note, ["false alarm"]));
            }
            else
            {
                tn++;
            }
        }

        return new EvaluationReport
        {
            DetectorName = detector.GetType().Name,
            Items = items.Count,
            Excluded = excluded,
            TruePositives = tp,
            FalsePositives = fp,
            FalseNegatives = fn,
            TrueNegatives = tn,
            ActionCorrect = actionOk,
            StatesCorrect = statesOk,
            StageCorrect = stageOk,
            TreatyInCatalogue = treatyIn,
            TreatyCorrect = treatyOk,
            Languages = [.. byLanguage.Select(l => new LanguageFigures(l.Key, l.Value[0], l.Value[1], l.Value[2], l.Value[3]))],
            Misses = misses,
            FalseAlarms = falseAlarms,
            Mismatches = mismatches,
        };
    }

    private static int[] CountsFor(SortedDictionary<string, int[]> byLanguage, string? lang)
    {
        var key = string.IsNullOrWhiteSpace(lang) ? "?" : lang;
        if (!byLanguage.TryGetValue(key, out var counts))
        {
            counts = new int[4];
            byLanguage[key] = counts;
        }
        return counts;
    }

    private static string? Resolve(TreatyCatalog catalog, string name, Dictionary<string, string?> cache)
    {
        if (!cache.TryGetValue(name, out var id))
        {
            id = catalog.ResolveId(name);
            cache[name] = id;
        }
        return id;
    }

    private static bool SameStates(IReadOnlyList<string> detected, IReadOnlyList<string>? expected) =>
        expected is not null && detected.Count == expected.Count && detected.All(s => expected.Contains(s, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads one JSON object per line, refusing files over <see cref="MaxFileBytes"/> and naming the line that fails.</summary>
    public static List<T> ReadJsonLines<T>(string path, JsonTypeInfo<T> type)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Corpus file not found: {path}", path);
        }
        if (info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"{path} is {info.Length} bytes; the limit is {MaxFileBytes}");
        }
        var result = new List<T>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                result.Add(JsonSerializer.Deserialize(line, type) ?? throw new InvalidDataException($"{path}:{lineNo}: null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNo}: {ex.Message}", ex);
            }
        }
        return result;
    }
}
