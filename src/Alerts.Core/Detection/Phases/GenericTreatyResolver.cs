using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>Attach treaty, second pass: a bare treaty word takes the catalogue treaty the item names elsewhere ("nuclear deal" + "New START").</summary>
internal static class GenericTreatyResolver
{
    public static Candidate Resolve(Candidate candidate, ItemContext item)
    {
        if (!candidate.Generic)
        {
            return candidate;
        }
        var mentions = candidate.Segment.Mentions.Concat(item.Segments.Where(other => other != candidate.Segment).SelectMany(other => other.Mentions)).ToList();
        // An organisation word ("the alliance") stands for an organisation. A treaty word ("the treaty", "domestic violence
        // treaty") stands for a treaty the item names, wherever it names it, before an organisation it mentions: in "Council of
        // Europe 'alarmed' at Poland's plans to leave … treaty" + "withdraw from the Istanbul convention" the treaty is the
        // convention, and the organisation only speaks. Joining or leaving an organisation's founding treaty is the fallback.
        var named = candidate.OrganisationWord
            ? mentions.FirstOrDefault(mention => mention.IsOrganisation)
            : mentions.FirstOrDefault(mention => !mention.IsOrganisation)
              ?? (candidate.Action is TreatyAction.Accession or TreatyAction.Withdrawal ? mentions.FirstOrDefault(mention => mention.IsOrganisation) : null);
        if (named is null)
        {
            return candidate;
        }
        return candidate.WithEvidence("named elsewhere: " + named.Entry.DisplayName) with
        {
            Entry = named.Entry,
            Name = named.Entry.DisplayName,
            Generic = false,
            Score = candidate.Score with { NamedElsewhere = true },
        };
    }
}
