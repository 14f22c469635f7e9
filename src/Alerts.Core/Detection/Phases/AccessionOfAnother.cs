namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Attach treaty, for accessions: another state's accession to an organisation, approved or ratified by this one
/// ("Turkey ratifies Finland's NATO membership" → Finland's accession protocol), and an application to join
/// («подадут заявку на вступление в НАТО»).
/// </summary>
internal sealed class AccessionOfAnother
{
    private readonly TreatyCatalog _catalog;
    private readonly HashSet<string> _accessionParents;

    public AccessionOfAnother(TreatyCatalog catalog)
    {
        _catalog = catalog;
        _accessionParents = catalog.Entries.Where(entry => entry.AccessionOf is not null && entry.ParentId is not null)
            .Select(entry => entry.ParentId!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"Turkey approves Finland's NATO membership", «Парламент Турции одобрил вступление Финляндии в НАТО».</summary>
    public TreatyHit? Find(TextSegment segment, ActionHit hit, ItemContext item)
    {
        var org = item.Segments.SelectMany(s => s.Mentions).FirstOrDefault(mention => mention.IsOrganisation && _accessionParents.Contains(mention.Entry.Id));
        if (org is null)
        {
            return null;
        }
        var joining = JoiningState(segment, hit, org);
        if (joining is null)
        {
            return null;
        }
        if (hit.Kind == ActionKind.AccessionNoun)
        {
            // The accession noun itself needs a ratifying or approving verb before it in the clause.
            var (clauseStart, _) = segment.ClauseAround(hit.CharStart);
            var verb = segment.Actions.Any(other => other.Kind is ActionKind.Ratification or ActionKind.Approval && other.CharStart < hit.CharStart && other.CharStart >= clauseStart);
            if (!verb)
            {
                return null;
            }
        }
        var state = joining.Value;
        var protocol = _catalog.Entries.FirstOrDefault(entry => entry.AccessionOf == state.Code && entry.ParentId == org.Entry.Id);
        var mention = protocol is not null ? new TreatyMention(protocol, state.Start, state.End, false) : null;
        return new TreatyHit(mention, state.Start, state.End, protocol is null, true, state.Code);
    }

    /// <summary>The state attached to an accession word after the action ("Finland's entrance", «вступление Финляндии»).</summary>
    private static StateMention? JoiningState(TextSegment segment, ActionHit hit, TreatyMention org)
    {
        var tokens = segment.Tokens;
        var (_, sentenceEnd) = segment.SentenceAround(hit.CharStart);
        foreach (var state in segment.States)
        {
            if (state.Start < hit.TokenStart - 1 || tokens[state.Start].Start >= sentenceEnd || state.IsActor)
            {
                continue;
            }
            var next = NextContent(tokens, state.End, org);
            var prev = PrevContent(tokens, state.Start);
            var nextAccession = next >= 0 && DetectionWords.IsAccessionWord(tokens[next].Text);
            var prevAccession = prev >= 0 && prev >= hit.TokenStart && DetectionWords.IsAccessionWord(tokens[prev].Text);
            if ((nextAccession || prevAccession) && (state.Start >= hit.TokenEnd || hit.Kind == ActionKind.AccessionNoun))
            {
                return state;
            }
        }
        return null;
    }

    /// <summary>«подадут заявку на вступление в НАТО», "submit applications to join NATO": an announced accession.</summary>
    public static TreatyHit? ApplicationToJoin(TextSegment segment, ActionHit hit)
    {
        var tokens = segment.Tokens;
        var prev = PrevContent(tokens, hit.TokenStart);
        if (prev < 0 || !(tokens[prev].Text.StartsWith("заявк", StringComparison.Ordinal) || tokens[prev].Text.StartsWith("application", StringComparison.Ordinal)))
        {
            return null;
        }
        var verb = PrevContent(tokens, prev);
        if (verb < 0 || !(tokens[verb].Text.StartsWith("пода", StringComparison.Ordinal) || tokens[verb].Text.StartsWith("submit", StringComparison.Ordinal)
            || tokens[verb].Text.StartsWith("file", StringComparison.Ordinal) || tokens[verb].Text.StartsWith("hand", StringComparison.Ordinal)))
        {
            return null;
        }
        var org = segment.Mentions.FirstOrDefault(mention => mention.IsOrganisation && mention.Start >= hit.TokenEnd && mention.Start <= hit.TokenEnd + 2);
        return org is null ? null : new TreatyHit(org, org.Start, org.End, false, false, null);
    }

    private static int NextContent(List<Token> tokens, int from, TreatyMention org)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].IsStop || tokens[i].Stem == org.Entry.Id || tokens[i].Text is "nato" or "нато" or "ue")
            {
                continue;
            }
            return i;
        }
        return -1;
    }

    private static int PrevContent(List<Token> tokens, int from)
    {
        for (var i = from - 1; i >= 0; i--)
        {
            if (!tokens[i].IsStop)
            {
                return i;
            }
        }
        return -1;
    }
}
