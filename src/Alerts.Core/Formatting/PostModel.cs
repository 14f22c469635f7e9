using System.Globalization;
using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>
/// The facts a post is composed from, in the channel's language, as the Liquid model: who acted
/// (government, parliament, upper house, head of state, the state), the step's date, the sources
/// (official and depositary first, then the reports that state the shown stage, by outlet name),
/// whether the claim needs attribution, a background line and the next step from the catalogue.
/// Every text value is HTML-escaped here; the wording lives in the templates. Rules: docs/POSTS.md.
/// </summary>
public static class PostModel
{
    public const int MaxSources = 5;

    /// <summary>The model of one change for one language.</summary>
    public static Dictionary<string, object?> Build(TreatyChange change, string language, TreatyName? known, bool isUpdate, TreatyStage previousStage)
    {
        // A step of another stage says nothing about this one (a revision built with only the stage changed).
        if (change.Step is { } step && ProcedureSteps.StageOf(step) != change.Stage)
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
        var stateNames = change.States.Select(code => StateNames.Name(code, language)).ToList();
        var sources = SourcesFor(change, language);
        var reportedBy = Attribution(change, language);
        var treatyName = NameIn(known?.Name is { Length: > 0 } name ? name : change.Treaty.Name, language);
        var kind = RussianTreatyKind.Of(treatyName);
        var (nextKind, nextParty) = Next(change, known);
        var (backgroundKind, backgroundPlace) = Background(known);
        // Only a sentence wholly in the channel's language is quoted (a Russian report naming "TRT Haber" is not).
        // A revision made before contexts existed (JSON v1 without "contexts") offers its summary instead.
        var candidate = change.Contexts is null ? change.Summary : change.Contexts.GetValueOrDefault(language) ?? "";
        var context = PostChecks.InOneLanguage(candidate, language) ? candidate : "";

        return new Dictionary<string, object?>
        {
            ["language"] = language,
            ["is_update"] = isUpdate,
            ["marker"] = AlertFormatter.Marker(change.Action),
            ["action"] = Vocabulary.Name(change.Action),
            ["stage"] = Vocabulary.Name(change.Stage),
            ["step"] = change.Step ?? "",
            ["previous_stage"] = Vocabulary.Name(previousStage),
            ["level"] = Vocabulary.Name(change.Level),
            ["confidence"] = change.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
            ["states"] = states,
            ["state_codes"] = change.States.Select(s => s.ToUpperInvariant()).ToList(),
            ["states_text"] = TelegramHtml.Escape(JoinNames(stateNames, language)),
            ["states_count"] = change.States.Count,
            ["subject"] = Subject(change, language),
            ["treaty"] = new Dictionary<string, object?>
            {
                ["name"] = TelegramHtml.Escape(treatyName),
                ["label"] = TelegramHtml.Escape(TreatyLabel(change.Treaty.Id, language)),
                ["tag"] = AlertFormatter.Hashtag(TreatyTag(change.Treaty.Id, known, language)),
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
            ["reported_by_link"] = reportedBy is null ? "" : SafeLink(reportedBy.Value.Link),
            ["background_kind"] = backgroundKind,
            ["background_date"] = FormatDate(known?.Signed ?? PlaceDate(known?.PlaceAndDate), language),
            ["background_place"] = russian ? "" : TelegramHtml.Escape(backgroundPlace),
            ["next_kind"] = nextKind,
            ["next_party"] = nextParty is null ? "" : TelegramHtml.Escape(StateNames.Name(nextParty, language)),
            ["next_date"] = FormatDate(change.EffectiveDate, language),
            ["event_id"] = TelegramHtml.Escape(change.EventId),
            ["revision"] = change.Revision,
        };
    }

    /// <summary>Who took the step, by its procedure step: a government proposes, a parliament votes, a head of state signs.</summary>
    private static Dictionary<string, object?> Subject(TreatyChange change, string language)
    {
        var single = change.States.Count == 1 ? change.States[0] : null;
        var kind = single is null ? "state" : change.Step switch
        {
            ProcedureSteps.GovernmentProposal => "government",
            ProcedureSteps.FirstReading or ProcedureSteps.SecondReading or ProcedureSteps.LowerHouseAdopted => "parliament",
            ProcedureSteps.UpperHouseApproved => "upper_house",
            ProcedureSteps.LawSigned => "head_of_state",
            null => change.Stage switch
            {
                TreatyStage.Proposed => "government",
                TreatyStage.Legislative => "parliament",
                TreatyStage.Enacted when change.Action is not TreatyAction.Signature => "head_of_state",
                _ => "state",
            },
            _ => "state",
        };
        var russia = string.Equals(single, "RU", StringComparison.OrdinalIgnoreCase);
        var names = change.States.Select(code => StateNames.Name(code, language)).ToList();
        string name;
        string gender;
        if (language == "ru")
        {
            var genitive = single is null ? "" : StateNames.RussianGenitive(single);
            (name, gender) = kind switch
            {
                "government" => ($"Правительство {genitive}", "n"),
                "parliament" => russia ? ("Госдума", "f") : ($"Парламент {genitive}", "m"),
                "upper_house" => russia ? ("Совет Федерации", "m") : ($"Верхняя палата парламента {genitive}", "f"),
                "head_of_state" => russia ? ("Президент России", "m") : ($"Глава государства {genitive}", "m"),
                _ => (JoinNames(names, language), single is null ? "pl" : StateNames.RussianGender(single)),
            };
        }
        else
        {
            var state = single is null ? "" : StateNames.Name(single, language);
            var the = single is "US" or "GB" or "NL" ? "the " : "";
            (name, gender) = kind switch
            {
                "government" => ($"The government of {the}{state}", ""),
                "parliament" => russia ? ("Russia's State Duma", "") : ($"The parliament of {the}{state}", ""),
                "upper_house" => russia ? ("Russia's Federation Council", "") : ($"The upper house of {the}{state}", ""),
                "head_of_state" => russia ? ("The President of Russia", "") : ($"The head of state of {the}{state}", ""),
                _ => (JoinNames(names, language), single is null ? "pl" : ""),
            };
        }
        return new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["name"] = TelegramHtml.Escape(name),
            ["gender"] = gender,
            // Russian past-tense ending: подписал / подписала / подписало / подписали.
            ["past"] = gender switch { "f" => "а", "n" => "о", "pl" => "и", _ => "" },
        };
    }

