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
        var named = candidate.Segment.Mentions.Concat(item.Segments.Where(other => other != candidate.Segment).SelectMany(other => other.Mentions))
            .FirstOrDefault(mention => candidate.OrganisationWord
                ? mention.IsOrganisation
                : !mention.IsOrganisation || candidate.Action is TreatyAction.Accession or TreatyAction.Withdrawal);
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
