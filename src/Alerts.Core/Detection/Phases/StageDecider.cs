using System.Text.RegularExpressions;
using Alerts.Core.Messages;

namespace Alerts.Core.Detection.Phases;

/// <summary>What the stage is decided from: the step, its governing words, and the item's normalised texts.</summary>
/// <param name="ClauseBefore">The words of the step's clause before its action word (actor, auxiliaries, "to", "will").</param>
/// <param name="Sentence">The step's own sentence: the only place besides the title where "today" dates it.</param>
internal sealed record StageInput(TreatyAction Action, string ActionWords, string ClauseBefore, string Title, string Summary, string Sentence);

/// <summary>A stage and the words that showed it (null when it is the default for the action).</summary>
internal sealed record StageDecision(TreatyMilestone Milestone, string? Cue);

/// <summary>
/// The stage of a step, conservatively. An explicit procedural cue outside a future or hypothetical clause shows the
/// stage reached (parliament votes → legislative; law or decree signed → enacted; notified; enters into force →
/// effective; bill, proposal → proposed). Otherwise the governing verb decides: a plan, a future or "to" headline →
/// announced (unless it happens today: "Finland to join NATO today" → effective); a completed join or exit →
/// effective; a completed "withdraws", signature, or a head of state's ratification → enacted; a ratification →
/// legislative. When unsure, the earlier stage.
/// </summary>
internal static partial class StageDecider
{
    public static StageDecision Decide(StageInput input)
    {
        var aspect = VerbForm.Of(input.ActionWords, input.ClauseBefore);
        // A parliament that is to vote on the step has it before it: "Senate to vote on the treaty", «Госдума проголосует».
        if (aspect != Aspect.Completed && LegislatureToDecide().Match(input.Title) is { Success: true } house)
        {
            return new StageDecision(TreatyMilestone.Legislative, house.Value);
        }
        var membership = input.Action is TreatyAction.Accession or TreatyAction.Withdrawal;
        // The item is dated by the step itself: "Brexit day", "on the day the UK leaves", "last night in the EU".
        if (membership && aspect != Aspect.Completed)
        {
            var day = DayOfStep().Match(input.Title);
            if (!day.Success)
            {
                day = DayOfStep().Match(input.Summary);
            }
            if (day.Success)
            {
                return new StageDecision(TreatyMilestone.Effective, day.Value);
            }
        }
        // A state's foreign ministry or government saying the state is officially leaving, now («Россия официально выходит
        // из Совета Европы, заявили в МИД», "the foreign ministry said the country is officially withdrawing"): a state leaves a
        // treaty by its notice to the depositary or the other parties, which the ministry gives; "officially" in the present
        // is that formal act under way, not a plan (future: announced) nor the exit itself (completed: effective).
        if (input.Action == TreatyAction.Withdrawal && aspect == Aspect.Progressive
            && OfficiallyLeaving().Match(input.Title + " | " + input.Summary) is { Success: true } officially
            && OfficialSpeaker().IsMatch(input.Title + " | " + input.Summary))
        {
            return new StageDecision(TreatyMilestone.Notified, officially.Value);
        }
        if (aspect is Aspect.Future or Aspect.Progressive)
        {
            var today = SameDay().Match(input.Title);
            if (!today.Success)
            {
                today = SameDay().Match(input.Sentence);
            }
            if (membership && today.Success)
            {
                return new StageDecision(TreatyMilestone.Effective, today.Value);
            }
            if (aspect == Aspect.Future)
            {
                // What the item says of later steps ("would submit its notice", "the bill will") is not reached yet.
                // A law or decree signed, a vote held or a proposal made is a completed act even under a future headline
                // ("Russia to quit convention" + "signed a decree proposing"); a notice may be a later one.
                return Cue(input.Title) ?? (Cue(input.Summary) is { Milestone: TreatyMilestone.Enacted or TreatyMilestone.Legislative or TreatyMilestone.Proposed } done ? done : null)
                    ?? new StageDecision(TreatyMilestone.Announced, null);
            }
        }
        var titleCue = Cue(input.Title);
        var summaryCue = Cue(input.Summary);
        var cue = titleCue is null || (summaryCue is not null && summaryCue.Milestone > titleCue.Milestone) ? summaryCue : titleCue;
        var byVerb = aspect == Aspect.Completed ? Completed(input) : null;
        // A state "pulls out" or "quits" by a decree or order its leader signed that day ("Trump pulls US out of Paris deal" +
        // "signed an executive order"): the exit named is that act, enacted; it takes effect later.
        if ((byVerb is null || byVerb is { Milestone: TreatyMilestone.Effective, Cue: null }) && aspect == Aspect.Completed
            && input.Action is TreatyAction.Withdrawal or TreatyAction.Suspension && DecreeSignedIn(input) is { Success: true } signed)
        {
            return new StageDecision(TreatyMilestone.Enacted, signed.Value);
        }
        if (cue is not null && (byVerb is null || cue.Milestone >= byVerb.Milestone))
        {
            return cue;
        }
        if (byVerb is not null)
        {
            return byVerb;
        }
        if (RussianActTitle().IsMatch(input.Title))
        {
            return new StageDecision(TreatyMilestone.Proposed, "act title");
        }
        return new StageDecision(input.Action switch
        {
            TreatyAction.Ratification => TreatyMilestone.Legislative,
            TreatyAction.EntryIntoForce => TreatyMilestone.Effective,
            _ => TreatyMilestone.Announced,
        }, null);
    }

