using System.Text.RegularExpressions;
using Alerts.Core.Messages;

namespace Alerts.Core.Events;

/// <summary>
/// The finer steps of a state's treaty procedure, in order, modelled on Russia's (government
/// proposal → bill in the Duma → readings → Federation Council → law signed → depositary notified
/// → in effect) and named so that other parliaments fit the same slots. Each step belongs to one
/// coarse <see cref="TreatyMilestone"/>. <see cref="Classify"/> reads them from an item's title and
/// summary (English and Russian); it is pure and separate from the detector on purpose: the
/// detector decides the coarse stage, this only refines it.
/// </summary>
public static partial class ProcedureSteps
{
    /// <summary>
    /// A step reported as scheduled, not yet taken and not the state's own announcement: "Finland set to join NATO",
    /// "will become the 31st member on Tuesday", «Финляндия должна вступить в НАТО». Within the announced stage, before
    /// any act; a post says the state "is set to" take it.
    /// </summary>
    public const string Scheduled = "scheduled";
    public const string GovernmentProposal = "govt_proposal";
    public const string BillSubmitted = "bill_submitted";
    public const string FirstReading = "duma_reading_1";
    public const string SecondReading = "duma_reading_2";
    /// <summary>The lower house adopted the law (third or final reading; "parliament passed" elsewhere).</summary>
    public const string LowerHouseAdopted = "duma_adopted";
    /// <summary>The upper house approved it (Federation Council, Senate).</summary>
    public const string UpperHouseApproved = "federation_council";
    /// <summary>The head of state signed the law (or a decree).</summary>
    public const string LawSigned = "law_signed";
    public const string DepositaryNotified = "depositary_notified";
    public const string InEffect = "in_effect";