    /// <summary>Official and depositary items first, then the reports that state the shown stage.</summary>
    private static List<Dictionary<string, object?>> SourcesFor(TreatyChange change, string language)
        => change.Sources
            .DistinctBy(s => s.Link)
            .Where(s => s.Authority >= SourceLevel.Official || s.Reports is null || s.Reports >= change.Stage)
            .OrderByDescending(s => s.Authority)
            .ThenBy(s => s.Published ?? DateTimeOffset.MaxValue)
            .Take(MaxSources)
            .Select(s => new Dictionary<string, object?>
            {
                ["link"] = SafeLink(s.Link),
                ["outlet"] = TelegramHtml.Escape(OutletNames.For(s.Link, language, s.SourceId)),
                ["host"] = TelegramHtml.Escape(Host(s.Link) ?? s.SourceId),
                ["level"] = Vocabulary.Name(s.Authority),
                ["title"] = TelegramHtml.Escape(s.Title),
            })
            .ToList();

    /// <summary>
    /// "signed into law", "notified" and "in effect" are claimed only on an official or depositary item
    /// or two independent outlets; otherwise the post names who reports it.
    /// </summary>
    public static (string Outlet, string Link)? Attribution(TreatyChange change, string language)
    {
        if (change.Stage < TreatyStage.Enacted)
        {
            return null;
        }
        var stating = change.Sources.Where(s => s.Reports is null || s.Reports >= change.Stage).ToList();
        if (stating.Any(s => s.Authority >= SourceLevel.Official) || change.Correction is null && change.Sources.Count == 0)
        {
            return null;
        }
        if (stating.Select(s => OutletNames.Outlet(s.Link)).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2)
        {
            return null;
        }
        var first = stating.OrderBy(s => s.Published ?? DateTimeOffset.MaxValue).FirstOrDefault();
        return first is null ? null : (OutletNames.For(first.Link, language, first.SourceId), first.Link);
    }

