using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>One possible event while the phases work on it: an action tied to a treaty, its states, stage and score.</summary>
internal sealed class Candidate
{
    public required TreatyAction Action { get; set; }
    public TreatyCatalogEntry? Entry { get; set; }
    public required string Name { get; set; }
    public bool Generic { get; set; }
    /// <summary>"the alliance", «альянс»: stands for an organisation named elsewhere in the item, or for nothing.</summary>
    public bool OrganisationWord { get; set; }
    public string ClauseBefore { get; set; } = "";
    public bool FromApproval { get; set; }
    public required TextSegment Segment { get; init; }
    public required int SentenceStart { get; init; }
    public required int SentenceEnd { get; init; }
    public List<string> States { get; set; } = [];
    public TreatyStage Stage { get; set; }
    public double Confidence { get; set; }
    public string ActionWords { get; set; } = "";
    public List<string> Evidence { get; } = [];
    public int Rank { get; set; }
    public int TreatyStart { get; set; }
    public int TreatyEnd { get; set; }

    /// <summary>Both name the same catalogue treaty, or neither names one.</summary>
    public static bool SameTreaty(Candidate first, Candidate second) =>
        (first.Entry is not null && second.Entry is not null && first.Entry.Id == second.Entry.Id) || (first.Entry is null && second.Entry is null);

    /// <summary>Their treaty words overlap in the text.</summary>
    public static bool Overlap(Candidate first, Candidate second) =>
        first.TreatyStart < second.TreatyEnd && second.TreatyStart < first.TreatyEnd;
}