    private static Match DecreeSignedIn(StageInput input)
    {
        var signed = DecreeSigned().Match(input.Title);
        return signed.Success ? signed : DecreeSigned().Match(input.Summary);
    }

    /// <summary>The stage a completed act shows by itself.</summary>
    private static StageDecision? Completed(StageInput input)
    {
        var word = input.ActionWords;
        // A decree or executive order as the verb's subject is the act that decides the step ("Erdogan decree pulls Turkey
        // out of treaty", «указ выводит»): the step is enacted; it takes effect later.
        if (input.Action is TreatyAction.Withdrawal or TreatyAction.Suspension or TreatyAction.Accession
            && GoverningDecree().Match(input.ClauseBefore) is { Success: true } decree)
        {
            return new StageDecision(TreatyMilestone.Enacted, decree.Value.Trim());
        }
        return input.Action switch
        {
            TreatyAction.EntryIntoForce => new StageDecision(TreatyMilestone.Effective, null),
            // "withdraws from" is the act of a government (decree, notice); "leaves", "quits", "left", "joins" the result.
            // "denounces", «денонсировала» likewise: a denunciation is the instrument; it takes effect months later.
            TreatyAction.Withdrawal when word.StartsWith("withdr", StringComparison.Ordinal) || Denouncing().IsMatch(word) => new StageDecision(TreatyMilestone.Enacted, null),
            // "terminates", "scraps", "ditches", "severs ties", "tears up": a declaration; its instrument comes later.
            TreatyAction.Withdrawal when Declaration().IsMatch(word) => null,
            TreatyAction.Accession or TreatyAction.Withdrawal => new StageDecision(TreatyMilestone.Effective, null),
            // Signed is enacted; a draft approved is only the decision to sign.
            TreatyAction.Signature when Signing().IsMatch(word) => new StageDecision(TreatyMilestone.Enacted, null),
            // A treaty's term prolonged by those who made it: «Путин и Си Цзиньпин продлили договор».
            TreatyAction.Other => new StageDecision(TreatyMilestone.Enacted, null),
            TreatyAction.Ratification or TreatyAction.Deratification when HeadOfState().Match(input.ClauseBefore) is { Success: true } head
                => new StageDecision(TreatyMilestone.Enacted, head.Value),
            _ => null,
        };
    }

