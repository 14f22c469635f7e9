namespace Alerts.Core.Detection;

/// <summary>A title or a summary, normalised once, with its words, action words, treaty names, states and clause limits.</summary>
internal sealed class TextSegment
{
    private static readonly (string Group, ActionKind Kind)[] Groups =
    [
        ("der", ActionKind.Deratification), ("eif", ActionKind.EntryIntoForce), ("accn", ActionKind.AccessionNoun),
        ("acc", ActionKind.Accession), ("wd", ActionKind.Withdrawal), ("sus", ActionKind.Suspension),
        ("rat", ActionKind.Ratification), ("appr", ActionKind.Approval), ("ext", ActionKind.Extension), ("sig", ActionKind.Signature),
    ];

    private List<Token>? _tokens;
    private List<TreatyMention>? _mentions;
    private List<StateMention>? _states;
    private List<int>? _clauseStarts;
    private List<int>? _sentenceStarts;
    private SegmentChecks? _checks;
    private readonly TreatyCatalog _catalog;

    private TextSegment(string text, string cased, TreatyCatalog catalog, bool isTitle)
    {
        Text = text;
        Cased = cased;
        _catalog = catalog;
        IsTitle = isTitle;
        _fullScan = DetectionPatterns.HasEntryIntoForceMarker(text);
        // Only the first action word is looked for now, and only where it is (its kind is read when the actions are):
        // whether there is one decides whether the item goes on, and an item can still be let go before its action
        // words are looked at further (TreatyDetector.Detect).
        if (_fullScan)
        {
            _first = NextAction();
            _hasActions = _first is not null;
        }
        else
        {
            _firstAt = NextActionStart();
            _hasActions = _firstAt >= 0;
        }
    }

    public string Text { get; }
    public string Cased { get; }
    public bool IsTitle { get; }

    /// <summary>Whether the segment holds an action word (the first one is found when the segment is made).</summary>
    public bool HasActions => _hasActions;

    /// <summary>Every action word, in order: the first one and, on first use, the rest of the scan from after it.</summary>
    public List<ActionHit> Actions => _actions ??= AllActions();

    // The action scan: with an "into force"/"takes effect" marker in the text the whole action pattern runs over it
    // (those phrases do not start with an action stem); else the anchored pattern is tried only where a stem begins a word.
    private readonly bool _fullScan;
    private readonly bool _hasActions;
    private readonly ActionHit? _first; // the full scan's first hit
    private readonly int _firstAt = -1; // the anchored scan's first action word's start (_offset is past it)
    private List<ActionHit>? _actions;
    private System.Text.RegularExpressions.Match? _match;
    private int _offset;

    private List<ActionHit> AllActions()
    {
        var actions = new List<ActionHit>();
        var first = _first;
        if (_firstAt >= 0)
        {
            var m = DetectionPatterns.ActionAt().Match(Text, _firstAt); // the match NextActionStart found, with its groups
            first = new ActionHit(KindOf(m), m.Index, m.Index + m.Length, -1, -1);
        }
        if (first is not null)
        {
            actions.Add(first.Value);
            for (var next = NextAction(); next is not null; next = NextAction())
            {
                actions.Add(next.Value);
            }
        }
        return actions;
    }

    /// <summary>The next action word after the last one found, or null at the end of the text.</summary>
    private ActionHit? NextAction()
    {
        var text = Text;
        if (_fullScan)
        {
            _match = _match is null ? DetectionPatterns.Actions().Match(text) : _match.NextMatch();
            return _match.Success ? new ActionHit(KindOf(_match), _match.Index, _match.Index + _match.Length, -1, -1) : null;
        }
        // Every other action word starts with one of the stems at a word start: try the anchored pattern only there.
        while (_offset < text.Length)
        {
            var pos = DetectionPatterns.ActionStemStarts.IndexOf(text, _offset);
            if (pos < 0)
            {
                break;
            }
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                var m = DetectionPatterns.ActionAt().Match(text, pos);
                if (m.Success)
                {
                    _offset = m.Index + Math.Max(1, m.Length);
                    return new ActionHit(KindOf(m), m.Index, m.Index + m.Length, -1, -1);
                }
            }
            _offset = pos + 1;
        }
        _offset = text.Length;
        return null;
    }

    /// <summary>
    /// Where the anchored scan's next action word starts, found as <see cref="NextAction"/> finds it but without a
    /// <c>Match</c> object; moves past it. -1 at the end of the text.
    /// </summary>
    private int NextActionStart()
    {
        var text = Text;
        while (_offset < text.Length)
        {
            var pos = DetectionPatterns.ActionStemStarts.IndexOf(text, _offset);
            if (pos < 0)
            {
                break;
            }
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                foreach (var m in DetectionPatterns.ActionAt().EnumerateMatches(text, pos))
                {
                    _offset = m.Index + Math.Max(1, m.Length);
                    return m.Index;
                }
            }
            _offset = pos + 1;
        }
        _offset = text.Length;
        return -1;
    }

    public List<Token> Tokens => _tokens ??= TextTokens.Tokenize(Text, Cased);
    public List<TreatyMention> Mentions => _mentions ??= _catalog.FindMentions(Tokens);
    public List<StateMention> States => _states ??= StateLexicon.Find(Tokens);
    public SegmentChecks Checks => _checks ??= new SegmentChecks(Text);

    public static TextSegment Parse(string? raw, TreatyCatalog catalog, bool isTitle)
    {
        var text = TextNormalizer.Normalize(MarkupStripper.Strip(raw ?? ""), out var cased);
        return new TextSegment(text, cased, catalog, isTitle);
    }

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

    private static ActionKind KindOf(System.Text.RegularExpressions.Match m)
    {
        foreach (var (group, kind) in Groups)
        {
            if (m.Groups[group].Success)
            {
                return kind;
            }
        }
        return ActionKind.Signature;
    }
}
