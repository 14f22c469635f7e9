using System.Globalization;
using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>
/// The facts a post is composed from, in the channel's language, as the Liquid model: who acted
/// (government, parliament, upper house, head of state, the state), the step's date, the sources
/// (official and depositary first, then the reports that state the shown stage, by outlet name),
/// whether the claim needs attribution, a background line and the next step from the catalogue.
/// The parts live in small classes: <see cref="PostSubject"/>, <see cref="PostSources"/>, <see cref="PostTreatyNames"/>,
/// <see cref="PostBackground"/>, <see cref="PostNextStep"/>. Every text value is HTML-escaped; the wording lives in the templates. Rules: docs/POSTS.md.
/// </summary>
public static class PostModel
{
    public const int MaxSources = PostSources.MaxSources;

    /// <summary>The model of one change for one language.</summary>
    public static Dictionary<string, object?> Build(TreatyChange change, string language, TreatyName? known, bool isUpdate, TreatyMilestone previousStage)
    {
        // A step of another stage says nothing about this one (a revision built with only the stage changed).
        if (change.Step is { } step && ProcedureSteps.StageOf(step) != change.Milestone)
        {
            change = change with { Step = null };
        }
        var russian = language == "ru";
        var states = change.States
            .Select(code => new Dictionary<string, object?>
            {
                ["code"] = TelegramHtml.Escape(code.ToUpperInvariant()),
                ["name"] = TelegramHtml.Escape(StateNames.Name(code, language)),
                ["tag"] = AlertFormatter.Hashtag(StateNames.Name(code, language)),
            })
            .ToList();
        var stateNames = change.States.Select(code => StateNames.InSentence(code, language)).ToList();
        var sources = PostSources.For(change, language);
        var reportedBy = PostSources.Attribution(change, language);
        var treatyName = PostTreatyNames.NameIn(known?.Name is { Length: > 0 } name ? name : change.Treaty.Name, language);
        // A treaty with no Russian name is still named by its kind («выйти из конвенции»), from its English head noun.
        var kind = treatyName.Length > 0 || !russian ? RussianTreatyKind.Of(treatyName) : RussianTreatyKind.OfEnglish(change.Treaty.Name);
        var (nextKind, nextParty) = PostNextStep.Of(change, known);
        var (depositary, depositaryParty) = PostNextStep.Depositary(change, known);
        var (notice, noticeMonthStart) = change.Action == TreatyAction.Withdrawal && nextKind is "notify_coe" or "notify_un" or "notify_party" or "notify_depositary" ? PostNextStep.Notice(known, language) : ("", false);
        var (backgroundKind, backgroundPlace) = PostBackground.Of(known);
        // Only a sentence wholly in the channel's language is quoted (a Russian report naming "TRT Haber" is not).
        // A revision made before contexts existed (JSON v1 without "contexts") offers its summary instead.
        var candidate = ContextSentence(change.Contexts is null ? change.Summary : change.Contexts.GetValueOrDefault(language) ?? "");
        var context = PostChecks.InOneLanguage(candidate, language) ? candidate : "";

        return new Dictionary<string, object?>
        {
            ["language"] = language,
            ["is_update"] = isUpdate,
            ["marker"] = AlertFormatter.Marker(change.Action),
            ["action"] = Vocabulary.Name(change.Action),
            ["stage"] = Vocabulary.Name(change.Milestone),
            ["step"] = change.Step ?? "",
            ["previous_stage"] = Vocabulary.Name(previousStage),
            ["level"] = Vocabulary.Name(change.Level),
            ["confidence"] = change.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
            ["states"] = states,
            ["state_codes"] = change.States.Select(s => s.ToUpperInvariant()).ToList(),
            // Inside a sentence ("parliament in the United States"); states_lead opens one ("The United States withdrew").
            ["states_text"] = TelegramHtml.Escape(JoinNames(stateNames, language)),
            ["states_lead"] = TelegramHtml.Escape(Capitalised(JoinNames(stateNames, language))),
            ["states_count"] = change.States.Count,
            // After a preposition taking the genitive («для Финляндии», «для США»); in English the same as states_text.
            ["states_gen"] = TelegramHtml.Escape(russian ? JoinNames(change.States.Select(StateNames.RussianGenitive).ToList(), language) : JoinNames(stateNames, language)),
            ["subject"] = PostSubject.Of(change, language),
            // What the head of state signed: a decree when the items stating this step name one and no law («подписал указ»).
            ["act"] = PostSubject.Act(change),
            ["treaty"] = new Dictionary<string, object?>
            {
                ["name"] = TelegramHtml.Escape(treatyName),
                ["label"] = TelegramHtml.Escape(PostTreatyNames.Label(change.Treaty.Id, language)),
                ["tag"] = AlertFormatter.Hashtag(PostTreatyNames.Tag(change.Treaty.Id, known, language)),
                ["system"] = known?.System ?? "",
                ["kind"] = kind.Nominative,
                ["kind_gen"] = kind.Genitive,
                ["kind_acc"] = kind.Accusative,
                ["kind_dat"] = kind.Dative,
                ["kind_gender"] = kind.Gender,
            },
            ["date"] = FormatDate(change.StepDate, language),
            ["date_iso"] = change.StepDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["title"] = TelegramHtml.Escape(change.Title),
            // Only a source written in the channel's language is quoted; otherwise the post is composed from facts.
            ["summary"] = TelegramHtml.Escape(AlertFormatter.AsSentence(AlertFormatter.Shorten(context, AlertFormatter.MaxContextLength))),
            ["sources"] = sources,
            ["reported_by"] = reportedBy is null ? "" : TelegramHtml.Escape(reportedBy.Value.Outlet),
            ["reported_by_link"] = reportedBy is null ? "" : PostSources.SafeLink(reportedBy.Value.Link),
            ["background_kind"] = backgroundKind,
            ["background_date"] = FormatDate(known?.Signed ?? PostBackground.PlaceDate(known?.PlaceAndDate), language),
            ["background_place"] = TelegramHtml.Escape(PostBackground.PlaceIn(backgroundPlace, language)),
            // Whom the state notifies (un | coe | party | ""), so a notified step names the Secretary-General or the other party.
            ["depositary"] = depositary,
            ["depositary_party"] = depositaryParty is null ? "" : TelegramHtml.Escape(StateNames.InSentence(depositaryParty, language)),
            ["next_kind"] = nextKind,
            // As inside a sentence: "(the United States)".
            ["next_party"] = nextParty is null ? "" : TelegramHtml.Escape(StateNames.InSentence(nextParty, language)),
            ["next_date"] = FormatDate(change.EffectiveDate, language),
            // The treaty's own notice period after the notification ("6 months"), from the catalogue's denunciationEffect; "" when not known.
            ["next_notice"] = TelegramHtml.Escape(notice),
            ["next_notice_month_start"] = noticeMonthStart,
            ["event_id"] = TelegramHtml.Escape(change.EventId),
            ["revision"] = change.Revision,
        };
    }

    // Month names in the genitive, as a date writes them («23 августа»). Not from the ru-RU culture: a host running with
    // invariant globalization (containers without ICU) has no Russian culture, and every post would fail to render.
    private static readonly string[] RussianMonths =
        ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>"23 August 2025" / «23 августа 2025 г.».</summary>
    public static string FormatDate(DateOnly? date, string language) => date switch
    {
        null => "",
        { } d when language == "ru" => string.Create(CultureInfo.InvariantCulture, $"{d.Day} {RussianMonths[d.Month - 1]} {d.Year} г."),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{d.Day} {EnglishMonths[d.Month - 1]} {d.Year}"),
    };

    internal static string Capitalised(string text)
        => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>
    /// The context as plain text: a feed summary often is HTML (paragraphs, links, lists of other stories).
    /// Tags and link lists go, entities are decoded, and only the lead paragraph is kept, since later
    /// paragraphs and "related" lists are about other things.
    /// </summary>
    internal static string ContextSentence(string text)
    {
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = Detection.MarkupStripper.Strip(text)
                .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault() ?? "";
        }
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    internal static string JoinNames(IReadOnlyList<string> names, string language) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + (language == "ru" ? " и " : " and ") + names[^1],
    };
}