    /// <summary>The furthest stage a text's words show, outside clauses about what will or may happen.</summary>
    private static StageDecision? Cue(string text)
    {
        foreach (var (regex, stage) in Cues)
        {
            foreach (var m in regex().EnumerateMatches(text))
            {
                var before = text.AsSpan(Math.Max(0, m.Index - 30), Math.Min(30, m.Index));
                var after = text.AsSpan(m.Index + m.Length, Math.Min(30, text.Length - m.Index - m.Length));
                var cue = text.AsSpan(m.Index, m.Length);
                if (!NotYet().IsMatch(before) && !TimeReference().IsMatch(before) && !FutureAfter().IsMatch(after)
                    && !RussianPerfectiveFuture().IsMatch(cue) && !(PresentEffect().IsMatch(cue) && Delay().IsMatch(after)))
                {
                    return new StageDecision(stage, text.Substring(m.Index, m.Length));
                }
            }
        }
        return null;
    }

    private static readonly (Func<Regex> Regex, TreatyMilestone Milestone)[] Cues =
    [
        (DetectionPatterns.StageEffective, TreatyMilestone.Effective),
        (DetectionPatterns.StageNotified, TreatyMilestone.Notified),
        (DetectionPatterns.StageEnacted, TreatyMilestone.Enacted),
        (DetectionPatterns.StageLegislative, TreatyMilestone.Legislative),
        (DetectionPatterns.StageProposed, TreatyMilestone.Proposed),
    ];

    private static Regex RussianActTitle() => DetectionPatterns.RussianActTitle();

    [GeneratedRegex(@"\b(?:(?:senate|parliament|lawmakers|mps|duma|congress|sejm)\s+(?:\w+\s+){0,2}?(?:to\s+)?vot\w*|проголосу\w*\s+(?:\w+\s+){0,1}?(?:совфед|госдум|дума|парламент|сенат)\w*|(?:совфед|госдум|дума|парламент|сенат)\w*\s+(?:\w+\s+){0,1}?проголосу\w*)", RegexOptions.CultureInvariant)]
    private static partial Regex LegislatureToDecide();

    [GeneratedRegex(@"^(?:sign|подпис|podpis)", RegexOptions.CultureInvariant)]
    private static partial Regex Signing();

