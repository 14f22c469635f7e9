namespace Alerts.Core.Detection.Phases;

/// <summary>An item's two normalised segments, title first: what every phase after normalising reads.</summary>
internal sealed class ItemContext(TextSegment title, TextSegment summary)
{
    public TextSegment Title { get; } = title;
    public TextSegment Summary { get; } = summary;

    public IEnumerable<TextSegment> Segments
    {
        get
        {
            yield return Title;
            yield return Summary;
        }
    }
}

internal readonly record struct TreatyHit(TreatyMention? Mention, int Start, int End, bool Generic, bool ViaAccession, string? CandidateState);
