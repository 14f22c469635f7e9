using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Detection;
using Alerts.Core.Detection.Phases;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Detection;

/// <summary>
/// The detector's speed-ups change how often and where its expressions run, never what they answer. Each one is held
/// here to the plain reading it replaces, on every title and summary of both dev corpora (real news) and of the
/// treaty-dense benchmark feed: the word-start search against the multi-string search, the word-list prefilter
/// against the expression on the whole span, the per-clause answers against the expression on each action's own span.
/// </summary>
public sealed class DetectionMechanicsTests
{
    private static readonly Lazy<List<string>> RawTexts = new(LoadTexts);

    private static readonly Lazy<List<TextSegment>> Segments = new(() =>
        [.. RawTexts.Value.Select(t => TextSegment.Parse(t, DetectionTestData.Detector.Catalog, isTitle: false))]);

    public static TheoryData<string> WordLists => new()
    {
        nameof(DetectionPatterns.NotAStep), nameof(DetectionPatterns.ConditionAfter), nameof(DetectionPatterns.HistoricalSentence),
        nameof(DetectionPatterns.Business), nameof(DetectionPatterns.BackgroundClause), nameof(DetectionPatterns.TemporalClause),
    };

    [Fact]
    public void Word_start_search_finds_the_places_the_multi_string_search_finds()
    {
        var checkedTexts = 0;
        foreach (var raw in RawTexts.Value)
        {
            Assert.Equal(AllWordStarts(raw, DetectionPatterns.ActionStemsAnyCase), AllWordStarts(raw, DetectionPatterns.ActionStemStartsAnyCase));
            var normalised = TextNormalizer.Normalize(raw, out _);
            Assert.Equal(AllWordStarts(normalised, DetectionPatterns.ActionStems), AllWordStarts(normalised, DetectionPatterns.ActionStemStarts));
            checkedTexts++;
        }
        Assert.True(checkedTexts > 5_000, $"only {checkedTexts} texts");
    }

    [Fact]
    public void Prefilter_rejects_only_texts_in_which_the_detector_finds_no_action_word()
    {
        // The detector drops an item before normalising it when no action stem begins a word of its raw title or
        // summary; that must never drop a text in which its own action scan (after normalising) finds an action word.
        var rejected = 0;
        foreach (var raw in RawTexts.Value)
        {
            if (DetectionPatterns.ActionStemStartsAnyCase.IndexOf(raw.AsSpan(0, Math.Min(raw.Length, 4000))) < 0)
            {
                rejected++;
                Assert.Empty(TextSegment.Parse(raw.Length > 4000 ? raw[..4000] : raw, DetectionTestData.Detector.Catalog, isTitle: true).Actions);
            }
        }
        Assert.True(rejected > 1_000, $"only {rejected} texts rejected");
    }

    [Fact]
    public void Action_words_are_found_where_the_action_pattern_finds_them_and_no_text_holding_one_is_prefiltered_out()
    {
        // The definition of an action word is DetectionPatterns.Actions over the normalised text. The stem list behind the
        // raw-text prefilter and the word-start scan must begin every match of it: a match whose beginning is not listed
        // («расторжение» when only «расторг» was) is dropped with its whole item before anything else looks at it.
        var withActions = 0;
        var withMarker = 0;
        // Beside the corpora (22 texts with an entry-into-force marker), each entry-into-force alternative once.
        string[] entryIntoForce =
        [
            "The treaty enters into force today, after Norway ratified it", "The pact entered into force; France signed it",
            "It comes into force in May", "The accord came into force and Chile joined", "Protocol coming into force",
            "The ban takes effect on Monday", "Sanctions taking effect as Russia withdrew", "The deal took effect",
            "Договор вступил в силу после ратификации", "Соглашение вступит в законную силу", "Umowa wchodzi w życie", "Traktat weszła w życie",
            "Take effect: tak, taking time; come and go", "The effect of Brexit, into force of habit, в силу причин",
        ];
        foreach (var raw in RawTexts.Value.Concat(entryIntoForce))
        {
            var limited = raw.Length > 4000 ? raw[..4000] : raw;
            var segment = TextSegment.Parse(limited, DetectionTestData.Detector.Catalog, isTitle: false); // markup stripped, normalised
            // The unanchored pattern over the whole text, each match's kind its first successful named group.
            var expected = DetectionPatterns.Actions().Matches(segment.Text).Select(m => (m.Index, m.Index + m.Length, KindOf(m))).ToList();
            Assert.Equal(expected.Count > 0, segment.HasActions); // the first action word, found when the segment is made
            if (expected.Count == 0)
            {
                continue;
            }
            withActions++;
            Assert.True(DetectionPatterns.ActionStemStartsAnyCase.IndexOf(limited.AsSpan()) >= 0, $"prefilter drops: {raw}");
            Assert.Equal(expected, segment.Actions.Select(a => (a.CharStart, a.CharEnd, a.Kind)));
            withMarker += DetectionPatterns.HasEntryIntoForceMarker(segment.Text) ? 1 : 0;
        }
        Assert.True(withActions > 1_000, $"only {withActions} texts with an action word");
        Assert.True(withMarker > 30, $"only {withMarker} texts with an entry-into-force marker"); // the scan with the added stems ran
    }

