using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// One possible event as it passes from phase to phase: an action tied to a treaty, its states, stage and what its score
/// is made of. Immutable: each phase returns a changed copy (<c>with</c>).
/// </summary>
internal sealed record Candidate
{
    public required TreatyAction Action { get; init; }
    public TreatyCatalogEntry? Entry { get; init; }
    public required string Name { get; init; }
    /// <summary>A bare treaty word ("the deal", «договор») rather than a catalogue treaty.</summary>
    public bool Generic { get; init; }
    /// <summary>"the alliance", «альянс»: stands for an organisation named elsewhere in the item, or for nothing.</summary>
    public bool OrganisationWord { get; init; }
    /// <summary>The words of the action's clause before its action word (actor, auxiliaries, "to", "will").</summary>
    public string ClauseBefore { get; init; } = "";
    public required TextSegment Segment { get; init; }
    public required int SentenceStart { get; init; }
    public required int SentenceEnd { get; init; }
    public IReadOnlyList<string> States { get; init; } = [];
    public TreatyMilestone Milestone { get; init; }
    public required ConfidenceFactors Score { get; init; }
    public required string ActionWords { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    /// <summary>Which of two candidates for the same treaty in one segment wins: the higher, the more decisive step.</summary>
    public int Rank { get; init; }
    public required int TreatyStart { get; init; }
    public required int TreatyEnd { get; init; }

    /// <summary>The candidate's sentence, normalised.</summary>
    public string Sentence => Segment.Text[SentenceStart..SentenceEnd];

    /// <summary>A copy with one more line of evidence.</summary>
    public Candidate WithEvidence(string line) => this with { Evidence = [.. Evidence, line] };

    /// <summary>Both name the same catalogue treaty, or neither names one.</summary>
    public static bool SameTreaty(Candidate first, Candidate second) =>
        (first.Entry is not null && second.Entry is not null && first.Entry.Id == second.Entry.Id) || (first.Entry is null && second.Entry is null);

    /// <summary>Their treaty words overlap in the text.</summary>
    public static bool Overlap(Candidate first, Candidate second) =>
        first.TreatyStart < second.TreatyEnd && second.TreatyStart < first.TreatyEnd;
}
