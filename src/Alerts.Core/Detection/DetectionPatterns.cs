using System.Buffers;
using System.Text.RegularExpressions;

namespace Alerts.Core.Detection;

/// <summary>
/// The vocabulary of the detector as precompiled regular expressions over normalised text
/// (lower case, ё→е). English, Russian (stems, so every case form matches) and a little Polish.
/// </summary>
internal static partial class DetectionPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // The action words of each kind (one alternation each, over normalised text). The action pattern is composed from them,
    // so the per-kind expressions below and the whole pattern cannot diverge.
    private const string DeratificationWords = """
        de-?ratif\w*|(?:revok|rescind|withdr[ae]w|cancel|annul)\w*\s+(?:\w+\s+){0,3}?ratification\w*|revok\w*|дератифик\w*|(?:отзыв|отозва|отмен)\w*\s+(?:\w+\s+){0,2}?ратификац\w*|расторг\w*\s+ратификац\w*
        """;
    private const string EntryIntoForceWords = """
        (?:enter|enters|entered|entering|come|comes|came|coming)\s+into\s+force|tak(?:e|es|ing)\s+effect|took\s+effect|вступ\w*\s+в\s+(?:законную\s+)?силу|wch\w*\s+w\s+życie|wesz\w*\s+w\s+życie
        """;
    private const string AccessionNounWords = """
        accession|membership|entrance\s+into|entry\s+into(?!\s+force)|вступлени\w*|членств\w*|принятии|принятия|członkost\w*|przystąpieni\w*|wstąpieni\w*
        """;
    private const string AccessionWords = """
        (?:re-?)?join(?:s|ed|ing)?|return\w*\s+to|(?:вернут|вернул|вернет|возвращ)\w*\s+(?:\w+\s+)?(?:в|к|во)|accede\w*|becom\w*\s+(?:(?!candidate)\w+\s+){0,3}?members?|became\s+(?:(?!candidate)\w+\s+){0,3}?members?|присоедин\w*|вступ\w*\s+в|вступил\w*|вступит\w*|стал\w*\s+(?:(?!кандидат)\w+\s+){0,2}?член\w*|przystąpi\w*|dołącz\w*|wstąpi\w*|przyjęt\w*\s+do|enter(?:s|ed)?\s+nato
        """;
    private const string WithdrawalWords = """
        withdr[ae]w\w*|sever\w*\s+(?:\w+\s+)?ties\s+with|departure\s+from|opuści\w*|pull\w*\s+(?:\w+\s+){0,2}?out\s+of|quit(?:s|ting)?|leav(?:e|es|ing)(?!\s+(?:behind|out|office|power))|left(?!\s+(?:behind|out|office|power|wing))|exit\w*|denounc\w*|denunciation\w*|terminat\w*|abandon\w*|scrap\w*|ditch\w*|walk\w*\s+away\s+from|abrogat\w*|renounc\w*|(?:tear|tears|tore|rip|rips|ripped)\s+up|денонс\w*|выход\w*\s+(?:\w+\s+)?из|выйт\w*\s+(?:\w+\s+)?из|выйд\w*\s+(?:\w+\s+)?из|вышл\w*\s+(?:\w+\s+)?из|вышел\s+(?:\w+\s+)?из|покин\w*|покида\w*|прекращ\w*\s+(?:\w+\s+)?(?:действи|участи)\w*|прекрат\w*\s+(?:\w+\s+)?(?:действи|участи)\w*|расторг\w*|расторж\w*|отказ\w*\s+от\b(?!\s+(?:ратифик|подпис|присоедин|вступлен))|wycof\w*|wystąpi\w*\s+z|wyjści\w*\s+z|wypowi\w*
        """;
    private const string SuspensionWords = """
        suspen\w*|pull\w*\s+back\s+from|freez\w*|froze\w*|halt\w*\s+(?:its\s+)?participation|in\s+abeyance|приостан\w*|заморо\w*|zawies\w*
        """;
    private const string RatificationWords = """
        ratif\w*|ратифиц\w*|ратификац\w*|ratyfik\w*
        """;
    private const string ApprovalWords = """
        approv\w*|pass(?:es|ed)?|vot(?:e|es|ed|ing)\s+(?:on|for|in\s+favou?r\s+of)|signed\s+off|signs?\s+off|одобр\w*|утверд\w*|zatwierdz\w*|zgodzi\w*\s+się\s+na
        """;
    private const string ExtensionWords = """
        продлил\w*|продлен[аоы]?|продлят|продлит|extend(?:s|ed)?|prolong(?:s|ed)?|przedłużył\w*|przedłużon\w*
        """;
    private const string SignatureWords = """
        sign(?:s|ed|ing)?|signature\w*|подпис\w*|podpis\w*
        """;
    /// <summary>
    /// Action words, one named group per kind. Order matters where alternatives start at the same place:
    /// "revoke ratification" before "ratify", "вступить в силу" before "вступить в", "signed off" before "signed".
    /// </summary>
    private const string ActionPattern = @"\b(?:"
        + "(?<der>" + DeratificationWords + ")"
        + "|(?<eif>" + EntryIntoForceWords + ")"
        + "|(?<accn>" + AccessionNounWords + ")"
        + "|(?<acc>" + AccessionWords + ")"
        + "|(?<wd>" + WithdrawalWords + ")"
        + "|(?<sus>" + SuspensionWords + ")"
        + "|(?<rat>" + RatificationWords + ")"
        + "|(?<appr>" + ApprovalWords + ")"
        + "|(?<ext>" + ExtensionWords + ")"
        + "|(?<sig>" + SignatureWords + ")"
        + @")\b";

    [GeneratedRegex(ActionPattern, Options | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex Actions();

    // One anchored expression per kind (\G: only where the search starts), tried in the action pattern's group order where a
    // stem begins a word. The whole pattern's match there is the first kind's that matches: alternation takes its first
    // alternative that leads to a match, and each expression explores its alternative's paths in the same order. The whole
    // pattern's generated matcher is one method of ≈ 50,000 bytes of IL, past the sizes the JIT optimises (such methods
    // get minimal optimisation, in ReadyToRun code too): one anchored try of it cost ≈ 3–4 µs on news text, the ten small
    // matchers (≤ 11,200 bytes, optimised) ≈ 0.07 µs for all ten (scan-profile, docs/PERFORMANCE.md "Sixth round, part 2").
    [GeneratedRegex(@"\G\b(?:" + DeratificationWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DeratificationAt();
    [GeneratedRegex(@"\G\b(?:" + EntryIntoForceWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex EntryIntoForceAt();
    [GeneratedRegex(@"\G\b(?:" + AccessionNounWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AccessionNounAt();
    [GeneratedRegex(@"\G\b(?:" + AccessionWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AccessionAt();
    [GeneratedRegex(@"\G\b(?:" + WithdrawalWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex WithdrawalAt();
    [GeneratedRegex(@"\G\b(?:" + SuspensionWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SuspensionAt();
    [GeneratedRegex(@"\G\b(?:" + RatificationWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RatificationAt();
    [GeneratedRegex(@"\G\b(?:" + ApprovalWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ApprovalAt();
    [GeneratedRegex(@"\G\b(?:" + ExtensionWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ExtensionAt();
    [GeneratedRegex(@"\G\b(?:" + SignatureWords + @")\b", Options | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SignatureAt();
    /// <summary>The anchored expression of each kind, in the action pattern's group order.</summary>
    public static (Regex At, ActionKind Kind)[] ActionKindsAt { get; } =
    [
        (DeratificationAt(), ActionKind.Deratification),
        (EntryIntoForceAt(), ActionKind.EntryIntoForce),
        (AccessionNounAt(), ActionKind.AccessionNoun),
        (AccessionAt(), ActionKind.Accession),
        (WithdrawalAt(), ActionKind.Withdrawal),
        (SuspensionAt(), ActionKind.Suspension),
        (RatificationAt(), ActionKind.Ratification),
        (ApprovalAt(), ActionKind.Approval),
        (ExtensionAt(), ActionKind.Extension),
        (SignatureAt(), ActionKind.Signature),
    ];

    /// <summary>
    /// Whether <see cref="Actions"/> finds a match in the text: every match begins where one of the stems (with the
    /// entry-into-force ones) begins a word, and the anchored expressions tried there find it (DetectionMechanicsTests).
    /// </summary>
    public static bool HoldsActionWord(string text)
    {
        var stems = ActionAndEntryIntoForceStemStarts;
        for (var at = stems.IndexOf(text); at >= 0; at = stems.IndexOf(text, at + 1))
        {
            if (ActionLengthAt(text, at, out _) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The action word starting at <paramref name="at"/> (as <see cref="Actions"/> would match there): its length and
    /// kind, or length -1. No <c>Match</c> is allocated.
    /// </summary>
    public static int ActionLengthAt(ReadOnlySpan<char> text, int at, out ActionKind kind)
    {
        foreach (var (regex, k) in ActionKindsAt)
        {
            foreach (var m in regex.EnumerateMatches(text, at))
            {
                kind = k;
                return m.Length;
            }
        }
        kind = default;
        return -1;
    }

    // Declared before the SearchValues built from it: static initialisers run in text order.
    /// <summary>
    /// "comes into force", "takes effect": the only action words whose beginnings (come, take, вступить, wchodzić)
    /// are too common to search for; when these markers are present the whole text is scanned instead.
    /// </summary>
    public static string[] EntryIntoForceMarkers { get; } = ["into force", "effect", "в силу", "w życie"];

    /// <summary>
    /// Whether one of <see cref="EntryIntoForceMarkers"/> occurs in the text. One vectorised search per marker: with
    /// Cyrillic and Polish markers in the set, a multi-string <c>SearchValues</c> falls back to a per-character automaton.
    /// </summary>
    public static bool HasEntryIntoForceMarker(ReadOnlySpan<char> text)
    {
        foreach (var marker in EntryIntoForceMarkers)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when some action-word beginning starts a word of the text (not "design", "center", "store").</summary>
    public static bool HasActionStem(ReadOnlySpan<char> text, SearchValues<string> stems)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var at = text[offset..].IndexOfAny(stems);
            if (at < 0)
            {
                return false;
            }
            var pos = offset + at;
            if (pos == 0 || !char.IsLetter(text[pos - 1]))
            {
                return true;
            }
            offset = pos + 1;
        }
        return false;
    }

    private static readonly string[] ActionStemList =
    [
        "ratif", "revok", "rescind", "withdr", "cancel", "annul", "deratif", "de-ratif", "дератифик", "отзыв", "отозва", "отмен", "расторг", "расторж", "разорв",
        "into force", "effect", "в силу", "w życie", "in abeyance", "rejoin", "re-join",
        "accession", "membership", "entrance", "entry", "вступ", "членств", "приняти", "członkost", "przystąpi", "wstąpi",
        "join", "accede", "becom", "became", "присоедин", "стал", "dołącz", "przyjęt", "enter",
        "pull", "quit", "leav", "left", "exit", "denounc", "denunciation", "terminat", "abandon", "scrap", "ditch", "walk",
        "abrogat", "renounc", "tear", "tore", "rip", "return", "вернут", "вернул", "вернет", "возвращ", "sever", "departure", "opuści",
        "денонс", "выход", "выйт", "выйд", "вышл", "вышел", "покин", "покида", "прекращ", "прекрат", "wycof", "wystąpi", "wyjści", "wypowi",
        "suspen", "freez", "froze", "halt", "abeyance", "приостан", "заморо", "zawies",
        "ратифиц", "ратификац", "ratyfik", "approv", "pass", "vot", "sign", "одобр", "утверд", "zatwierdz", "подпис", "podpis",
        "отказ", "zgodz", "продл", "extend", "prolong", "przedłuż",
    ];

    /// <summary>
    /// The literal beginnings of every <see cref="Actions"/> alternative: most items hold none of them, and one
    /// vectorised multi-string search rules those items out before any regular expression runs.
    /// </summary>
    public static SearchValues<string> ActionStems { get; } = SearchValues.Create(ActionStemList, StringComparison.Ordinal);

    /// <summary>The same beginnings in any case, for raw text before normalisation (the fast path of most items).</summary>
    /// (Ordinal search over lower and capitalised forms: the case-insensitive search is far slower for Cyrillic.)
    public static SearchValues<string> ActionStemsAnyCase { get; } = SearchValues.Create(AnyCase(ActionStemList), StringComparison.Ordinal);

    private static string[] AnyCase(string[] stems) =>
        [.. stems, .. stems.Select(s => char.ToUpperInvariant(s[0]) + s[1..]), .. stems.Select(s => s.ToUpperInvariant())];

    /// <summary>Where <see cref="ActionStems"/> begin words: the same places, found faster in mixed-script text.</summary>
    public static WordBeginnings ActionStemStarts { get; } = new(ActionStemList);

    /// <summary>Where <see cref="ActionStemsAnyCase"/> begin words.</summary>
    public static WordBeginnings ActionStemStartsAnyCase { get; } = new(AnyCase(ActionStemList));

    /// <summary>
    /// The beginnings of the entry-into-force alternatives of <see cref="Actions"/> that <see cref="ActionStemList"/> lacks
    /// ("comes into force", "took effect", «вступил в силу» is there already): words too common to look for in every text,
    /// so they are added only to the scan of a text holding one of <see cref="EntryIntoForceMarkers"/>.
    /// </summary>
    private static readonly string[] EntryIntoForceStemList = ["come", "came", "coming", "tak", "took", "wch", "wesz"];

    /// <summary>
    /// Where <see cref="ActionStems"/> or <see cref="EntryIntoForceStemList"/> begin words: every match of <see cref="Actions"/>
    /// begins at one of these places, so the anchored pattern tried there finds what the whole-text scan finds.
    /// </summary>
    public static WordBeginnings ActionAndEntryIntoForceStemStarts { get; } = new([.. ActionStemList, .. EntryIntoForceStemList]);


    /// <summary>Words that name some treaty without naming which; only used when no catalogue name is near.</summary>
    [GeneratedRegex(@"\b(?:treat(?:y|ies)|conventions?|pacts?|accords?|agreements?|protocols?|charters?|statutes?|deals?|договор(?!енн)\w*|конвенц\w*|соглашени\w*|протокол\w*|пакт\w*|устав(?:а|у|ом|е)?|харти\w*|сделк\w*|traktat\w*|umow\w*|porozumieni\w*|konwencj\w*|protok[oó]ł\w*|pakt\w*)\b", Options)]
    public static partial Regex TreatyWords();

    /// <summary>
    /// Not a report of a step: threats, calls, demands, possibility, refusal, talks, accusations, hopes and comment.
    /// Looked for between the start of the clause and the action word.
    /// </summary>
    [GeneratedRegex("""
        \b(?:about(?!\s+to\b)|threat\w*|warn\w*|calls?|call(?:ed|ing)|urg(?:e|es|ed|ing)|demand\w*|could|may|might|consider\w*|mull\w*|weigh\w*|refus\w*|reject\w*|talks?|negotiat\w*|accus\w*|violat\w*|breach\w*|if|unless|not|never|hop(?:e|es|ed|ing)|expect\w*|seek\w*|sought|vow\w*|pledg\w*|want\w*|debat\w*|discuss\w*|asks?|asked|whether|possib\w*|likely|years?\s+ago|anniversary|since|former\w*|should|would\s+not|no\s+longer|pressur\w*|push\w*\s+for|opposes?|opposed|blocks?|blocked|delay\w*|stall\w*|doubt\w*|deni\w*|deny|polls?|survey\w*|опрос\w*|sondaż\w*|rul(?:e|es|ed)\s+out|bids?|applications?|aspiration\w*|prospects?|
           угрож\w*|угроз\w*|пригроз\w*|призв\w*|призыва\w*|требова\w*|требу\w*|потребова\w*|может|могут|можно|могл\w*|смож\w*|возможн\w*|допуст\w*|не\s+исключ\w*|рассматрива\w*\s+возможност\w*|намерен\w*|обвин\w*|наруш\w*|переговор\w*|отказ\w*|если|надежд\w*|надея\w*|перспектив\w*|оценил\w*|прокомментир\w*|комментир\w*|считают|недействительн\w*|ассамбле\w*|пасе|не\s+будет|не\s+станет|лет\s+назад|годовщин\w*|опроверг\w*|отверг\w*|не\s+собира\w*|не\s+планир\w*|
           groz\w*|wezwa\w*|wzywa\w*|może|mogą|rozważa\w*|rozmow\w*|negocjac\w*|oskarż\w*|narusz\w*|żąda\w*)\b
        """, Options | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex NotAStep();

    /// <summary>After the action, in its clause: a modal, a condition or talks ("joining NATO would be...", "will leave NATO if...", "suspends EU accession talks").</summary>
    [GeneratedRegex(@"\b(?:would|could|might|may|should|if|unless|talks|negotiation\w*|dialogue|если|бы|переговор\w*|диалог\w*|jeśli|jeżeli|gdyby|rozmow\w*|negocjac\w*)\b", Options)]
    public static partial Regex ConditionAfter();

    /// <summary>After a gerund, in its clause: the gerund is the subject of a statement ("leaving the EU will affect travel").</summary>
    [GeneratedRegex(@"\b(?:will|would|could|may|might|affects?)\b", Options)]
    public static partial Regex StatementAfter();

    /// <summary>Anywhere in the sentence: history ("thirty years ago", «лет назад») or opinion polls («Опрос: ...»).</summary>
    [GeneratedRegex(@"\b(?:years?\s+ago|decades?\s+ago|anniversary|лет\s+назад|годовщин\w*|rocznic\w*|lat\s+temu|opinion\s+polls?|polls?|surveys?|опрос\w*|sondaż\w*)\b", Options)]
    public static partial Regex HistoricalSentence();

    /// <summary>A negation right before the action word ("not withdraw", «не выходит»).</summary>
    [GeneratedRegex(@"\b(?:not|never|no|не|ни|nie)\s+(?:\w+\s+)?$", Options)]
    public static partial Regex NegatedBefore();

    /// <summary>A dated step in the clause: "joined in 1955", «в 2019 году» — news of the day does not date itself; background does.</summary>
    [GeneratedRegex(@"\b(?:in|since|в|с)\s+(?:\w+\s+)?(?:1[89]\d\d|20\d\d)\b", Options)]
    public static partial Regex HistoricalYear();

    /// <summary>Commerce, not a treaty between states.</summary>
    [GeneratedRegex(@"\b(?:compan(?:y|ies)|merger\w*|takeover\w*|acquisition\w*|shareholder\w*|firms?|contracts?|inc|corp|ltd|plc|компани\w*|контракт\w*|купли|корпорац\w*|газпром\w*|przedsiębiorstw\w*|spół\w*|koncern\w*)\b", Options)]
    public static partial Regex Business();

    /// <summary>A legislature as the actor: its approval of a deal is a ratification.</summary>
    [GeneratedRegex(@"\b(?:mps|parliament\w*|lawmakers|legislators|legislature|senate|senators|congress|commons|duma|deputies|депутат\w*|госдум\w*|парламент\w*|сенат\w*|совфед\w*|sejm\w*|posł\w*)\b", Options)]
    public static partial Regex Legislature();

    /// <summary>Not a treaty between states: an agreement in principle, a framework, an MoU, or a party that is not a state.</summary>
    [GeneratedRegex(@"\b(?:in\s+principle|framework|memorand\w*|mou|letter\s+of\s+intent|taliban|hamas|rebels?|militants?|в\s+принципе|рамочн\w*|меморандум\w*|талиб\w*|хамас\w*|боевик\w*|повстан\w*)\b", Options)]
    public static partial Regex NotAnInstrument();

    /// <summary>Words that make "convention" a meeting, not a treaty.</summary>
    [GeneratedRegex(@"\b(?:party|democratic|republican|national|comic|annual|gop|fan|labour|tory|conservative|trade|nominating|political)\s+(?:\w+\s+)?$", Options)]
    public static partial Regex MeetingConvention();

    /// <summary>Qualifiers that make a "deal" or "agreement" an interstate one.</summary>
    [GeneratedRegex(@"\b(?:nuclear|arms|weapons?|missile\w*|grain|trade|free|security|defen[cs]e|military|climate|partnership|border|peace|friendship|cooperation|co-operation|strategic|ядерн\w*|зернов\w*|оборон\w*|безопасност\w*|торгов\w*|военн\w*|стратегическ\w*|jądrow\w*|zbroje\w*|zbrojeń)\b", Options)]
    public static partial Regex InterstateQualifier();

    [GeneratedRegex(@"\b(?:enter\w*|come\w*|came|coming)\s+into\s+force|(?:complet|finali[sz])\w*\s+(?:\w+\s+){0,2}?(?:withdrawal|exit|accession)|заверши\w*\s+(?:\w+\s+){0,2}?(?:выход|присоединени)\w*|tak(?:e|es|ing)\s+effect|took\s+effect|bec(?:ome|omes|ame)\s+effective|(?:officially|formally)\s+(?:join(?:s|ed)|becomes?|became|left|leaves|exit(?:s|ed)|quits?|withdr(?:ew|aws|awn))|\d+(?:st|nd|rd|th)\s+member|вступ\w*\s+в\s+силу|окончательно\s+вы\w*|официально\s+(?:вступил|стал|вышл|вышел)\w*|\d+-?(?:м|й)\s+член\w*|oficjalnie\s+(?:przyjęt|stał|dołączył|przystąpił)\w*|\d+\.\s+członk\w*", Options)]
    public static partial Regex StageEffective();

    [GeneratedRegex(@"\b(?:notif\w*|deposit(?:s|ed)\s+(?:\w+\s+){0,2}?(?:instrument|notice)\w*|(?:file[sd]?|submit(?:s|ted)?|hand(?:s|ed)?|lodge[sd]?|send|sends|sent|deliver(?:s|ed)?|serve[sd]?|gives?|gave)\s+(?:\w+\s+){0,3}?(?:notice|notification)s?|\d+(?:st|nd|rd|th)\s+(?:nation|country|state)\s+to\s+(?:ratify|accede)|\d+-?[а-я]{0,3}\s+(?:страной|государством)\s*,?\s*(?:ратифицировавш|присоединивш)\w*|notice\s+of\s+(?:withdrawal|denunciation)|informed\s+the\s+(?:un|depositary|secretary)\w*|уведоми\w*|уведомлен\w*|нотификац\w*|депозитари\w*|powiadomi\w*|notyfik\w*)\b", Options)]
    public static partial Regex StageNotified();

    [GeneratedRegex(@"\b(?:sign\w*\s+(?:\w+\s+){0,2}?(?:law|legislation)|law\s+(?:was\s+)?signed|(?:proclaim|promulgat)\w*\s+(?:\w+\s+){0,2}?(?:law|legislation)|sign(?:s|ed)\s+(?:\w+\s+){0,2}?(?:decree|order|instrument)s?\b(?!\s+(?:propos|on\s+submit|to\s+(?:submit|propose|send|introduce)))|(?:decree|executive\s+order)\s+(?:pull|withdraw|end|terminat|suspend|quit|take|denounc)\w*|\bby\s+(?:\w+\s+)?decree|sign(?:s|ed)\s+(?:\w+\s+){0,2}?(?:treaty|accord|agreement|protocol|papers|documents)\s+to\s+(?:re-?)?(?:join|accede)|указом|подписал\w*\s+(?:\w+\s+){0,2}(?:закон|указ)\w*|подписан\w*\s+(?:\w+\s+)?закон\w*|закон\w*\s+подписан\w*|podpisa\w*\s+ustaw\w*)\b", Options)]
    public static partial Regex StageEnacted();

    [GeneratedRegex(@"\b(?:(?:parliament|lawmakers|legislators|legislature|deputies|senators|senate|duma|mps|assembly|riksdag|knesset|congress|committee|(?:lower|upper)\s+(?:house|chamber)|house\s+of\s+(?:representatives|commons|lords)|bundestag|seimas|saeima|sejm|eduskunta|storting|verkhovna\s+rada)\s+(?:\w+\s+){0,3}?(?:vot|approv|ratif|pass|back|adopt|endors|sign\w*\s+off)\w*|(?:vot|approv|ratif|pass|adopt)\w*\s+by\s+(?:\w+\s+){0,2}?(?:parliament|lawmakers|duma|senate|legislators)|(?:needs|awaits|requires)\s+(?:\w+\s+){0,2}?(?:approval|signature)\s+(?:by|from|of)\s+(?:\w+\s+)?(?:president|putin)|направ\w*\s+(?:\w+\s+)?на\s+подпись|(?:первом|втором|третьем)\s+чтени\w*|(?:госдум|дум|парламент|депутат|совфед|сенатор|совет\w*\s+федерации|комисси|комитет|рад|сейм|меджлис|меджлис)\w*\s+(?:\w+\s+){0,4}?(?:принял|приняли|приняла|одобрил|ратифицир|проголосова|утверди|поддержал)\w*|(?:parlament|sejm|senat|posłowie)\w*\s+(?:\w+\s+){0,2}?(?:ratyfik|zatwierdzi|przegłosowa|przyj|uchwali|popar)\w*|(?:goes|sent|heads)\s+to\s+(?:\w+\s+){0,3}?for\s+(?:\w+\s+)?signature)\b", Options)]
    public static partial Regex StageLegislative();

    [GeneratedRegex(@"\b(?:propos\w*|bills?|draft\s+(?:law|legislation)|submit\w*|introduc\w*\s+(?:a\s+)?bill|законопроект\w*|проект\w*\s+(?:федерального\s+)?закона|внесен\w*|внесени\w*|внес(?:ла|ли)?|предложени\w*|предлож\w*|рассмотр\w*|projekt\w*\s+ustaw\w*|draft\s+(?:\w+\s+)?(?:agreement|treaty|accord)|проект\w*\s+(?:\w+\s+)?(?:соглашени|договор|конвенц|протокол)\w*|wnios\w*)\b", Options)]
    public static partial Regex StageProposed();

    /// <summary>A Russian act's title: «О ратификации ...», «О денонсации ...», «О присоединении ...».</summary>
    [GeneratedRegex(@"^\s*(?:об?|федеральный\s+закон\s+""?об?)\s+(?:ратификац|денонсац|присоединени|приостановлени|прекращени|отзыв|подписани|внесении\s+(?:президенту\s+российской\s+федерации\s+)?предложени)\w*", Options)]
    public static partial Regex RussianActTitle();

    /// <summary>
    /// A Russian official act's title, as the act itself or the Kremlin's news of it: <see cref="RussianActTitle"/>, also
    /// after «Подписан (федеральный) закон», «Указ / Распоряжение / Постановление (Президента / Правительства) (от … № …)»
    /// or «Федеральный закон от … № …»; in English, "Federal Law On Ratification …". Its acting state is Russia.
    /// </summary>
    [GeneratedRegex(@"^\s*federal\s+law\s+""?on\s+(?:the\s+)?(?:ratif|denunc|suspen|terminat|accession|withdraw)\w*|^\s*(?:(?:подписан\w*\s+(?:федеральн\w*\s+)?(?:закон|указ|распоряжени\w*)|федеральн\w*\s+закон|указ|распоряжени\w*|постановлени\w*)(?:\s+(?:президента|правительства))?(?:\s+(?:российской\s+федерации|рф))?(?:\s+от\s+[\d.]+(?:\s*г\.?)?)?(?:\s+(?:№|n)\s*[\w-]+)?\s+""?)?об?\s+(?:ратификац|денонсац|присоединени|приостановлени|прекращени|отзыв|подписани|внесении\s+(?:президенту\s+российской\s+федерации\s+)?предложени)\w*", Options)]
    public static partial Regex RussianAct();

    /// <summary>Where a clause ends: punctuation and the conjunctions that start a new statement.</summary>
    [GeneratedRegex(@"[,;:!?()\[\]""|]|\.(?:\s|$)|\s-\s|\b(?:as|but|while|after|before|until|despite|amid|because|though|although|whereas|which|who|that|но|а|хотя|после|пока|однако|который|которая|которое|которые|которого|котором)\b", Options)]
    public static partial Regex ClauseBreak();

    /// <summary>A sentence end.</summary>
    [GeneratedRegex(@"[.!?](?:\s|$)|\|", Options)]
    public static partial Regex SentenceBreak();

    /// <summary>A clause that opens as background: "..., which the U.S. exited under Trump".</summary>
    [GeneratedRegex(@"^\s*(?:,\s*)?(?:which|who|when|где|когда|который|которая|которое|которые|которого|котором)\b", Options)]
    public static partial Regex BackgroundClause();

    /// <summary>
    /// Time elapsed since the step, up to the action word with no comma between: commentary on a past step ("Ten years
    /// after Russia denounced the treaty", «Спустя два года после выхода России из ДОВСЕ»).
    /// </summary>
    [GeneratedRegex(@"\b(?:years?|decades?|months?|лет|года?|месяц\w*)\s+(?:after|since|после)\b[^,;:|]*$", Options)]
    public static partial Regex ElapsedSince();

    /// <summary>A summary clause that dates the news by another event: "... a few weeks before the UK's departure", "after the UK left".</summary>
    [GeneratedRegex(@"^\s*(?:after|before|until|since|после|до|перед)\b", Options)]
    public static partial Regex TemporalClause();

    /// <summary>Future or intention: "to join", "set to join", "will quit".</summary>
    [GeneratedRegex(@"\b(?:to|will|would|set\s+to|plans?\s+to|going\s+to|намерен\w*|будет|собира\w*|подадут|подаст)\s+(?:\w+\s+)?$", Options)]
    public static partial Regex FutureBefore();
}
