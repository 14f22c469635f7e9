using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>Attach treaty, second pass: a bare treaty word takes the catalogue treaty the item names elsewhere ("nuclear deal" + "New START").</summary>
internal static class GenericTreatyResolver
{
    public static void Resolve(Candidate candidate, ItemContext item)
    {
        if (!candidate.Generic)
        {
            return;
        }
        var named = candidate.Segment.Mentions.Concat(item.Segments.Where(other => other != candidate.Segment).SelectMany(other => other.Mentions))
            .FirstOrDefault(mention => candidate.OrganisationWord
                ? mention.IsOrganisation
                : !mention.IsOrganisation || candidate.Action is TreatyAction.Accession or TreatyAction.Withdrawal);
        if (named is not null)
        {
            candidate.Entry = named.Entry;
            candidate.Name = named.Entry.DisplayName;
            candidate.Generic = false;
            candidate.Evidence.Add("named elsewhere: " + named.Entry.DisplayName);
            candidate.Confidence += ConfidenceScore.NamedElsewhere;
        }
    }
}
