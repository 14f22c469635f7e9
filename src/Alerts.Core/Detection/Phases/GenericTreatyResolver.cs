using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>Attach treaty, second pass: a bare treaty word takes the catalogue treaty the item names elsewhere ("nuclear deal" + "New START").</summary>
internal static class GenericTreatyResolver
{
    public static Candidate Resolve(Candidate candidate, ItemContext item, TreatyCatalog catalog)
    {
        if (!candidate.Generic)
        {
            return candidate;
        }
        if (DetectionWords.IsInstrumentWord(candidate.Segment.Tokens[candidate.TreatyStart].Text)
            && candidate.Segment.Mentions.Any(mention => mention.Start >= candidate.TreatyStart && mention.End <= candidate.TreatyEnd))
        {
            return candidate; // "Optional Protocol to the Vienna Convention": an instrument of a named treaty, not that treaty
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
            return candidate.OrganisationWord ? candidate : ByParties(candidate, catalog);
        }
        return candidate.WithEvidence("named elsewhere: " + named.Entry.DisplayName) with
        {
            Entry = named.Entry,
            Name = named.Entry.DisplayName,
            Generic = false,
            Score = candidate.Score with { NamedElsewhere = true },
        };
    }

    /// <summary>
    /// "Russia and North Korea sign treaty", «закон о ратификации договора с КНДР»: an unnamed treaty between named states is
    /// the catalogue's treaty between exactly those parties, when only one fits — every party named in the sentence, every
    /// acting state a party, and every word of the name as written (noun and qualifiers, states aside) found in that
    /// treaty's names ("mutual defence treaty" fits the partnership treaty; "visa agreement" does not).
    /// </summary>
    private static Candidate ByParties(Candidate candidate, TreatyCatalog catalog)
    {
        var sentenceFirst = candidate.Segment.TokenAt(candidate.SentenceStart);
        var sentenceLast = candidate.Segment.TokenAt(candidate.SentenceEnd);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in candidate.Segment.States)
        {
            if (state.Start >= sentenceFirst && state.End <= sentenceLast)
            {
                named.Add(state.Code);
            }
        }
        if (named.Count < 2)
        {
            return candidate;
        }
        var nameTokens = TextTokens.Tokenize(TextNormalizer.Normalize(candidate.Name, out var cased), cased);
        var stateWords = new HashSet<int>();
        foreach (var state in StateLexicon.Find(nameTokens))
        {
            for (var k = state.Start; k < state.End; k++)
            {
                stateWords.Add(k);
            }
        }
        TreatyCatalogEntry? found = null;
        foreach (var (entry, stems) in catalog.PartyTreaties())
        {
            if (!entry.Parties.All(named.Contains) || !candidate.States.All(entry.Parties.Contains))
            {
                continue;
            }
            var fits = true;
            for (var k = 0; k < nameTokens.Count && fits; k++)
            {
                fits = nameTokens[k].IsStop || stateWords.Contains(k) || stems.Contains(nameTokens[k].Stem);
            }
            if (!fits)
            {
                continue;
            }
            if (found is not null)
            {
                return candidate; // two treaties between these parties fit the words: which one is not said
            }
            found = entry;
        }
        if (found is null)
        {
            return candidate;
        }
        return candidate.WithEvidence("treaty between its parties: " + found.DisplayName) with
        {
            Entry = found,
            Name = found.DisplayName,
            Generic = false,
            Score = candidate.Score with { NamedElsewhere = true },
        };
    }
}