    [Fact]
    public void Action_word_test_on_a_token_answers_as_the_action_pattern()
    {
        // SegmentChecks.IsActionToken asks HoldsActionWord (stem starts, anchored per-kind expressions) of each word.
        var tokens = Segments.Value.SelectMany(s => s.Tokens.Select(t => t.Text)).Distinct(StringComparer.Ordinal).ToList();
        var holding = 0;
        foreach (var token in tokens)
        {
            var expected = DetectionPatterns.Actions().IsMatch(token);
            Assert.True(expected == DetectionPatterns.HoldsActionWord(token), token);
            holding += expected ? 1 : 0;
        }
        Assert.True(tokens.Count > 10_000 && holding > 100, $"{tokens.Count} tokens, {holding} action words");
    }

    private static ActionKind KindOf(Match m) =>
        new (string Group, ActionKind Kind)[]
        {
            ("der", ActionKind.Deratification), ("eif", ActionKind.EntryIntoForce), ("accn", ActionKind.AccessionNoun),
            ("acc", ActionKind.Accession), ("wd", ActionKind.Withdrawal), ("sus", ActionKind.Suspension),
            ("rat", ActionKind.Ratification), ("appr", ActionKind.Approval), ("ext", ActionKind.Extension), ("sig", ActionKind.Signature),
        }.Where(g => m.Groups[g.Group].Success).Select(g => g.Kind).DefaultIfEmpty(ActionKind.Signature).First();

    [Theory]
    [MemberData(nameof(WordLists))]
    public void Word_list_prefilter_answers_as_the_expression_on_the_same_span(string name)
    {
        var regex = Pattern(name);
        var fast = WordAlternation.For(regex);
        var matches = 0;
        foreach (var seg in Segments.Value)
        {
            var text = seg.Text;
            foreach (var (start, end) in Spans(seg))
            {
                var span = text.AsSpan(start, end - start);
                var expected = Leftmost(regex, span);
                Assert.Equal(expected, fast.FirstMatch(span));
                matches += expected >= 0 ? 1 : 0;
            }
        }
        Assert.True(matches > 0, $"{name} never matched: the comparison proves nothing");
    }

    [Fact]
    public void Prefilter_applies_to_the_clause_word_lists()
    {
        // The fast path is taken for the lists that dominate detection time; a pattern whose shape it cannot read
        // falls back to the expression (still correct, only slower) and this test says so.
        Assert.True(WordAlternation.For(DetectionPatterns.NotAStep()).Prefiltered);
        Assert.True(WordAlternation.For(DetectionPatterns.ConditionAfter()).Prefiltered);
        Assert.True(SegmentChecks.NotAStepShapeHolds);
        Assert.True(SegmentChecks.ConditionAfterShapeHolds);
    }

