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
        var actions = new List<ActionHit>();
        if (text.AsSpan().IndexOfAny(DetectionPatterns.EntryIntoForceMarkers) >= 0)
        {
            for (var m = DetectionPatterns.Actions().Match(text); m.Success; m = m.NextMatch())
            {
                actions.Add(new ActionHit(KindOf(m), m.Index, m.Index + m.Length, -1, -1));
            }
            Actions = actions;
            return;
        }
        // Every other action word starts with one of the stems at a word start: try the anchored pattern only there.
        var offset = 0;
        while (offset < text.Length)
        {
            var pos = DetectionPatterns.ActionStemStarts.IndexOf(text, offset);
            if (pos < 0)
            {
                break;
            }
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                var m = DetectionPatterns.ActionAt().Match(text, pos);
                if (m.Success)
                {
                    actions.Add(new ActionHit(KindOf(m), m.Index, m.Index + m.Length, -1, -1));
                    offset = m.Index + Math.Max(1, m.Length);
                    continue;
                }
            }
            offset = pos + 1;
        }
        Actions = actions;
    }

    public string Text { get; }
    public string Cased { get; }
    public bool IsTitle { get; }
    public List<ActionHit> Actions { get; private set; }

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