    [GeneratedRegex(@"^(?:terminat|scrap|ditch|abandon|tear|tore|rip|sever|renounc|abrogat|walk|отказ)", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();

    /// <summary>Same-day completion of a scheduled step: "today", "tonight", "at 23:00 GMT", «сегодня».</summary>
    [GeneratedRegex(@"\b(?:today|tonight|at\s+(?:midnight|\d{1,2}(?:[:.]\d\d)?\s*(?:pm|am|gmt|cet|bst|utc)?\b)|сегодня|dziś|dzisiaj)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SameDay();

    /// <summary>
    /// The day of a join or an exit named as the item's date: "Brexit day", "exit day", "accession day", "on the day the UK
    /// leaves", "last night in the EU", "final hours as a member". The step happens that day.
    /// </summary>
    [GeneratedRegex(@"\b(?:\w*exit|departure|accession|withdrawal|independence)\s+day\b|\bon\s+the\s+day\s+(?:that\s+)?(?:the\s+)?\w+\s+(?:leaves|joins|exits|quits|becomes)\b|\b(?:last|final)\s+(?:night|hours?|day)\s+(?:in\s+the|as\s+(?:a\s+)?members?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayOfStep();

    /// <summary>A future or a possibility right before a cue: "would formally submit its notice", "could be signed".</summary>
    [GeneratedRegex(@"\b(?:will|would|could|may|might|shall|plans?\s+to|expected\s+to|set\s+to|intends?\s+to|будет|может|могут|планиру\w*|намерен\w*)\b[^.|]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NotYet();

    /// <summary>
    /// A cue that only dates the step: "six months after notifying the UN", "a year after it notified", «через полгода после
    /// уведомления», "po złożeniu notyfikacji", "until entry into force"; or an infinitive, what is ordered or due ("directs the ambassador to submit formal written
    /// notification", "due to enter into force"). The act named is not the item's step.
    /// </summary>
    [GeneratedRegex(@"\b(?:after|before|until|upon|following|once|после|до|po|przed)\s+(?:\w+\s+){0,3}$|\bto\s+(?:formally\s+|officially\s+)?(?:(?:submit|send|give|deliver|file|hand|lodge|deposit|notify|enter|take|come|transmit|issue|begin|start)\b[^.|]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeReference();

    /// <summary>A future right after a cue noun: «Уведомление о выходе будет направлено», "notification will be sent".</summary>
    [GeneratedRegex(@"^\s+(?:(?:о|об|of|on)\s+(?:\w+\s+){0,2})?(?:будет|будут|will|would|is\s+to|are\s+to|is\s+due|is\s+expected)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FutureAfter();

    /// <summary>A Russian cue verb in the perfective future: «вступит в силу», «уведомят».</summary>
    [GeneratedRegex(@"^(?:вступ|уведом)(?:ит|ят)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RussianPerfectiveFuture();

    /// <summary>A decree or executive order signed or issued: "signed an executive order", «подписал указ», «указ опубликован».</summary>
    [GeneratedRegex(@"\b(?:signs|signed|issues|issued)\s+(?:\w+\s+){0,2}?(?:decree|order)s?\b(?!\s+(?:propos|on\s+submit|to\s+(?:submit|propose|send|introduce)))|подписал\w*\s+(?:\w+\s+){0,2}?указ\w*|указ\w*\s+(?:\w+\s+)?опубликован\w*", RegexOptions.CultureInvariant)]
    private static partial Regex DecreeSigned();

    /// <summary>A decree or executive order ending the clause before the verb: its subject.</summary>
    [GeneratedRegex(@"\b(?:decree|executive\s+order|указ|dekret|rozporządzenie)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex GoverningDecree();

    /// <summary>An effect in the present tense: "takes effect", "enters into force", «вступает в силу».</summary>
    [GeneratedRegex(@"^(?:takes?|enters?|comes?|becomes?|вступает|вступают)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PresentEffect();

    /// <summary>
    /// A delay right after a present-tense effect: the rule of the treaty, not the day ("takes effect six months after the UN
    /// is notified", "enters into force in 90 days", «вступает в силу через год»).
    /// </summary>
    [GeneratedRegex(@"^\s+(?:for\s+\w+\s+)?(?:(?:(?:in|within|через|after|only)\s+)?(?:\w+\s+)?(?:months?|years?|days?|weeks?|месяц\w*|год\w*|лет|дн\w*|недел\w*|полгода)\b|on\s+(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Delay();

    [GeneratedRegex(@"^(?:denounc|денонсирова)", RegexOptions.CultureInvariant)]
    private static partial Regex Denouncing();

    /// <summary>Officially leaving, in the present: «официально выходит», "is officially withdrawing".</summary>
    [GeneratedRegex(@"\b(?:официально\s+(?:выход|покида)\w*|(?:is|are)\s+officially\s+(?:leaving|withdrawing|quitting|exiting))\b", RegexOptions.CultureInvariant)]
    private static partial Regex OfficiallyLeaving();

    /// <summary>The state's own voice on its foreign relations: its foreign ministry or government.</summary>
    [GeneratedRegex(@"\b(?:мид\w*|министерств\w*\s+иностранных\s+дел|внешнеполитическ\w*\s+ведомств\w*|правительств\w*|foreign\s+(?:ministry|minister|office)|ministry\s+of\s+foreign\s+affairs|state\s+department|government)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OfficialSpeaker();

    /// <summary>A head of state or government as the actor: their ratification or revocation is the signature of the law.</summary>
    [GeneratedRegex(@"\b(?:putin|biden|trump|erdogan|macron|president|prime\s+minister|head\s+of\s+government|chancellor|председател\w*\s+правительств\w*|глав\w*\s+правительств\w*|путин\w*|байден\w*|трамп\w*|эрдоган\w*|президент\w*|премьер\w*|мишустин\w*|prezydent\w*|premier\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HeadOfState();
}