    /// <summary>What comes next for this treaty and action at this stage, as a kind the template words; none when nothing is known.</summary>
    private static (string Kind, string? Party) Next(TreatyChange change, TreatyName? known)
    {
        var system = known?.System ?? "";
        var single = change.States.Count == 1 ? change.States[0] : null;
        var other = known?.Parties.FirstOrDefault(p => !change.States.Contains(p, StringComparer.OrdinalIgnoreCase));
        var russia = string.Equals(single, "RU", StringComparison.OrdinalIgnoreCase);
        if (change.Action == TreatyAction.Signature)
        {
            return (change.Stage >= TreatyStage.Enacted || change.Stage == TreatyStage.Unknown) && system == "bilateral" && change.States.Count >= 2 ? ("ratification_both", null) : ("", null);
        }
        if (change.Action is TreatyAction.EntryIntoForce or TreatyAction.Other)
        {
            return ("", null);
        }
        var leaving = change.Action is TreatyAction.Withdrawal or TreatyAction.Deratification or TreatyAction.Suspension;
        return change.Stage switch
        {
            TreatyStage.Proposed when change.Step == ProcedureSteps.BillSubmitted => (russia ? "duma_readings" : "final_vote", null),
            TreatyStage.Proposed => (russia ? "duma" : "parliament", null),
            TreatyStage.Legislative => change.Step switch
            {
                ProcedureSteps.LowerHouseAdopted when russia => ("federation_council", null),
                ProcedureSteps.UpperHouseApproved when russia => ("president", null),
                _ => (russia ? "duma_final" : "final_vote", null),
            },
            TreatyStage.Enacted when leaving && change.Action != TreatyAction.Deratification => system switch
            {
                "coe" => ("notify_coe", null),
                "un" => ("notify_un", null),
                "bilateral" when other is not null => ("notify_party", other),
                _ => ("notify_depositary", null),
            },
            TreatyStage.Enacted when !leaving => system switch
            {
                "bilateral" when other is not null => ("exchange", other),
                "coe" => ("deposit_coe", null),
                "un" => ("deposit_un", null),
                _ => ("", null),
            },
            TreatyStage.Notified when change.EffectiveDate is not null => ("effect_date", null),
            _ => ("", null),
        };
    }

    /// <summary>One background line from the catalogue: when the treaty was signed or opened for signature, or adopted.</summary>
    private static (string Kind, string Place) Background(TreatyName? known)
    {
        if (known is null)
        {
            return ("", "");
        }
        if (known.Signed is not null)
        {
            return (known.System == "coe" ? "opened" : "signed", "");
        }
        if (known.PlaceAndDate is { } placeAndDate && PlaceDate(placeAndDate) is not null)
        {
            return ("adopted", placeAndDate.Split(',')[0].Trim());
        }
        return ("", "");
    }

    private static DateOnly? PlaceDate(string? placeAndDate)
    {
        var comma = placeAndDate?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return comma > 0 && DateOnly.TryParseExact(placeAndDate![(comma + 1)..].Trim(), "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>"23 August 2025" / «23 августа 2025 г.».</summary>
    public static string FormatDate(DateOnly? date, string language) => date switch
    {
        null => "",
        { } d when language == "ru" => d.ToString("d MMMM yyyy", Russian) + " г.",
        { } d => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>The number people cite: "ETS 126" / «СЕД № 126»; none for UN index references, which are internal.</summary>
    public static string TreatyLabel(string treatyId, string language)
    {
        var label = AlertFormatter.TreatyLabel(treatyId);
        if (label.Length == 0 || label.StartsWith("UN ", StringComparison.Ordinal))
        {
            return "";
        }
        return language == "ru" ? (label.StartsWith("CETS", StringComparison.Ordinal) ? "СДСЕ № " : "СЕД № ") + label.Split(' ')[1] : label;
    }

    private static string? TreatyTag(string treatyId, TreatyName? known, string language)
    {
        if (known?.Tag is { Length: > 0 } tag)
        {
            return tag;
        }
        // A short name in the other script would mix languages: only one written in the channel's.
        if (known?.ShortName is { } shortName && shortName.Any(char.IsLetter)
            && shortName.Where(char.IsLetter).All(c => (c is >= 'А' and <= 'я' or 'ё' or 'Ё') == (language == "ru")))
        {
            return shortName;
        }
        var label = TreatyLabel(treatyId, language);
        return label.Length > 0 ? label.Replace("№", "", StringComparison.Ordinal) : null;
    }

    /// <summary>
    /// The name when it is written in the channel's script; otherwise none (the template names the treaty
    /// generically), since a name as written in another language would be a quote in it.
    /// </summary>
    private static string NameIn(string name, string language)
    {
        var letters = name.Where(char.IsLetter).ToList();
        var cyrillic = letters.Count(c => c is >= 'А' and <= 'я' or 'ё' or 'Ё');
        var fits = letters.Count > 0 && (language == "ru" ? cyrillic * 2 > letters.Count : cyrillic == 0);
        return fits ? name : "";
    }

    internal static string JoinNames(IReadOnlyList<string> names, string language) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + (language == "ru" ? " и " : " and ") + names[^1],
    };

    private static string SafeLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? TelegramHtml.Escape(uri.AbsoluteUri)
            : "";

    private static string? Host(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : null;
}
