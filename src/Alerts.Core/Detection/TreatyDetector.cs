using Alerts.Core.Detection.Phases;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection;

/// <summary>
/// Rule-based treaty-action detector for English and Russian (and a little Polish) news and official titles.
/// An event is an action word (ratify, денонсация, pulls out of...) tied to a treaty named nearby, by a state,
/// in a clause that does not frame it as a threat, call, possibility, talk, accusation or history.
/// The headline's events win; the summary adds detail, or supplies the event when the headline has none.
/// </summary>
public sealed class TreatyDetector : ITreatyDetector
{
    private readonly TreatyCatalog _catalog;
    private readonly TreatyAttacher _treaties;

    public TreatyDetector(TreatyCatalog catalog)
    {
        _catalog = catalog;
        _treaties = new TreatyAttacher(catalog);
    }

    /// <summary>Builds a detector from config/treaties.json.</summary>
    public static TreatyDetector FromCatalogFile(string catalogPath) => new(TreatyCatalog.Load(catalogPath));

    public TreatyCatalog Catalog => _catalog;

    public IReadOnlyList<TreatyDetection> Detect(DetectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Most feed items hold no action word at all: say so before normalising anything.
        if (!MayHoldAction(input.Title) && !MayHoldAction(input.Summary))
        {
            return [];
        }
        var title = TextSegment.Parse(Limit(input.Title), _catalog, isTitle: true);
        var summary = TextSegment.Parse(Limit(input.Summary), _catalog, isTitle: false);
        if (title.Actions.Count == 0 && summary.Actions.Count == 0)
        {
            return [];
        }
        title.IndexActions();
        summary.IndexActions();

        var item = new ItemContext(title, summary);
        var titleEvents = FindEvents(title, item, out var titleBlocked);
        List<Candidate> events;
        if (titleEvents.Count > 0)
        {
            events = titleEvents;
            foreach (var e in events)
            {
                ResolveGeneric(e, item);
            }
            // The summary may say the same step more precisely: "to join the ICC" / "parliament ratifies the Rome Statute",
            // "withdraw from the test ban treaty" / "the bill to revoke ratification", "pulls out" / "suspends".
            if (summary.Actions.Count > 0)
            {
                var summaryEvents = FindEvents(summary, item, out _);
                foreach (var s in summaryEvents)
                {
                    ResolveGeneric(s, item);
                }
                var otherTreatyInSummary = summary.Mentions.Any(m => events.All(e => e.Entry?.Id != m.Entry.Id));
                foreach (var e in events)
                {
                    var formal = summaryEvents.FirstOrDefault(s => SameTreaty(s, e) && MorePrecise(e.Action, s.Action));
                    if (formal is not null)
                    {
                        e.Action = formal.Action;
                        e.ActionWords = formal.ActionWords;
                        e.ClauseBefore = formal.ClauseBefore;
                        e.Evidence.Add("summary: " + formal.ActionWords);
                    }
                    else if (!otherTreatyInSummary && e.Action == TreatyAction.Withdrawal)
                    {
                        var hit = summary.Actions.FirstOrDefault(h => h.Kind is ActionKind.Deratification);
                        if (hit.CharEnd > 0)
                        {
                            e.Action = TreatyAction.Deratification;
                            e.Evidence.Add("summary: " + summary.Text[hit.CharStart..hit.CharEnd]);
                        }
                    }
                }
            }
        }
        else if (!titleBlocked)
        {
            events = FindEvents(summary, item, out _);
            foreach (var e in events)
            {
                e.Confidence += ConfidenceScore.SummaryOnly;
                ResolveGeneric(e, item);
            }
        }
        else
        {
            return [];
        }

        var results = new List<TreatyDetection>(events.Count);
        foreach (var e in events)
        {
            if (e.Generic && e.OrganisationWord)
            {
                continue; // "joins the alliance" with no alliance named in the item
            }
            e.Stage = Stage(e, item);
            var treaty = e.Entry is not null ? new TreatyRef(e.Entry.Id, e.Entry.DisplayName) : new TreatyRef(TreatyRef.UnknownId, e.Name);
            if (results.Any(r => r.Treaty.Id == treaty.Id && r.Action == e.Action && (treaty.Id != TreatyRef.UnknownId || r.Treaty.Name == treaty.Name)))
            {
                continue;
            }
            results.Add(new TreatyDetection(treaty, e.Action, e.States, e.Stage, ConfidenceScore.Final(e.Confidence), e.Evidence));
        }
        return results;
    }

