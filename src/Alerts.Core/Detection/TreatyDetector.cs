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
        // Normalised into this thread's buffers, not strings: most items that get here are let go before a segment is made.
        var scratch = DetectionScratch.Current;
        var titleLength = TextNormalizer.NormalizeInto(MarkupStripper.Strip(Limit(input.Title)), ref scratch.TitleLower, ref scratch.TitleCased);
        var summaryLength = TextNormalizer.NormalizeInto(MarkupStripper.Strip(Limit(input.Summary)), ref scratch.SummaryLower, ref scratch.SummaryCased);
        var titleText = scratch.TitleLower.AsSpan(0, titleLength);
        var summaryText = scratch.SummaryLower.AsSpan(0, summaryLength);
        // Asked first, though it lets fewer news items go than the action scan below: it costs about as much, and it lets
        // go every item of a treaty-dense feed (depositary notices full of action words, no state named).
        if (!MayNameTreatyOrState(scratch, titleLength, summaryLength))
        {
            return []; // no treaty named and no state anywhere in the item (CandidateBuilder.MayBuildAny, read from spans)
        }
        var titleFirst = TextSegment.FirstAction.In(titleText);
        var summaryFirst = TextSegment.FirstAction.In(summaryText);
        if (titleFirst.Hit is null && summaryFirst.Hit is null)
        {
            return [];
        }
        var title = TextSegment.FromNormalized(new string(titleText), new string(scratch.TitleCased.AsSpan(0, titleLength)), _catalog, isTitle: true, titleFirst);
        var summary = TextSegment.FromNormalized(new string(summaryText), new string(scratch.SummaryCased.AsSpan(0, summaryLength)), _catalog, isTitle: false, summaryFirst);
        var item = new ItemContext(title, summary);
        if (!CandidateBuilder.MayBuildAny(item))
        {
            return []; // no treaty named and no state anywhere in the item: no action word can become an event
        }
        title.IndexActions();
        summary.IndexActions();

        var events = HeadlineOrSummaryEvents(item);
        var results = new List<TreatyDetection>(events.Count);
        foreach (var candidate in events)
        {
            if (candidate.Generic && candidate.OrganisationWord)
            {
                continue; // "joins the alliance" with no alliance named in the item
            }
            var decided = DecideStage(candidate, item);
            var treaty = decided.Entry is not null
                ? new TreatyRef(decided.Entry.Id, decided.Entry.DisplayName)
                : new TreatyRef(TreatyRef.UnknownId, decided.Name);
            if (results.Any(result => result.Treaty.Id == treaty.Id && result.Action == decided.Action
                && (treaty.Id != TreatyRef.UnknownId || result.Treaty.Name == treaty.Name)))
            {
                continue;
            }
            results.Add(new TreatyDetection(treaty, decided.Action, decided.States, decided.Milestone, ConfidenceScore.Of(decided.Score), decided.Evidence));
        }
        return results;
    }

    /// <summary>
    /// The headline's events, each with its treaty resolved and refined by the summary; when the headline has none (and
    /// does not frame its action as not a step), the summary's events, scored as summary-only.
    /// </summary>
    private List<Candidate> HeadlineOrSummaryEvents(ItemContext item)
    {
        var titleEvents = FindEvents(item.Title, item, out var titleBlocked);
        if (titleEvents.Count > 0)
        {
            var events = titleEvents.ConvertAll(candidate => GenericTreatyResolver.Resolve(candidate, item, _catalog));
            if (item.Summary.Actions.Count == 0)
            {
                return events;
            }
            var summaryEvents = FindEvents(item.Summary, item, out _).ConvertAll(candidate => GenericTreatyResolver.Resolve(candidate, item, _catalog));
            return SummaryRefiner.Refine(events, summaryEvents, item.Summary);
        }
        if (titleBlocked)
        {
            return [];
        }
        return FindEvents(item.Summary, item, out _)
            .ConvertAll(candidate => GenericTreatyResolver.Resolve(candidate with { Score = candidate.Score with { SummaryOnly = true } }, item, _catalog));
    }

    /// <summary>
    /// <see cref="CandidateBuilder.MayBuildAny"/>'s answer for the item whose normalised title and summary are in
    /// <paramref name="scratch"/>, read from their words as spans (<see cref="SpanWords"/>): the same treaty-name and
    /// state searches, stopped at the first find, and the Russian act title. No token list, no string per word.
    /// </summary>
    internal bool MayNameTreatyOrState(DetectionScratch scratch, int titleLength, int summaryLength)
    {
        var title = scratch.TitleLower.AsSpan(0, titleLength);
        var titleWords = SpanWords.Read(title, scratch.TitleCased.AsSpan(0, titleLength), scratch);
        if (_catalog.NamesAny(titleWords) || StateLexicon.NamesAny(titleWords))
        {
            return true;
        }
        var summaryWords = SpanWords.Read(scratch.SummaryLower.AsSpan(0, summaryLength), scratch.SummaryCased.AsSpan(0, summaryLength), scratch);
        return _catalog.NamesAny(summaryWords) || StateLexicon.NamesAny(summaryWords) || DetectionPatterns.RussianAct().IsMatch(title);
    }

    private static bool MayHoldAction(string? text) =>
        !string.IsNullOrEmpty(text) && DetectionPatterns.ActionStemStartsAnyCase.IndexOf(text.AsSpan(0, Math.Min(text.Length, 4000))) >= 0;

    // External input: a summary longer than this is cut; events are in the first paragraphs anyway.
    private static string Limit(string? text) => text is null ? "" : text.Length > 4000 ? text[..4000] : text;

    private List<Candidate> FindEvents(TextSegment segment, ItemContext item, out bool blocked)
    {
        blocked = false;
        var found = new List<Candidate>();
        if (segment.Actions.Count == 0)
        {
            return found;
        }
        var claimed = new List<(int Start, int End)>();
        foreach (var hit in segment.Actions)
        {
            if (claimed.Any(span => hit.TokenStart >= span.Start && hit.TokenStart < span.End))
            {
                continue; // inside a treaty name already taken: «Протокола о прекращении действия Соглашения»
            }
            var (sentenceStart, sentenceEnd) = segment.SentenceAround(hit.CharStart);
            if (NotAStepFilter.LeavesACountry(segment, hit))
            {
                blocked |= segment.IsTitle; // "troops leave Afghanistan": the item is about that, not about a treaty
                continue;
            }
            var treaty = _treaties.Find(segment, hit, sentenceStart, sentenceEnd, item);
            if (treaty is null)
            {
                continue; // most action words ("signed", "joined", "left") have no treaty near them
            }
            var (clauseStart, clauseEnd) = segment.ClauseAround(hit.CharStart);
            var words = segment.Text[hit.CharStart..hit.CharEnd];
            // Context that makes it not a step: the clause opens as background, or says threat/call/could/talks, or negates.
            if (NotAStepFilter.FramedAsNotAStep(segment, hit, sentenceStart, sentenceEnd, clauseStart, clauseEnd))
            {
                blocked |= segment.IsTitle;
                continue;
            }
            if (hit.Kind == ActionKind.Signature && NotAStepFilter.SignsDomesticAct(segment, hit))
            {
                continue;
            }
            if (NotAStepFilter.NamesSomethingElse(segment, hit, words, clauseEnd))
            {
                continue;
            }

            var candidate = CandidateBuilder.Build(segment, hit, treaty.Value, sentenceStart, sentenceEnd, clauseStart, item, words);
            if (candidate is null)
            {
                continue;
            }
            if (candidate.Generic)
            {
                claimed.Add((candidate.TreatyStart, candidate.TreatyEnd));
            }
            var same = found.FindIndex(earlier => Candidate.SameTreaty(earlier, candidate)
                && (earlier.Entry is not null || earlier.Name == candidate.Name || Candidate.Overlap(earlier, candidate)));
            if (same >= 0)
            {
                if (found[same].Rank < candidate.Rank)
                {
                    found[same] = candidate;
                }
                continue;
            }
            found.Add(candidate);
        }
        return found;
    }

    private static Candidate DecideStage(Candidate candidate, ItemContext item)
    {
        var decision = StageDecider.Decide(new StageInput(candidate.Action, candidate.ActionWords, candidate.ClauseBefore, item.Title.Text, item.Summary.Text, candidate.Sentence));
        var decided = candidate with { Milestone = decision.Milestone };
        return decision.Cue is null ? decided : decided.WithEvidence("stage: " + decision.Cue);
    }
}
