using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>
/// Build a candidate: an action word and the treaty attached to it become a <see cref="Candidate"/> with its action,
/// states, evidence, rank and first score — or nothing, when the pair is not a step on that treaty.
/// </summary>
internal static class CandidateBuilder
{
    /// <summary>
    /// A necessary condition for <see cref="Build"/> to return a candidate for any action word of the item, cheap to
    /// compute: a catalogue name in the item, a state in the item, or a Russian act's title. Why it is exact: a treaty
    /// hit names a catalogue entry only when it comes from a segment's <see cref="TextSegment.Mentions"/> (named in
    /// reach, an application to join) or from <see cref="AccessionOfAnother"/>, which needs an organisation among the
    /// item's mentions; every other hit is generic. A generic candidate needs states, and
    /// <see cref="StateAttacher.StatesFor"/> takes them only from the item's segments' <see cref="TextSegment.States"/>
    /// or from <see cref="DetectionPatterns.RussianAct"/> on the title. So when this is false, every action word
    /// ends as no candidate and the item has no event (DetectionMechanicsTests holds it to the detector's own answer).
    /// </summary>
    public static bool MayBuildAny(ItemContext item) =>
        item.Title.Mentions.Count > 0 || item.Summary.Mentions.Count > 0
        || item.Title.States.Count > 0 || item.Summary.States.Count > 0
        || DetectionPatterns.RussianAct().IsMatch(item.Title.Text);

    public static Candidate? Build(TextSegment segment, ActionHit hit, TreatyHit treaty, int sentenceStart, int sentenceEnd, int clauseStart, ItemContext item, string words)
    {
        var tokens = segment.Tokens;
        var action = treaty.ViaAccession ? TreatyAction.Ratification : ActionFor(hit.Kind);
        var generic = treaty.Mention is null;
        var name = treaty.Mention is not null ? treaty.Mention.Entry.DisplayName : BareTreatyWord.NameAsWritten(segment, treaty);
        var treatyText = segment.Cased[tokens[treaty.Start].Start..tokens[Math.Max(treaty.Start, treaty.End - 1)].End];
        var organisationWord = generic && DetectionWords.IsOrganisationWord(tokens[treaty.Start].Text);

        if (generic && !organisationWord && !BareTreatyWord.Accept(segment, hit, treaty, sentenceStart, sentenceEnd, action))
        {
            return null;
        }
        // An approval counts only for something that is ratified: a treaty, protocol or convention, not a deal or a law.
        // A government that approves a draft agreement decides to sign it («одобрил проект соглашения», "approves the draft treaty").
        var draft = hit.Kind == ActionKind.Approval && treaty.Start > 0 && tokens[treaty.Start - 1].Text is "draft" or "проект" or "projekt";
        // A parliament that passes a trade deal ratifies it ("MPs pass Brexit trade deal").
        if (hit.Kind == ActionKind.Approval && !draft && !treaty.ViaAccession && (generic && DetectionWords.IsLooseWord(tokens[treaty.Start].Text))
            && !DetectionPatterns.Legislature().IsMatch(segment.Text.AsSpan(clauseStart, hit.CharStart - clauseStart)))
        {
            return null;
        }
        if (!TreatyAttacher.IsStepOnTheTreaty(tokens, hit, treaty, words, treatyText))
        {
            return null;
        }
        if (hit.Kind == ActionKind.Approval && treaty.Mention is not null && treaty.Mention.IsOrganisation)
        {
            return null;
        }

        // Who acts: the states before the action in its clause, else in its sentence, else right after a noun
        // ("выход России"), else anywhere in the item; a Russian act's title means Russia.
        var states = StateAttacher.StatesFor(segment, hit, treaty, clauseStart, sentenceStart, sentenceEnd, item, out var stateEvidence);
        if (states.Count == 0 && generic)
        {
            return null;
        }
        if (states.Count == 0 && action == TreatyAction.EntryIntoForce && treaty.Mention is not null)
        {
            states = [.. treaty.Mention.Entry.Parties]; // a bilateral treaty enters into force for both parties
        }
        // Many unnamed signatories ("65 countries sign ...") are no list of parties: a state named after them is not one.
        if (action == TreatyAction.Signature && stateEvidence?.StartsWith(StateAttacher.ManyStates, StringComparison.Ordinal) != true)
        {
            var parties = StateAttacher.Signatories(segment, hit, sentenceStart, sentenceEnd).Where(party => party.Length == 2 && !states.Contains(party)).ToList();
            states = [.. states, .. parties];
        }
        if (generic && !organisationWord && StateAttacher.PartyNames(segment, hit, sentenceStart, sentenceEnd) is { Length: > 0 } partyNames)
        {
            name = partyNames + " " + name; // "Britain–Japan trade deal"
        }
        List<string> evidence = ["action: " + words, "treaty: " + treatyText];
        if (stateEvidence is not null)
        {
            evidence.Add("state: " + stateEvidence);
        }
        return new Candidate
        {
            Action = draft ? TreatyAction.Signature : action, // the states above are still found as for the approval
            Entry = treaty.Mention?.Entry,
            Name = name,
            Generic = generic,
            OrganisationWord = organisationWord,
            ClauseBefore = segment.Text[clauseStart..hit.CharStart],
            Segment = segment,
            SentenceStart = sentenceStart,
            SentenceEnd = sentenceEnd,
            States = states,
            Score = new ConfidenceFactors(!generic, stateEvidence is not null, segment.IsTitle, treaty.Mention is { IsOrganisation: true }, hit.Kind == ActionKind.Approval),
            ActionWords = words,
            Evidence = evidence,
            Rank = Rank(hit.Kind),
            TreatyStart = treaty.Start,
            TreatyEnd = treaty.End,
        };
    }

    /// <summary>The event's action for an action word's kind; an approval and a bare ratification word read as ratification.</summary>
    public static TreatyAction ActionFor(ActionKind kind) => kind switch
    {
        ActionKind.Deratification => TreatyAction.Deratification,
        ActionKind.EntryIntoForce => TreatyAction.EntryIntoForce,
        ActionKind.Accession => TreatyAction.Accession,
        ActionKind.Withdrawal => TreatyAction.Withdrawal,
        ActionKind.Suspension => TreatyAction.Suspension,
        ActionKind.Signature => TreatyAction.Signature,
        ActionKind.AccessionNoun => TreatyAction.Accession,
        ActionKind.Extension => TreatyAction.Other,
        _ => TreatyAction.Ratification,
    };

    /// <summary>Which of two candidates for the same treaty in one segment wins: the more decisive step.</summary>
    public static int Rank(ActionKind kind) => kind switch
    {
        ActionKind.Deratification => 9,
        ActionKind.Withdrawal => 8,
        ActionKind.Suspension => 7,
        ActionKind.Ratification => 6,
        ActionKind.Accession => 5,
        ActionKind.EntryIntoForce => 4,
        ActionKind.Approval => 3,
        _ => 1,
    };
}
