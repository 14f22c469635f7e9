namespace Alerts.Core.Detection;

/// <summary>A title or a summary, normalised once, with its words, action words, treaty names, states and clause limits.</summary>
internal sealed class TextSegment
{
    private List<Token>? _tokens;
    private List<TreatyMention>? _mentions;
    private List<StateMention>? _states;
    private List<int>? _clauseStarts;
    private List<int>? _sentenceStarts;
    private SegmentChecks? _checks;
    private readonly TreatyCatalog _catalog;

    private TextSegment(string text, string cased, TreatyCatalog catalog, bool isTitle, FirstAction first)
    {
        Text = text;
        Cased = cased;
        _catalog = catalog;
        IsTitle = isTitle;
        _stems = first.Stems;
        _first = first.Hit;
        _offset = first.Offset;
    }

    /// <summary>
    /// The first action word of a normalised text, with the stems its scan looks for and where the scan goes on from.
    /// With an "into force"/"takes effect" marker in the text the words that begin those phrases (come, take...) are
    /// looked for too; an action word always begins with one of the stems looked for, at a word start. Only the first
    /// action word is looked for at first: whether there is one decides whether the item goes on, and an item can still
    /// be let go before its other action words are looked for (TreatyDetector.Detect).
    /// </summary>
    public readonly record struct FirstAction(ActionHit? Hit, WordBeginnings Stems, int Offset)
    {
        public static FirstAction In(ReadOnlySpan<char> text)
        {
            var stems = DetectionPatterns.HasEntryIntoForceMarker(text) ? DetectionPatterns.ActionAndEntryIntoForceStemStarts : DetectionPatterns.ActionStemStarts;
            var offset = 0;
            var hit = NextAction(text, stems, ref offset);
            return new FirstAction(hit, stems, offset);
        }
    }

    public string Text { get; }
    public string Cased { get; }
    public bool IsTitle { get; }

    /// <summary>Whether the segment holds an action word (the first one is found when the segment is made).</summary>
    public bool HasActions => _first is not null;

    /// <summary>Every action word, in order: the first one and, on first use, the rest of the scan from after it.</summary>
    public List<ActionHit> Actions => _actions ??= AllActions();

    // The action scan: the anchored per-kind expressions are tried only where a stem begins a word. Earlier, a text with an
    // "into force"/"takes effect" marker was scanned whole by the unanchored pattern (≈ 10 µs for a long summary); the
    // stems of those phrases are looked for instead (DetectionMechanicsTests: same words, same kinds, on every text).
    private readonly WordBeginnings _stems;
    private readonly ActionHit? _first; // the first action word (_offset is past it)
    private List<ActionHit>? _actions;
    private int _offset;

    private List<ActionHit> AllActions()
    {
        var actions = new List<ActionHit>();
        if (_first is { } first)
        {
            actions.Add(first);
            for (var next = NextAction(); next is not null; next = NextAction())
            {
                actions.Add(next.Value);
            }
        }
        return actions;
    }

    /// <summary>The next action word after the last one found (moving past it), or null at the end of the text.</summary>
    private ActionHit? NextAction() => NextAction(Text, _stems, ref _offset);

    /// <summary>The next action word at or after <paramref name="offset"/> (moving it past the word), or null at the end.</summary>
    private static ActionHit? NextAction(ReadOnlySpan<char> text, WordBeginnings stems, ref int offset)
    {
        // Every action word starts with one of the stems at a word start: try the anchored expressions only there.
        while (offset < text.Length)
        {
            var pos = stems.IndexOf(text, offset);
            if (pos < 0)
            {
                break;
            }
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                var length = DetectionPatterns.ActionLengthAt(text, pos, out var kind);
                if (length >= 0)
                {
                    offset = pos + Math.Max(1, length);
                    return new ActionHit(kind, pos, pos + length, -1, -1);
                }
            }
            offset = pos + 1;
        }
        offset = text.Length;
        return null;
    }

    public List<Token> Tokens => _tokens ??= TextTokens.Tokenize(Text, Cased);
    public List<TreatyMention> Mentions => _mentions ??= _catalog.FindMentions(Tokens);
    public List<StateMention> States => _states ??= StateLexicon.Find(Tokens);
    public SegmentChecks Checks => _checks ??= new SegmentChecks(Text);

    public static TextSegment Parse(string? raw, TreatyCatalog catalog, bool isTitle)
    {
        var text = TextNormalizer.Normalize(MarkupStripper.Strip(raw ?? ""), out var cased);
        return new TextSegment(text, cased, catalog, isTitle, FirstAction.In(text));
    }

    /// <summary>A segment of a text already normalised (its first action word looked for in the same text).</summary>
    public static TextSegment FromNormalized(string text, string cased, TreatyCatalog catalog, bool isTitle, FirstAction first) =>
        new(text, cased, catalog, isTitle, first);

    /// <summary>Maps the action hits onto token indices (done only when the segment has any).</summary>
    public void IndexActions()
    {
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            Actions[i] = a with { TokenStart = TokenAt(a.CharStart), TokenEnd = TokenAt(a.CharEnd - 1) + 1 };
        }
    }

    /// <summary>Index of the token covering (or first after) a character position.</summary>
    public int TokenAt(int charPos)
    {
        var tokens = Tokens;
        int lo = 0, hi = tokens.Count - 1, ans = tokens.Count;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (tokens[mid].End > charPos)
            {
                ans = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return ans;
    }

    public (int Start, int End) ClauseAround(int charPos) => Around(_clauseStarts ??= Starts(DetectionPatterns.ClauseBreak(), keepWord: true), charPos);

    public (int Start, int End) SentenceAround(int charPos) => Around(_sentenceStarts ??= Starts(DetectionPatterns.SentenceBreak(), keepWord: false), charPos);

    private (int, int) Around(List<int> starts, int charPos)
    {
        var start = 0;
        var end = Text.Length;
        foreach (var s in starts)
        {
            if (s <= charPos)
            {
                start = s;
            }
            else
            {
                end = s;
                break;
            }
        }
        return (start, end);
    }

    private List<int> Starts(System.Text.RegularExpressions.Regex breaks, bool keepWord)
    {
        var starts = new List<int>();
        foreach (var m in breaks.EnumerateMatches(Text))
        {
            // A conjunction belongs to the clause it opens; punctuation to none.
            var isWord = keepWord && char.IsLetter(Text[m.Index]);
            starts.Add(isWord ? m.Index : m.Index + m.Length);
        }
        return starts;
    }
}
