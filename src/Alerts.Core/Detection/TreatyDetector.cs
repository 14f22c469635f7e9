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
    private const int WindowAfter = 8;
    private const int WindowBefore = 3;

    private readonly TreatyCatalog _catalog;
    private readonly HashSet<string> _accessionParents;

    public TreatyDetector(TreatyCatalog catalog)
    {
        _catalog = catalog;
        _accessionParents = catalog.Entries.Where(e => e.AccessionOf is not null && e.ParentId is not null)
            .Select(e => e.ParentId!).ToHashSet(StringComparer.Ordinal);
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
        !string.IsNullOrEmpty(text) && DetectionPatterns.HasActionStem(text.AsSpan(0, Math.Min(text.Length, 4000)), DetectionPatterns.ActionStemsAnyCase);

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
            var treaty = FindTreaty(seg, a, ss, se, item);
            if (treaty is null)
            {
                continue; // most action words ("signed", "joined", "left") have no treaty near them
            }
            var (cs, ce) = seg.ClauseAround(a.CharStart);
            var clausePrefix = seg.Text.AsSpan(cs, a.CharStart - cs);
            var words = seg.Text[a.CharStart..a.CharEnd];
            // Context that makes it not a step: the clause opens as background, or says threat/call/could/talks, or negates.
            if (DetectionPatterns.BackgroundClause().IsMatch(seg.Text.AsSpan(cs, ce - cs))
                || (!seg.IsTitle && DetectionPatterns.TemporalClause().IsMatch(seg.Text.AsSpan(cs, ce - cs)))
                || DetectionPatterns.NotAStep().IsMatch(clausePrefix)
                || DetectionPatterns.NegatedBefore().IsMatch(clausePrefix)
                || DetectionPatterns.HistoricalYear().IsMatch(Near(seg.Text, a, cs, ce))
                || DetectionPatterns.HistoricalSentence().IsMatch(seg.Text.AsSpan(ss, se - ss))
                || DetectionPatterns.ConditionAfter().IsMatch(seg.Text.AsSpan(a.CharEnd, Math.Max(0, ce - a.CharEnd))))
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

    /// <summary>The treaty an action word is about: a catalogue name close after it (or just before), else a treaty word.</summary>
    private TreatyHit? FindTreaty(TextSegment seg, ActionHit a, int ss, int se, ItemContext item)
    {
        var tokens = seg.Tokens;
        var sentenceFirst = seg.TokenAt(ss);
        var sentenceLast = seg.TokenAt(se) - 1;

        // Accession of another state approved or ratified by this one: "Turkey ratifies Finland's NATO membership".
        if (a.Kind is ActionKind.Ratification or ActionKind.Approval or ActionKind.AccessionNoun)
        {
            var nato = AccessionOfAnother(seg, a, sentenceFirst, sentenceLast, item);
            if (nato is not null)
            {
                return nato;
            }
            if (a.Kind == ActionKind.AccessionNoun)
            {
                return ApplicationToJoin(seg, a, item);
            }
        }

        TreatyMention? after = null, before = null;
        foreach (var m in seg.Mentions)
        {
            if (m.Start < sentenceFirst || m.Start > sentenceLast)
            {
                continue;
            }
            if (m.IsOrganisation && a.Kind is not (ActionKind.Accession or ActionKind.Withdrawal or ActionKind.Suspension))
            {
                continue;
            }
            if (m.Start >= a.TokenStart + 1 && m.Start - a.TokenEnd <= WindowAfter && after is null)
            {
                after = m;
            }
            if (m.End <= a.TokenStart && a.TokenStart - m.End <= WindowBefore && !m.IsOrganisation)
            {
                before = m;
            }
        }
        var generic = GenericAfter(seg, a, sentenceLast);
        // A catalogue name in reach beats a bare treaty word: «соглашения с США об утилизации плутония».
        if (after is not null)
        {
            return new TreatyHit(after, after.Start, after.End, false, false, null);
        }
        if (generic is not null)
        {
            return generic;
        }
        if (before is not null)
        {
            return new TreatyHit(before, before.Start, before.End, false, false, null);
        }
        return GenericBefore(seg, a, sentenceFirst);
    }

    private static TreatyHit? GenericAfter(TextSegment seg, ActionHit a, int sentenceLast)
    {
        if (a.Kind == ActionKind.AccessionNoun)
        {
            return null;
        }
        var tokens = seg.Tokens;
        var limit = Math.Min(sentenceLast, a.TokenEnd + WindowAfter);
        for (var i = a.TokenEnd; i <= limit && i < tokens.Count; i++)
        {
            if (DetectionWords.IsTreatyWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, NameEnd(seg, i), true, false, null);
            }
            if (i <= a.TokenEnd + 2 && a.Kind is ActionKind.Accession or ActionKind.Withdrawal && DetectionWords.IsOrganisationWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, i + 1, true, false, null);
            }
        }
        return null;
    }

    private static TreatyHit? GenericBefore(TextSegment seg, ActionHit a, int sentenceFirst)
    {
        var tokens = seg.Tokens;
        for (var i = a.TokenStart - 1; i >= Math.Max(sentenceFirst, a.TokenStart - WindowBefore); i--)
        {
            if (tokens[i].Text is "it" or "they" or "he" or "she" or "we" or "which" or "that" or "who")
            {
                return null; // "the treaty it signed with Britain": a relative clause about the past
            }
            if (DetectionWords.IsTreatyWord(tokens[i].Text))
            {
                return new TreatyHit(null, i, i + 1, true, false, null);
            }
        }
        return null;
    }

    /// <summary>How far a treaty word's name runs: Russian names follow the noun («Договора между ... о сотрудничестве»), English ones "of/on ...".</summary>
    private static int NameEnd(TextSegment seg, int nounIndex)
    {
        var tokens = seg.Tokens;
        var (_, clauseEnd) = seg.ClauseAround(tokens[nounIndex].Start);
        var end = nounIndex + 1;
        var cyrillic = tokens[nounIndex].Text[0] >= '\u0400';
        var max = cyrillic ? 16 : 0;
        if (!cyrillic && end < tokens.Count && tokens[end].Text is "on" or "of" or "between" && tokens[end].Start < clauseEnd)
        {
            max = 8;
        }
        while (end < tokens.Count && end - nounIndex <= max && tokens[end].Start < clauseEnd)
        {
            end++;
        }
        return end;
    }

    /// <summary>"Turkey approves Finland's NATO membership", «Парламент Турции одобрил вступление Финляндии в НАТО».</summary>
    private TreatyHit? AccessionOfAnother(TextSegment seg, ActionHit a, int sentenceFirst, int sentenceLast, ItemContext item)
    {
        var org = item.Segments.SelectMany(s => s.Mentions).FirstOrDefault(m => m.IsOrganisation && _accessionParents.Contains(m.Entry.Id));
        if (org is null)
        {
            return null;
        }
        var tokens = seg.Tokens;
        var (cs, ce) = seg.ClauseAround(a.CharStart);
        var (ss, se) = seg.SentenceAround(a.CharStart);
        // The candidate: a state attached to an accession word after the action ("Finland's entrance", «вступление Финляндии»).
        StateMention? candidate = null;
        foreach (var s in seg.States)
        {
            if (s.Start < a.TokenStart - 1 || tokens[s.Start].Start >= se || s.IsActor)
            {
                continue;
            }
            var next = NextContent(tokens, s.End, org);
            var prev = PrevContent(tokens, s.Start);
            var nextAccession = next >= 0 && DetectionWords.IsAccessionWord(tokens[next].Text);
            var prevAccession = prev >= 0 && prev >= a.TokenStart && DetectionWords.IsAccessionWord(tokens[prev].Text);
            if ((nextAccession || prevAccession) && (s.Start >= a.TokenEnd || a.Kind == ActionKind.AccessionNoun))
            {
                candidate = s;
                break;
            }
        }
        if (candidate is null)
        {
            return null;
        }
        if (a.Kind == ActionKind.AccessionNoun)
        {
            // The accession noun itself needs a ratifying or approving verb before it in the clause.
            var verb = seg.Actions.Any(x => x.Kind is ActionKind.Ratification or ActionKind.Approval && x.CharStart < a.CharStart && x.CharStart >= cs);
            if (!verb)
            {
                return null;
            }
        }
        var protocol = _catalog.Entries.FirstOrDefault(e => e.AccessionOf == candidate.Value.Code && e.ParentId == org.Entry.Id);
        var mention = protocol is not null ? new TreatyMention(protocol, candidate.Value.Start, candidate.Value.End, false) : null;
        return new TreatyHit(mention, candidate.Value.Start, candidate.Value.End, protocol is null, true, candidate.Value.Code);
    }

    /// <summary>«подадут заявку на вступление в НАТО», "submit applications to join NATO": an announced accession.</summary>
    private static TreatyHit? ApplicationToJoin(TextSegment seg, ActionHit a, ItemContext item)
    {
        var tokens = seg.Tokens;
        var prev = PrevContent(tokens, a.TokenStart);
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
        var org = seg.Mentions.FirstOrDefault(m => m.IsOrganisation && m.Start >= a.TokenEnd && m.Start <= a.TokenEnd + 2);
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
            _ => TreatyAction.Ratification,
        };
        if (t.ViaAccession)
        {
            action = TreatyAction.Ratification;
        }
        var name = t.Mention is not null ? t.Mention.Entry.DisplayName : NameAsWritten(seg, t);
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

        if (c.Generic && !c.OrganisationWord && !AcceptGeneric(seg, a, t, ss, se, action))
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
        // Returning to a deal is resuming it; returning to a treaty or an organisation is joining it again.
        if (DetectionWords.IsReturn(words) && treatyText.Contains("deal", StringComparison.OrdinalIgnoreCase) || DetectionWords.IsReturn(words) && treatyText.Contains("сделк", StringComparison.OrdinalIgnoreCase))
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

    private static bool AcceptGeneric(TextSegment seg, ActionHit a, TreatyHit t, int ss, int se, TreatyAction action)
    {
        var tokens = seg.Tokens;
        var noun = tokens[t.Start].Text;
        var sentence = seg.Text.AsSpan(ss, se - ss);
        if (DetectionPatterns.Business().IsMatch(sentence) || (DetectionWords.IsLooseWord(noun) && DetectionPatterns.Business().IsMatch(seg.Text)))
        {
            return false;
        }
        if (noun.StartsWith("convention", StringComparison.Ordinal)
            && DetectionPatterns.MeetingConvention().IsMatch(seg.Text.AsSpan(ss, tokens[t.Start].Start - ss)))
        {
            return false;
        }
        if (DetectionWords.IsLooseWord(noun) && (action == TreatyAction.Signature || !DetectionWords.IsAgreementWord(noun)))
        {
            // A deal or an agreement signed is a treaty when states sign it with each other ("Britain and Japan sign trade deal",
            // "Israel signs deals with Gulf states", «подписал соглашение с Бахрейном и ОАЭ»); otherwise too often an MoU or a contract.
            // Suspended, quit or ratified with an interstate qualifier it is a treaty.
            if (action == TreatyAction.Signature)
            {
                return StateAttacher.Signatories(seg, a, ss, se).Count >= 2 && !DetectionPatterns.NotAnInstrument().IsMatch(sentence);
            }
            var from = tokens[Math.Max(0, t.Start - 4)].Start;
            var to = tokens[Math.Min(tokens.Count - 1, t.Start + 4)].End;
            if (!DetectionPatterns.InterstateQualifier().IsMatch(seg.Text.AsSpan(from, to - from)) && StateAttacher.Signatories(seg, a, ss, se).Count(p => p != "+") < 2)
            {
                return false;
            }
        }
        return true;
    }

    private static string NameAsWritten(TextSegment seg, TreatyHit t)
    {
        var tokens = seg.Tokens;
        var start = t.Start;
        // English: keep up to three words before the noun ("nuclear arms control treaty").
        if (tokens[t.Start].Text[0] < '\u0400')
        {
            var k = 0;
            while (start > 0 && k < 3 && !tokens[start - 1].IsStop && !DetectionPatterns.Actions().IsMatch(tokens[start - 1].Text)
                   && !char.IsDigit(tokens[start - 1].Text[0]) && tokens[start - 1].Text is not ("its" or "a" or "the" or "last" or "key" or "landmark" or "remaining" or "historic" or "new" or "major" or "first"))
            {
                start--;
                k++;
            }
        }
        var end = Math.Max(t.End, t.Start + 1);
        return seg.Cased[tokens[start].Start..tokens[end - 1].End];
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