    [Fact]
    public void Clause_answers_reused_across_action_words_equal_the_answers_on_each_actions_own_span()
    {
        var asked = 0;
        foreach (var seg in Segments.Value)
        {
            var text = seg.Text;
            var checks = new SegmentChecks(text);
            foreach (var a in seg.Actions)
            {
                var (cs, ce) = seg.ClauseAround(a.CharStart);
                Assert.Equal(DetectionPatterns.NotAStep().IsMatch(text.AsSpan(cs, a.CharStart - cs)), checks.NotAStepBefore(cs, a.CharStart));
                if (ce > a.CharEnd)
                {
                    Assert.Equal(DetectionPatterns.ConditionAfter().IsMatch(text.AsSpan(a.CharEnd, ce - a.CharEnd)), checks.ConditionAfter(a.CharEnd, ce));
                }
                asked++;
            }
        }
        Assert.True(asked > 5_000, $"only {asked} action words");
    }

    [Fact]
    public void Items_let_go_for_naming_no_treaty_and_no_state_have_no_action_word_that_builds_a_candidate()
    {
        // TreatyDetector.Detect stops before looking at any action word when CandidateBuilder.MayBuildAny says no. Held
        // here to the stronger plain reading: every action word of such an item that has a treaty attached fails to
        // build a candidate even before the not-a-step filters run (they only reject more).
        var catalog = DetectionTestData.Detector.Catalog;
        var attacher = new TreatyAttacher(catalog);
        int letGo = 0, kept = 0, built = 0;
        foreach (var (rawTitle, rawSummary) in Items.Value)
        {
            var item = new ItemContext(TextSegment.Parse(rawTitle, catalog, isTitle: true), TextSegment.Parse(rawSummary, catalog, isTitle: false));
            if (CandidateBuilder.MayBuildAny(item))
            {
                kept++;
                continue;
            }
            letGo++;
            foreach (var segment in item.Segments)
            {
                segment.IndexActions();
                foreach (var hit in segment.Actions)
                {
                    var (sentenceStart, sentenceEnd) = segment.SentenceAround(hit.CharStart);
                    if (attacher.Find(segment, hit, sentenceStart, sentenceEnd, item) is not { } treaty)
                    {
                        continue;
                    }
                    var (clauseStart, _) = segment.ClauseAround(hit.CharStart);
                    var candidate = CandidateBuilder.Build(segment, hit, treaty, sentenceStart, sentenceEnd, clauseStart, item, segment.Text[hit.CharStart..hit.CharEnd]);
                    Assert.True(candidate is null, $"let go, yet a candidate: {rawTitle} | {rawSummary}");
                    built++;
                }
            }
        }
        Assert.True(built > 4_000, $"only {built} treaty-attached action words in items let go");
        Assert.True(kept > 500 && letGo > 1_000, $"{kept} items kept, {letGo} let go");
    }

