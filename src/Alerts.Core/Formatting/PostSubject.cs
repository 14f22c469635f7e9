using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>The post's grammatical subject: who took the step (government, parliament, upper house, head of state, the state), in the channel's language.</summary>
internal static partial class PostSubject
{
    /// <summary>
    /// The act that enacted the step: <c>decree</c> when the title of the change or of an item stating its stage
    /// names a decree or an executive order and none names a law or a bill («Путин подписал указ о приостановлении…»),
    /// else <c>law</c>. A post never says "signed the law" for a decree.
    /// </summary>
    public static string Act(TreatyChange change)
    {
        if (change.Milestone != TreatyMilestone.Enacted)
        {
            return "law";
        }
        var texts = change.Sources.Where(s => s.Reports is null || s.Reports >= change.Milestone).Select(s => s.Title).Append(change.Title).ToList();
        return texts.Any(t => DecreeWords().IsMatch(t)) && !texts.Any(t => LawWords().IsMatch(t)) ? "decree" : "law";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bуказ(?:а|ом|е|у|ы|ов)?\b|\bdecree[sd]?\b|\bexecutive\s+order", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DecreeWords();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bзакон\w*|\bзаконопроект\w*|\blaws?\b|\blegislation\b|\bbill\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LawWords();

    /// <summary>Who took the step, by its procedure step: a government proposes, a parliament votes, a head of state signs.</summary>
    public static Dictionary<string, object?> Of(TreatyChange change, string language)
    {
        var single = change.States.Count == 1 ? change.States[0] : null;
        var russia = string.Equals(single, "RU", StringComparison.OrdinalIgnoreCase);
        // Only Russia's procedure ends in a law the President signs; elsewhere the enacting act may be a law, a decree or an
        // executive order, signed by whoever the constitution says, so the state itself is the subject ("The United States
        // took the formal decision on accession…"), not a "head of state" who "signed the law".
        var kind = single is null ? "state" : change.Step switch
        {
            ProcedureSteps.GovernmentProposal => "government",
            ProcedureSteps.FirstReading or ProcedureSteps.SecondReading or ProcedureSteps.LowerHouseAdopted => "parliament",
            ProcedureSteps.UpperHouseApproved => "upper_house",
            ProcedureSteps.LawSigned when russia => "head_of_state",
            null => change.Milestone switch
            {
                TreatyMilestone.Proposed => "government",
                TreatyMilestone.Legislative => "parliament",
                TreatyMilestone.Enacted when change.Action is not TreatyAction.Signature && russia => "head_of_state",
                _ => "state",
            },
            _ => "state",
        };
        var names = change.States.Select(code => StateNames.InSentence(code, language)).ToList();
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
                _ => (PostModel.JoinNames(names, language), single is null ? "pl" : StateNames.RussianGender(single)),
            };
        }
        else
        {
            var state = single is null ? "" : StateNames.InSentence(single, language);
            (name, gender) = kind switch
            {
                "government" => ($"The government of {state}", ""),
                "parliament" => russia ? ("Russia's State Duma", "") : ($"The parliament of {state}", ""),
                "upper_house" => russia ? ("Russia's Federation Council", "") : ($"The upper house of {state}", ""),
                "head_of_state" => russia ? ("The President of Russia", "") : ($"The head of state of {state}", ""),
                _ => (PostModel.Capitalised(PostModel.JoinNames(names, language)), single is null ? "pl" : ""),
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
}