    private static bool MayHoldAction(string? text) =>
        !string.IsNullOrEmpty(text) && DetectionPatterns.ActionStemStartsAnyCase.IndexOf(text.AsSpan(0, Math.Min(text.Length, 4000))) >= 0;

    // External input: a summary longer than this is cut; events are in the first paragraphs anyway.
    private static string Limit(string? text) => text is null ? "" : text.Length > 4000 ? text[..4000] : text;

    private static bool MorePrecise(TreatyAction headline, TreatyAction summary) =>
        (headline == TreatyAction.Accession && summary == TreatyAction.Ratification)
        || (headline == TreatyAction.Withdrawal && summary is TreatyAction.Suspension or TreatyAction.Deratification);

    private static bool SameTreaty(Candidate a, Candidate b) =>
        (a.Entry is not null && b.Entry is not null && a.Entry.Id == b.Entry.Id) || (a.Entry is null && b.Entry is null);

    private sealed class Candidate
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
    }

    private List<Candidate> FindEvents(TextSegment seg, ItemContext item, out bool blocked)
    {
        blocked = false;
        var found = new List<Candidate>();
        if (seg.Actions.Count == 0)
        {
            return found;
        }
        var claimed = new List<(int Start, int End)>();
        foreach (var a in seg.Actions)
        {
            if (claimed.Any(span => a.TokenStart >= span.Start && a.TokenStart < span.End))
            {
                continue; // inside a treaty name already taken: «Протокола о прекращении действия Соглашения»
            }
            var (ss, se) = seg.SentenceAround(a.CharStart);
            if (LeavesACountry(seg, a))
            {
                blocked |= seg.IsTitle; // "troops leave Afghanistan": the item is about that, not about a treaty
                continue;
            }
            var treaty = _treaties.Find(seg, a, ss, se, item);
            if (treaty is null)
            {
                continue; // most action words ("signed", "joined", "left") have no treaty near them
            }
            var (cs, ce) = seg.ClauseAround(a.CharStart);
            var clausePrefix = seg.Text.AsSpan(cs, a.CharStart - cs);
            var words = seg.Text[a.CharStart..a.CharEnd];
            // Context that makes it not a step: the clause opens as background, or says threat/call/could/talks, or negates.
            if (seg.Checks.Matches(DetectionPatterns.BackgroundClause(), cs, ce)
                || (!seg.IsTitle && seg.Checks.Matches(DetectionPatterns.TemporalClause(), cs, ce))
                || seg.Checks.NotAStepBefore(cs, a.CharStart)
                || DetectionPatterns.NegatedBefore().IsMatch(clausePrefix)
                || DetectionPatterns.HistoricalYear().IsMatch(Near(seg.Text, a, cs, ce))
                || seg.Checks.Matches(DetectionPatterns.HistoricalSentence(), ss, se)
                || DetectionPatterns.ElapsedSince().IsMatch(seg.Text.AsSpan(ss, a.CharStart - ss))
                || (ce > a.CharEnd && seg.Checks.ConditionAfter(a.CharEnd, ce)))
            {
                blocked |= seg.IsTitle;
                continue;
            }
            if (a.Kind == ActionKind.Signature && SignsDomesticAct(seg, a))
            {
                continue;
            }
            if (NamesSomethingElse(seg, a, words, ce))
            {
                continue;
            }

            var c = BuildCandidate(seg, a, treaty.Value, ss, se, cs, item, words);
            if (c is null)
            {
                continue;
            }
            if (c.Generic)
            {
                claimed.Add((c.TreatyStart, c.TreatyEnd));
            }
            var same = found.FindIndex(f => SameTreaty(f, c) && (f.Entry is not null || f.Name == c.Name || Overlap(f, c)));
            if (same >= 0)
            {
                if (found[same].Rank < c.Rank)
                {
                    found[same] = c;
                }
                continue;
            }
            found.Add(c);
        }
        return found;
    }

    /// <summary>The words around an action in its clause: a year there dates the step ("joined in 1955", «в 2019 году вышла»).</summary>
    private static ReadOnlySpan<char> Near(string text, ActionHit a, int clauseStart, int clauseEnd)
    {
        var from = Math.Max(clauseStart, a.CharStart - 30);
        var to = Math.Min(clauseEnd, a.CharEnd + 30);
        return text.AsSpan(from, Math.Max(0, to - from));
    }

    /// <summary>
    /// An action word that is not a step on a treaty: part of a treaty's name ("withdrawal agreement", "accession
    /// protocol"); a gerund that is the subject of a statement ("leaving the EU will affect travel").
    /// </summary>
    private static bool NamesSomethingElse(TextSegment seg, ActionHit a, string words, int clauseEnd)
    {
        var tokens = seg.Tokens;
        var next = a.TokenEnd < tokens.Count ? tokens[a.TokenEnd] : default;
        if (next.Text is not null && words is "withdrawal" or "accession" or "exit" or "membership" or "denunciation" or "termination" or "suspension"
            && DetectionWords.IsTreatyWord(next.Text))
        {
            return true;
        }
        if (words.EndsWith("ing", StringComparison.Ordinal) && DetectionPatterns.StatementAfter().IsMatch(seg.Text.AsSpan(a.CharEnd, Math.Max(0, clauseEnd - a.CharEnd))))
        {
            return true;
        }
        return false;
    }

    /// <summary>"troops leave Afghanistan", «покинут Афганистан»: a verb of leaving whose object is a country.</summary>
    private static bool LeavesACountry(TextSegment seg, ActionHit a)
    {
        var tokens = seg.Tokens;
        var words = seg.Text[a.CharStart..a.CharEnd];
        return a.Kind == ActionKind.Withdrawal && a.TokenEnd < tokens.Count && !tokens[a.TokenEnd].IsStop && DetectionWords.LeavesAPlace(words)
            && seg.States.Any(st => st.Start == a.TokenEnd && !st.IsActor);
    }

    private static bool Overlap(Candidate a, Candidate b) => a.TreatyStart < b.TreatyEnd && b.TreatyStart < a.TreatyEnd;

    private static bool SignsDomesticAct(TextSegment seg, ActionHit a)
    {
        var tokens = seg.Tokens;
        for (var i = a.TokenEnd; i < Math.Min(tokens.Count, a.TokenEnd + 3); i++)
        {
            var w = tokens[i].Text;
            if (w is "law" or "laws" or "bill" or "decree" or "order" or "legislation" or "statement" or "petition" or "letter" or "contract" or "contracts"
                || w.StartsWith("закон", StringComparison.Ordinal) || w.StartsWith("указ", StringComparison.Ordinal)
                || w.StartsWith("постановлени", StringComparison.Ordinal) || w.StartsWith("распоряжени", StringComparison.Ordinal)
                || w.StartsWith("ustaw", StringComparison.Ordinal) || w.StartsWith("меморандум", StringComparison.Ordinal)
                || w is "memorandum" or "mou")
            {
                return true;
            }
        }
        return false;
    }

    private Candidate? BuildCandidate(TextSegment seg, ActionHit a, TreatyHit t, int ss, int se, int cs, ItemContext item, string words)
    {
        var tokens = seg.Tokens;
        var action = a.Kind switch
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
        if (t.ViaAccession)
        {
            action = TreatyAction.Ratification;
        }
        var name = t.Mention is not null ? t.Mention.Entry.DisplayName : TreatyAttacher.NameAsWritten(seg, t);
        var c = new Candidate
        {
            Action = action,
            Entry = t.Mention?.Entry,
            Name = name,
            Generic = t.Mention is null,
            Segment = seg,
            SentenceStart = ss,
            SentenceEnd = se,
            FromApproval = a.Kind == ActionKind.Approval,
            ActionWords = words,
            TreatyStart = t.Start,
            TreatyEnd = t.End,
        };
        var treatyText = seg.Cased[tokens[t.Start].Start..tokens[Math.Max(t.Start, t.End - 1)].End];
        c.OrganisationWord = c.Generic && DetectionWords.IsOrganisationWord(tokens[t.Start].Text);

        if (c.Generic && !c.OrganisationWord && !TreatyAttacher.AcceptGeneric(seg, a, t, ss, se, action))
        {
            return null;
        }
        // An approval counts only for something that is ratified: a treaty, protocol or convention, not a deal or a law.
        // A government that approves a draft agreement decides to sign it («одобрил проект соглашения», "approves the draft treaty").
        var draft = a.Kind == ActionKind.Approval && t.Start > 0 && tokens[t.Start - 1].Text is "draft" or "проект" or "projekt";
        if (draft)
        {
            c.Action = TreatyAction.Signature;
        }
        // A parliament that passes a trade deal ratifies it ("MPs pass Brexit trade deal").
        if (a.Kind == ActionKind.Approval && !draft && !t.ViaAccession && (c.Generic && DetectionWords.IsLooseWord(tokens[t.Start].Text))
            && !DetectionPatterns.Legislature().IsMatch(seg.Text.AsSpan(cs, a.CharStart - cs)))
        {
            return null;
        }
        if (!TreatyAttacher.IsStepOnTheTreaty(tokens, a, t, words, treatyText))
        {
            return null;
        }
        if (a.Kind == ActionKind.Approval && t.Mention is not null && t.Mention.IsOrganisation)
        {
            return null;
        }

        // Who acts: the states before the action in its clause, else in its sentence, else right after a noun
        // ("выход России"), else anywhere in the item; a Russian act's title means Russia.
        var states = StateAttacher.StatesFor(seg, a, t, cs, ss, se, item, out var stateEvidence);
        if (states.Count == 0 && c.Generic)
        {
            return null;
        }
        if (states.Count == 0 && action == TreatyAction.EntryIntoForce && t.Mention is not null)
        {
            states = [.. t.Mention.Entry.Parties]; // a bilateral treaty enters into force for both parties
        }
        if (action == TreatyAction.Signature)
        {
            var parties = StateAttacher.Signatories(seg, a, ss, se).Where(p => p.Length == 2 && !states.Contains(p)).ToList();
            states = [.. states, .. parties];
        }
        if (c.Generic && !c.OrganisationWord && StateAttacher.PartyNames(seg, a, ss, se) is { Length: > 0 } partyNames)
        {
            c.Name = partyNames + " " + c.Name; // "Britain–Japan trade deal"
        }
        c.States = states;
        c.ClauseBefore = seg.Text[cs..a.CharStart];
        c.Rank = Rank(a.Kind);
        c.Evidence.Add("action: " + words);
        c.Evidence.Add("treaty: " + treatyText);
        if (stateEvidence is not null)
        {
            c.Evidence.Add("state: " + stateEvidence);
        }
        c.Confidence = ConfidenceScore.Initial(!c.Generic, stateEvidence is not null, seg.IsTitle, t.Mention is { IsOrganisation: true }, a.Kind == ActionKind.Approval);
        return c;
    }

    private static int Rank(ActionKind kind) => kind switch
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

    /// <summary>Replaces a treaty word with the catalogue treaty the item names elsewhere ("nuclear deal" + "New START").</summary>
    private static void ResolveGeneric(Candidate e, ItemContext item)
    {
        if (!e.Generic)
        {
            return;
        }
        var named = e.Segment.Mentions.Concat(item.Segments.Where(s => s != e.Segment).SelectMany(s => s.Mentions))
            .FirstOrDefault(m => e.OrganisationWord ? m.IsOrganisation : !m.IsOrganisation || e.Action is TreatyAction.Accession or TreatyAction.Withdrawal);
        if (named is not null)
        {
            e.Entry = named.Entry;
            e.Name = named.Entry.DisplayName;
            e.Generic = false;
            e.Evidence.Add("named elsewhere: " + named.Entry.DisplayName);
            e.Confidence += ConfidenceScore.NamedElsewhere;
        }
    }

    private static TreatyStage Stage(Candidate e, ItemContext item)
    {
        var decision = StageDecider.Decide(new StageInput(e.Action, e.ActionWords, e.ClauseBefore, item.Title.Text, item.Summary.Text,
            e.Segment.Text[e.SentenceStart..e.SentenceEnd]));
        if (decision.Cue is not null)
        {
            e.Evidence.Add("stage: " + decision.Cue);
        }
        return decision.Stage;
    }
}
