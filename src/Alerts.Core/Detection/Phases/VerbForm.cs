using System.Text.RegularExpressions;

namespace Alerts.Core.Detection.Phases;

/// <summary>What the governing verb of a step says about time: done, going on, to come, or only named.</summary>
internal enum Aspect
{
    /// <summary>A noun or gerund ("exit", «выход», "leaving the EU"): says nothing about time.</summary>
    Named,
    /// <summary>Future, plan or intention: "to join", "will quit", "set to", «выйдет», «намерена».</summary>
    Future,
    /// <summary>Going on: "is leaving", "US quitting WHO", «выходит».</summary>
    Progressive,
    /// <summary>Done: "joins", "left", "has rejoined", «вышла», «подписал», "przystąpiła".</summary>
    Completed,
}

/// <summary>
/// Reads the tense and aspect of an action word from the word itself and the words before it in its clause.
/// Headlines use the simple present for what has happened ("Finland joins NATO"), so that counts as done.
/// </summary>
internal static partial class VerbForm
{
    public static Aspect Of(string actionWords, string clauseBefore)
    {
        var first = FirstWord(actionWords);
        if (FutureBefore().IsMatch(clauseBefore) || RussianFuture().IsMatch(first))
        {
            return Aspect.Future;
        }
        if (first.EndsWith("ing", StringComparison.Ordinal))
        {
            // "US quitting WHO" and "is leaving" go on; "about leaving", "the UK leaving" name the step;
            // "celebrate leaving", "mark Britain leaving" say it is happening.
            if (Marking().IsMatch(clauseBefore))
            {
                return Aspect.Completed;
            }
            return GerundBefore().IsMatch(clauseBefore) ? Aspect.Named : Aspect.Progressive;
        }
        if (RussianPresent().IsMatch(first))
        {
            return Aspect.Progressive;
        }
        if (EnglishDone().IsMatch(first) || RussianPast().IsMatch(first) || RussianPassive().IsMatch(first) || PolishPast().IsMatch(first))
        {
            return Aspect.Completed;
        }
        // A ratification named by a noun takes the aspect of the completed act that governs it: "approved the ratification",
        // «одобрил ратификацию» (who approved decides the stage: a head of government's approval is the instrument).
        if (RatificationNoun().IsMatch(first) && GoverningActDone().IsMatch(clauseBefore))
        {
            return Aspect.Completed;
        }
        // A headline's plural subject takes the bare verb for what has happened: "Britain and Japan sign trade deal".
        if (first.Length > 0 && first[0] < '\u0400' && PluralSubject().IsMatch(clauseBefore))
        {
            return Aspect.Completed;
        }
        return Aspect.Named;
    }

    private static string FirstWord(string words)
    {
        var space = words.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? words : words[..space];
    }

    /// <summary>Future, plan or intention right before the verb: "to", "will", "set to", "plans to", «будет», «намерена».</summary>
    [GeneratedRegex(@"(?:(?<!\b(?:member|country|nation|state|first|last|final|latest|one)\s+)\bto|\b(?:will|would|shall|set\s+to|plans?\s+to|going\s+to|prepar\w*\s+to|mov\w*\s+to|decid\w*\s+to|намерен\w*|будет|будут|собира\w*|планиру\w*|решил\w*|подадут|подаст|zamierza\w*|planuje\w*))\s+(?:\w+\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex FutureBefore();

    /// <summary>An -ing word used as a noun: after a preposition, an article or a possessive ("about leaving", "the UK leaving", "its joining").</summary>
    [GeneratedRegex(@"\b(?:about|of|on|for|after|before|by|with|to|the|its|their|his|her)\s+(?:\w+\s+){0,2}$|^\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex GerundBefore();

    /// <summary>Marking or celebrating a step: it is taking place ("papers mark Britain leaving", "celebrate joining").</summary>
    [GeneratedRegex(@"\b(?:celebrat\w*|mark(?:s|ed|ing)?|mourn\w*|welcom\w*)\s+(?:\w+\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Marking();

    /// <summary>Russian perfective verbs in the present form: a future ("выйдет", «покинет», «вернутся», «ратифицирует»).</summary>
    [GeneratedRegex(@"^(?:вый|покин|верн|присоедин|приостанов|прекрат|подпиш|ратифицир|денонсир|одобр|утверд|продл)\w*(?:ет|ит|ут|ют|ят|ится|ятся|утся|ется|ются)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianFuture();

    /// <summary>Russian imperfective present: going on ("выходит", «покидает», «приостанавливает»).</summary>
    [GeneratedRegex(@"^(?:выход|покида|возвраща|присоединя|приостанавлива|прекраща|подписыва|продлева)\w*(?:ит|ят|ет|ют|ется|ются|ится|ятся)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianPresent();

    /// <summary>Two or more actors right before the verb: "Britain and Japan", "UAE, Bahrain and Israel", "MPs", "lawmakers".</summary>
    [GeneratedRegex(@"(?:\b\w+\s+and\s+\w+|\b(?:mps|lawmakers|leaders|countries|states|nations|allies|members))\s+$", RegexOptions.CultureInvariant)]
    private static partial Regex PluralSubject();

    [GeneratedRegex(@"^(?:\w+ed|\w+s|left|quit|withdrew|froze|became|rejoined|tore|signed|re-joined)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDone();

    [GeneratedRegex(@"^[а-я]+(?:л|ла|ли|ло|лся|лась|лись|лось)$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianPast();

    /// <summary>Russian short passive participles: a completed act ("прекращено действие", «подписан», «ратифицирована»).</summary>
    [GeneratedRegex(@"^[а-я]{4,}(?:ен|ан)[оаы]?$", RegexOptions.CultureInvariant)]
    private static partial Regex RussianPassive();

    /// <summary>A completed approving or signing act right before the step's noun: "approved the", «одобрил», «утвердила».</summary>
    [GeneratedRegex(@"(?:\b(?:approved|endorsed|signed)\s+(?:the\s+|its\s+)?|(?:одобрил|утвердил|подписал)\w*\s+)$", RegexOptions.CultureInvariant)]
    private static partial Regex GoverningActDone();

    [GeneratedRegex(@"^(?:ratification|ратификац|ratyfikacj)", RegexOptions.CultureInvariant)]
    private static partial Regex RatificationNoun();

    [GeneratedRegex(@"^\w+(?:ł|ła|li|ły|ło|łam|łem)$|^(?:przyjęt|oficjalnie)\w*$", RegexOptions.CultureInvariant)]
    private static partial Regex PolishPast();
}
