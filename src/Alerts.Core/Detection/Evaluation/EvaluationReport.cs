namespace Alerts.Core.Detection.Evaluation;

/// <summary>How a detector did on a labelled corpus. Detection is scored per item; the accuracies are over true positives.</summary>
public sealed record EvaluationReport
{
    public required string DetectorName { get; init; }
    public required int Items { get; init; }
    public required int Excluded { get; init; }
    public required int TruePositives { get; init; }
    public required int FalsePositives { get; init; }
    public required int FalseNegatives { get; init; }
    public required int TrueNegatives { get; init; }

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>True positives where a detected action equals a labelled one.</summary>
    public required int ActionCorrect { get; init; }
    /// <summary>True positives where a detection's states equal a labelled event's states (as sets).</summary>
    public required int StatesCorrect { get; init; }
    public required int StageCorrect { get; init; }
    /// <summary>True positives whose labelled treaty maps to a catalogue id.</summary>
    public required int TreatyInCatalogue { get; init; }
    /// <summary>Of those, how many got that id.</summary>
    public required int TreatyCorrect { get; init; }

    public double ActionAccuracy => TruePositives == 0 ? 0 : (double)ActionCorrect / TruePositives;
    public double StatesAccuracy => TruePositives == 0 ? 0 : (double)StatesCorrect / TruePositives;
    public double StageAccuracy => TruePositives == 0 ? 0 : (double)StageCorrect / TruePositives;
    public double TreatyAccuracy => TreatyInCatalogue == 0 ? 0 : (double)TreatyCorrect / TreatyInCatalogue;

    /// <summary>The same counts per item language (items without one count as "?"), in order of language.</summary>
    public IReadOnlyList<LanguageFigures> Languages { get; init; } = [];

    public required IReadOnlyList<ItemOutcome> Misses { get; init; }
    public required IReadOnlyList<ItemOutcome> FalseAlarms { get; init; }
    /// <summary>True positives with a wrong action, states, stage or treaty: where to look next.</summary>
    public required IReadOnlyList<ItemOutcome> Mismatches { get; init; }
}

/// <summary>One item as labelled and as detected.</summary>
public sealed record ItemOutcome(
    string Id,
    string Title,
    IReadOnlyList<LabelledEvent> Expected,
    IReadOnlyList<TreatyDetection> Detected,
    string? Note,
    IReadOnlyList<string> Problems);

/// <summary>Detection counts of one language of a corpus.</summary>
public sealed record LanguageFigures(string Language, int TruePositives, int FalsePositives, int FalseNegatives, int StageCorrect)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double StageAccuracy => TruePositives == 0 ? 0 : (double)StageCorrect / TruePositives;
}