    [Fact]
    public void Words_read_as_spans_into_reused_buffers_are_the_tokens_of_the_same_text()
    {
        // TreatyDetector.Detect normalises into per-thread buffers and reads the words as spans before it makes any
        // segment; the treaty-name and state searches then see the same words as they see in a segment's token list.
        var scratch = new DetectionScratch();
        var words = 0;
        foreach (var raw in RawTexts.Value.Append("U.S. and U.K. treaties: WHO, ICC, «СEД» — Finland's 2024 ё"))
        {
            var stripped = MarkupStripper.Strip(raw.Length > 4000 ? raw[..4000] : raw);
            var text = TextNormalizer.Normalize(stripped, out var cased);
            var length = TextNormalizer.NormalizeInto(stripped, ref scratch.SummaryLower, ref scratch.SummaryCased);
            Assert.Equal(text, new string(scratch.SummaryLower, 0, length));
            Assert.Equal(cased, new string(scratch.SummaryCased, 0, length));
            var tokens = TextTokens.Tokenize(text, cased);
            var spans = SpanWords.Read(scratch.SummaryLower.AsSpan(0, length), scratch.SummaryCased.AsSpan(0, length), scratch);
            Assert.Equal(tokens.Count, spans.Count);
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                Assert.Equal(t.Text, spans.Text(i).ToString());
                Assert.Equal(t.Stem, spans.Stem(i).ToString());
                Assert.Equal(t.IsStop, spans.IsStop(i));
                Assert.Equal(t.IsUpper, spans.IsUpper(i));
                words++;
            }
        }
        Assert.True(words > 200_000, $"only {words} words");
    }

    [Fact]
    public void Items_let_go_from_their_words_as_spans_are_those_no_candidate_may_be_built_for()
    {
        // TreatyDetector.Detect lets an item go when its first action words, its treaty names and its states, all read
        // from spans, say so; held to the segment reading it replaces (CandidateBuilder.MayBuildAny, TextSegment.HasActions
        // and the first action word) on every item of both corpora and of the treaty-dense feed.
        var detector = DetectionTestData.Detector;
        var catalog = detector.Catalog;
        var scratch = DetectionScratch.Current;
        int may = 0, mayNot = 0;
        foreach (var (rawTitle, rawSummary) in Items.Value)
        {
            var titleRaw = rawTitle.Length > 4000 ? rawTitle[..4000] : rawTitle;
            var summaryRaw = rawSummary.Length > 4000 ? rawSummary[..4000] : rawSummary;
            var title = TextSegment.Parse(titleRaw, catalog, isTitle: true);
            var summary = TextSegment.Parse(summaryRaw, catalog, isTitle: false);
            var titleLength = TextNormalizer.NormalizeInto(MarkupStripper.Strip(titleRaw), ref scratch.TitleLower, ref scratch.TitleCased);
            var summaryLength = TextNormalizer.NormalizeInto(MarkupStripper.Strip(summaryRaw), ref scratch.SummaryLower, ref scratch.SummaryCased);
            var titleFirst = TextSegment.FirstAction.In(scratch.TitleLower.AsSpan(0, titleLength));
            var summaryFirst = TextSegment.FirstAction.In(scratch.SummaryLower.AsSpan(0, summaryLength));
            Assert.Equal(title.HasActions ? title.Actions[0] : null, titleFirst.Hit);
            Assert.Equal(summary.HasActions ? summary.Actions[0] : null, summaryFirst.Hit);
            var expected = CandidateBuilder.MayBuildAny(new ItemContext(title, summary));
            Assert.True(expected == detector.MayNameTreatyOrState(scratch, titleLength, summaryLength), $"{expected}: {rawTitle} | {rawSummary}");
            may += expected ? 1 : 0;
            mayNot += expected ? 0 : 1;
        }
        Assert.True(may > 2_000 && mayNot > 2_000, $"{may} items may build a candidate, {mayNot} may not");
    }

    [Fact]
    public void Treaty_names_found_through_the_second_word_index_are_those_the_alias_lists_give()
    {
        var catalog = DetectionTestData.Detector.Catalog;
        var found = 0;
        foreach (var seg in Segments.Value)
        {
            var expected = catalog.FindMentionsByList(seg.Tokens);
            Assert.Equal(expected, catalog.FindMentions(seg.Tokens));
            found += expected.Count;
        }
        foreach (var name in catalog.Entries.SelectMany(entry => entry.AliasesEn.Concat(entry.AliasesRu).Append(entry.NameEn).Append(entry.NameRu)))
        {
            var tokens = TextTokens.Tokenize(TextNormalizer.Normalize(name, out var cased), cased);
            var expected = catalog.FindMentionsByList(tokens);
            Assert.Equal(expected, catalog.FindMentions(tokens));
            found += expected.Count;
        }
        Assert.True(found > 2_500, $"only {found} treaty names found");
    }

    [Fact]
    public void An_item_naming_a_state_or_a_treaty_is_not_let_go()
    {
        var catalog = DetectionTestData.Detector.Catalog;
        bool May(string title, string summary) =>
            CandidateBuilder.MayBuildAny(new ItemContext(TextSegment.Parse(title, catalog, isTitle: true), TextSegment.Parse(summary, catalog, isTitle: false)));
        Assert.False(May("Parliament ratifies the treaty", "The convention enters into force after signature."));
        Assert.True(May("Parliament ratifies the treaty", "Hungary's parliament voted on Monday."));
        Assert.True(May("Parliament ratifies the New START treaty", ""));
        Assert.NotEmpty(DetectionTestData.Detect("Parliament ratifies the treaty", "Hungary's parliament voted on Monday."));
    }

    [Theory]
    [InlineData(@"\b(?:not|never)\b", true, "never,not")]
    [InlineData(@"\b(?:calls?|hop(?:e|es))\b", true, "call,hop")]
    [InlineData(@"\b(?:(?:re-)?join)\b", false, "")]
    [InlineData(@"\b(?:a|(?:b\s+)+c)\b", false, "")]
    [InlineData(@"\b(?:ab(?=c))\b", false, "")]
    public void Shape_reader_accepts_only_word_lists_it_can_prefilter(string pattern, bool accepted, string beginnings)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        Assert.Equal(accepted, SegmentChecks.Shape.Holds(regex, 1, null));
        if (accepted)
        {
            Assert.Equal(beginnings.Split(','), WordAlternation.Beginnings(pattern)!.Order(StringComparer.Ordinal));
        }
    }

    private static IEnumerable<(int Start, int End)> Spans(TextSegment seg)
    {
        yield return (0, seg.Text.Length);
        foreach (var a in seg.Actions)
        {
            var (cs, ce) = seg.ClauseAround(a.CharStart);
            var (ss, se) = seg.SentenceAround(a.CharStart);
            yield return (ss, se);
            yield return (cs, a.CharStart);
            yield return (cs, ce);
            if (ce > a.CharEnd)
            {
                yield return (a.CharEnd, ce);
            }
        }
    }

    private static int Leftmost(Regex regex, ReadOnlySpan<char> span)
    {
        foreach (var m in regex.EnumerateMatches(span))
        {
            return m.Index;
        }
        return -1;
    }

    private static Regex Pattern(string name) =>
        (Regex)typeof(DetectionPatterns).GetMethod(name)!.Invoke(null, null)!;

    private static List<int> AllWordStarts(string text, SearchValues<string> stems)
    {
        var found = new List<int>();
        var offset = 0;
        while (offset < text.Length)
        {
            var at = text.AsSpan(offset).IndexOfAny(stems);
            if (at < 0)
            {
                break;
            }
            var pos = offset + at;
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                found.Add(pos);
            }
            offset = pos + 1;
        }
        return found;
    }

    private static List<int> AllWordStarts(string text, WordBeginnings stems)
    {
        var found = new List<int>();
        for (var pos = stems.IndexOf(text); pos >= 0; pos = stems.IndexOf(text, pos + 1))
        {
            found.Add(pos);
        }
        return found;
    }

    private static readonly Lazy<List<(string Title, string Summary)>> Items = new(LoadItems);

    /// <summary>Title and summary of every item of both dev corpora and of the treaty-dense feed.</summary>
    private static List<(string Title, string Summary)> LoadItems()
    {
        var items = new List<(string, string)>();
        foreach (var corpus in new[] { "corpus-dev", "corpus-dev2" })
        {
            foreach (var line in File.ReadLines(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", corpus, "items.jsonl")))
            {
                using var doc = JsonDocument.Parse(line);
                string Field(string name) => doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                items.Add((Field("title"), Field("description")));
            }
        }
        var dense = FeedParser.Parse(File.ReadAllBytes(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", "feeds", "rss-1mb.xml")));
        items.AddRange(dense.Items.Select(item => (item.Title ?? "", item.Summary ?? "")));
        return items;
    }

    private static List<string> LoadTexts()
    {
        var texts = new List<string>();
        foreach (var corpus in new[] { "corpus-dev", "corpus-dev2" })
        {
            foreach (var line in File.ReadLines(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", corpus, "items.jsonl")))
            {
                using var doc = JsonDocument.Parse(line);
                foreach (var field in new[] { "title", "description" })
                {
                    if (doc.RootElement.TryGetProperty(field, out var v) && v.GetString() is { Length: > 0 } s)
                    {
                        texts.Add(s);
                    }
                }
            }
        }
        var dense = FeedParser.Parse(File.ReadAllBytes(Path.Combine(DetectionTestData.RepoRoot, "tests", "data", "feeds", "rss-1mb.xml")));
        foreach (var item in dense.Items)
        {
            texts.Add(item.Title ?? "");
            texts.Add(item.Summary ?? "");
        }
        return texts;
    }
}