    /// <summary>Every step, earliest first.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Scheduled, GovernmentProposal, BillSubmitted, FirstReading, SecondReading, LowerHouseAdopted,
        UpperHouseApproved, LawSigned, DepositaryNotified, InEffect,
    ];

    /// <summary>Position in the procedure: 1 for the first step, 0 for none or an unknown name.</summary>
    public static int Rank(string? step)
    {
        if (step is null)
        {
            return 0;
        }
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], step, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        return 0;
    }

    /// <summary>The coarse stage a step belongs to.</summary>
    public static TreatyMilestone StageOf(string step) => step switch
    {
        Scheduled => TreatyMilestone.Announced,
        GovernmentProposal or BillSubmitted => TreatyMilestone.Proposed,
        FirstReading or SecondReading or LowerHouseAdopted or UpperHouseApproved => TreatyMilestone.Legislative,
        LawSigned => TreatyMilestone.Enacted,
        DepositaryNotified => TreatyMilestone.Notified,
        InEffect => TreatyMilestone.Effective,
        _ => TreatyMilestone.Unknown,
    };

    /// <summary>Every step the text mentions, earliest first. An item often recalls earlier steps too.</summary>
    public static IReadOnlyList<string> Classify(string? title, string? summary)
    {
        var text = Normalise(title) + " \n " + Normalise(summary);
        var found = new List<string>();
        void Add(string step, Regex regex)
        {
            if (regex.IsMatch(text))
            {
                found.Add(step);
            }
        }
        Add(Scheduled, ScheduledPattern());
        Add(GovernmentProposal, GovernmentPattern());
        Add(BillSubmitted, BillPattern());
        var first = FirstReadingPattern().IsMatch(text);
        var second = SecondReadingPattern().IsMatch(text);
        if (first)
        {
            found.Add(FirstReading);
        }
        if (second)
        {
            found.Add(SecondReading);
        }
        // "The Duma passed it in the first reading" is not the final vote: a generic "passed" counts
        // as adoption only when no earlier reading is named, or the third/final one is.
        // A committee's vote ("the foreign affairs committee of Turkey's parliament approved") is not the house's: the
        // committee's clause does not count as the chamber passing the law.
        if (FinalReadingPattern().IsMatch(text) || (!first && !second && LowerHousePattern().IsMatch(CommitteeVote().Replace(text, " | "))))
        {
            found.Add(LowerHouseAdopted);
        }
        Add(UpperHouseApproved, UpperHousePattern());
        Add(LawSigned, LawSignedPattern());
        Add(DepositaryNotified, NotifiedPattern());
        Add(InEffect, InEffectPattern());
        return found;
    }

    /// <summary>The latest step the text mentions within <paramref name="stage"/>, or null.</summary>
    public static string? Within(TreatyMilestone stage, IReadOnlyList<string> steps)
        => steps.Where(s => StageOf(s) == stage).MaxBy(Rank);

    /// <summary>
    /// The step an item is at, given the detector's coarse stage: the latest step of that stage the
    /// text names. When the detector saw no stage (unknown, announced), the latest step from
    /// proposal to notification the text names, if any: «Денонсировать ...» is a signed law even
    /// though no stage word is in it. Never <see cref="InEffect"/> on its own, because «закон
    /// вступает в силу» is about the law, not the treaty. An announced step the text reports as
    /// scheduled ("set to join") is <see cref="Scheduled"/>.
    /// </summary>
    public static string? Refine(TreatyMilestone detected, IReadOnlyList<string> steps)
        => detected switch
        {
            TreatyMilestone.Unknown or TreatyMilestone.Announced when steps.Where(s => StageOf(s) is > TreatyMilestone.Announced and < TreatyMilestone.Effective).MaxBy(Rank) is { } later => later,
            TreatyMilestone.Announced when steps.Contains(Scheduled) => Scheduled,
            TreatyMilestone.Unknown or TreatyMilestone.Announced => null,
            _ => Within(detected, steps),
        };

    private static string Normalise(string? text)
        => text is null ? "" : (text.Length > 4000 ? text[..4000] : text).ToLowerInvariant().Replace('ё', 'е');

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// A membership or treaty step reported as set for a time: "set/due/scheduled/poised to join", "will join … on Tuesday",
    /// «должна вступить», «вступит … в среду». A plan voiced by the state ("plans to", "intends to", «намерена») is not this.
    /// </summary>
    [GeneratedRegex(@"\b(?:(?:set|due|scheduled|slated|poised)\s+to\s+(?:formally\s+|officially\s+)?(?:join|rejoin|re-join|become|leave|quit|exit|withdraw|accede|ratify|sign|suspend|enter)\b|(?:will|is\s+to|are\s+to)\s+(?:formally\s+|officially\s+)?(?:join|rejoin|re-join|become|leave|quit|exit|withdraw|accede)\b[^.|\n]{0,60}?\b(?:today|tonight|tomorrow|this\s+week|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b|должн\w*\s+(?:официально\s+)?(?:вступить|выйти|присоединиться|стать|подписать|ратифицировать|покинуть|вернуться)|(?:вступит|выйдет|присоединится|станет)\s+[^.|\n]{0,60}?(?:сегодня|завтра|во?\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)))", Options)]
    private static partial Regex ScheduledPattern();

    [GeneratedRegex(@"\b(?:(?:правительств|кабмин|премьер)\w*\s+(?:\w+\s+){0,4}?(?:внес|внёс|одобр|предлож|утверд|постанов|распоряд|подпис|направ|решил|принял|приняло)\w*|(?:внес|внёс|одобр|предлож|утверд|постанов|распоряд|подпис|направ|решил|принял|приняло)\w*\s+(?:\w+\s+){0,3}?(?:правительств|кабмин|премьер)\w*|правительств\w*\s+(?:рф|россии|российской\s+федерации)\b|мишустин\w*|постановлени\w*|распоряжени\w*\s+правительств\w*|предложени\w*\s+о\s+(?:денонсац|прекращени|приостановлени|выход|ратификац|присоединени|отзыв)\w*|(?:government|cabinet|prime\s+minister|mishustin)\w*\s+(?:\w+\s+){0,3}?(?:approv\w*|decree[sd]?|order(?:s|ed)?|resol(?:ves?|ved|ution)|submit\w*|sign(?:s|ed|ing)?)\b|propos\w*)", Options)]
    private static partial Regex GovernmentPattern();

    [GeneratedRegex(@"\b(?:(?<!для\s)внес\w*\s+(?:\w+\s+){0,6}?в\s+(?:гос\w*\s*)?дум\w*|в\s+госдум\w*\s+внес\w*|законопроект\w*|проект\w*\s+(?:федерального\s+)?закона|submit\w*\s+(?:\w+\s+){0,6}?to\s+(?:the\s+)?(?:state\s+)?(?:duma|parliament|legislature)|introduc\w*\s+(?:a\s+|the\s+)?bill|(?:a|the)\s+bill\b|draft\s+law)", Options)]
    private static partial Regex BillPattern();

    /// <summary>A parliamentary committee's vote, from the committee to its verb: «комитет парламента Турции одобрил», "committee … approved".</summary>
    [GeneratedRegex(@"\b(?:комисси|комитет|committee)\w*\s+(?:[\w-]+\s+){0,10}?(?:одобрил|поддержал|утвердил|принял|проголосова|рекомендова|approv|pass|adopt|vot|back|endors|recommend)\w*", Options)]
    private static partial Regex CommitteeVote();

    [GeneratedRegex(@"\b(?:перв\w*\s+чтени\w*|first\s+reading)", Options)]
    private static partial Regex FirstReadingPattern();

    [GeneratedRegex(@"\b(?:втор\w*\s+чтени\w*|втором\s+и\s+третьем|second\s+reading)", Options)]
    private static partial Regex SecondReadingPattern();

    [GeneratedRegex(@"\b(?:(?:трет|окончательн|заключительн)\w*,?\s+(?:\w+\s+)?чтени\w*|втором\s+и\s+третьем|окончательно\s+(?:принял|приняла|приняли|утвердил\w*|одобрил\w*)|third\s+reading|final\s+reading)", Options)]
    private static partial Regex FinalReadingPattern();

    [GeneratedRegex(@"\b(?:(?:госдум|дум|депутат|парламент)\w*\s+(?:\w+\s+){0,5}?(?:принял|приняли|приняла|одобрил\w*|поддержал\w*|ратифицир\w*|проголосова\w*|утвердил\w*)|(?:duma|parliament|lawmakers|deputies|legislators|mps|legislature)\s+(?:\w+\s+){0,4}?(?:pass|adopt|approv|vot|back|ratif|endors)\w*|(?:passed|adopted|approved)\s+by\s+(?:the\s+)?(?:state\s+)?(?:duma|parliament|lawmakers|lower\s+house))", Options)]
    private static partial Regex LowerHousePattern();

    [GeneratedRegex(@"\b(?:совет\w*\s+федерации|совфед\w*|сенатор\w*|federation\s+council|upper\s+house|senators?\b|senate\b)", Options)]
    private static partial Regex UpperHousePattern();

    // A published law's operative clause starts with the imperative: «Денонсировать Договор ...».
    [GeneratedRegex(@"(?:\bподписал\w*\s+(?:\w+\s+){0,3}?(?:закон|указ)\w*|\bподписан\w*\s+(?:\w+\s+){0,2}?закон\w*|\bзакон\w*\s+(?:\w+\s+){0,8}?подписан\w*|\bфедеральн\w*\s+закон\w*\s+от\s+\d|(?:^|[«""\n]\s*)(?:денонсировать|приостановить\s+действие|прекратить\s+действие)\b|\bsign\w*\s+(?:\w+\s+){0,4}?(?:law|legislation|decree)\b|\blaw\s+(?:was\s+)?signed|\bsigned\s+into\s+law)", Options)]
    private static partial Regex LawSignedPattern();

    [GeneratedRegex(@"\b(?:уведоми\w*|уведомлен\w*|нотификац\w*|депозитари\w*|notif\w*|depositary|informed\s+the\s+(?:un|secretary|depositary)\w*|notice\s+of\s+(?:withdrawal|denunciation))", Options)]
    private static partial Regex NotifiedPattern();

    [GeneratedRegex(@"\b(?:вступ\w*\s+в\s+(?:законную\s+)?силу|прекратил\w*\s+(?:\w+\s+){0,3}?(?:действи|участи)\w*|перестал\w*\s+быть\s+участник\w*|официально\s+(?:вышл\w*|вышел|покинул\w*)|окончательно\s+вы(?:шл|шел)\w*|(?:enter\w*|came|come|comes)\s+into\s+force|took\s+effect|takes\s+effect|formally\s+(?:quit|left|leaves|withdr\w*|exit\w*)|officially\s+(?:quit|left|leaves|withdr\w*|exit\w*)|ceased\s+to\s+be\s+(?:a\s+)?party|no\s+longer\s+(?:a\s+)?party)", Options)]
    private static partial Regex InEffectPattern();
}
