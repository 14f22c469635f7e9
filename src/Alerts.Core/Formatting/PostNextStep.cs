using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>The next-step line: what comes next for this treaty and action at this stage, as a kind the template words.</summary>
internal static class PostNextStep
{
    /// <summary>What comes next for this treaty and action at this stage, as a kind the template words; none when nothing is known.</summary>
    /// <summary>The treaty's own notice period as "six months" / «шесть месяцев»-style text (number and unit), or "" when the catalogue gives none.</summary>
    public static (string Period, bool MonthStart) Notice(TreatyName? known, string language)
    {
        if (Events.EffectiveDates.NoticePeriod(known?.DenunciationEffect) is not { } period)
        {
            return ("", false);
        }
        var (amount, unit, monthStart) = period;
        string word;
        if (language == "ru")
        {
            var forms = unit switch { "day" => ("день", "дня", "дней"), "month" => ("месяц", "месяца", "месяцев"), _ => ("год", "года", "лет") };
            var (last, lastTwo) = (amount % 10, amount % 100);
            word = last == 1 && lastTwo != 11 ? forms.Item1 : last is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? forms.Item2 : forms.Item3;
        }
        else
        {
            word = amount == 1 ? unit : unit + "s";
        }
        return (amount.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + word, monthStart);
    }

    /// <summary>
    /// Whom a state notifies of this step, as a kind the template words: the UN Secretary-General (<c>un</c>), the
    /// Secretary General of the Council of Europe (<c>coe</c>), the other party of a bilateral treaty (<c>party</c>, with
    /// the party), or "" when the catalogue does not say (the template then writes "the depositary").
    /// </summary>
    public static (string Kind, string? Party) Depositary(TreatyChange change, TreatyName? known)
    {
        var system = SystemOf(change, known);
        var other = OtherParty(change, known);
        return system switch
        {
            "un" or "coe" => (system, null),
            "bilateral" when other is not null => ("party", other),
            _ => ("", null),
        };
    }

    // The party of a bilateral treaty that is not among the acting states, or null.
    private static string? OtherParty(TreatyChange change, TreatyName? known)
        => known?.Parties.FirstOrDefault(p => !change.States.Contains(p, StringComparer.OrdinalIgnoreCase));

    // A group of Council of Europe treaties has the same depositary as each of them.
    private static string SystemOf(TreatyChange change, TreatyName? known)
        => known?.System is "group" && change.Treaty.Id.StartsWith("coe", StringComparison.OrdinalIgnoreCase) ? "coe" : known?.System ?? "";

    public static (string Kind, string? Party) Of(TreatyChange change, TreatyName? known)
    {
        var system = SystemOf(change, known);
        var single = change.States.Count == 1 ? change.States[0] : null;
        var other = OtherParty(change, known);
        var russia = string.Equals(single, "RU", StringComparison.OrdinalIgnoreCase);
        if (change.Action == TreatyAction.Signature)
        {
            return (change.Milestone >= TreatyMilestone.Enacted || change.Milestone == TreatyMilestone.Unknown) && system == "bilateral" && change.States.Count >= 2 ? ("ratification_both", null) : ("", null);
        }
        if (change.Action is TreatyAction.EntryIntoForce or TreatyAction.Other)
        {
            return ("", null);
        }
        var leaving = change.Action is TreatyAction.Withdrawal or TreatyAction.Deratification or TreatyAction.Suspension;
        // Leaving a Council of Europe or UN treaty is done by notifying its Secretary General: that is the next step
        // once a state has announced it or its law is signed (a proposal first goes through the state's own procedure).
        var notifySecretaryGeneral = change.Action == TreatyAction.Withdrawal && system is "coe" or "un"
            && change.Milestone is TreatyMilestone.Announced or TreatyMilestone.Enacted;
        if (notifySecretaryGeneral)
        {
            return (system == "coe" ? "notify_coe" : "notify_un", null);
        }
        // Elsewhere a state that announced leaving a treaty with a withdrawal clause in the catalogue gives notice next:
        // to the other party of a bilateral treaty, else to the depositary. Without a known clause (a political deal,
        // the EU treaties' own procedure) nothing is said.
        if (change.Action == TreatyAction.Withdrawal && change.Milestone == TreatyMilestone.Announced && !russia
            && Events.EffectiveDates.NoticePeriod(known?.DenunciationEffect) is not null)
        {
            return system switch
            {
                "bilateral" when other is not null => ("notify_party", other),
                "bilateral" => ("", null),
                _ => ("notify_depositary", null),
            };
        }
        return change.Milestone switch
        {
            // Russia leaves, suspends or joins a treaty by federal law: after the announcement the President submits the bill.
            TreatyMilestone.Announced when russia => ("duma", null),
            // A bill just submitted outside Russia has no vote behind it yet: "the final vote" read as if one had been taken.
            TreatyMilestone.Proposed when change.Step == ProcedureSteps.BillSubmitted => (russia ? "duma_readings" : "parliament_vote", null),
            TreatyMilestone.Proposed => (russia ? "duma" : "parliament", null),
            TreatyMilestone.Legislative => change.Step switch
            {
                ProcedureSteps.LowerHouseAdopted when russia => ("federation_council", null),
                ProcedureSteps.UpperHouseApproved when russia => ("president", null),
                // Elsewhere a law the parliament (or its upper house) passed waits only for the head of state: no other vote.
                ProcedureSteps.LowerHouseAdopted or ProcedureSteps.UpperHouseApproved => ("head_of_state", null),
                _ => (russia ? "duma_final" : "final_vote", null),
            },
            TreatyMilestone.Enacted when leaving && change.Action != TreatyAction.Deratification => system switch
            {
                "coe" => ("notify_coe", null),
                "un" => ("notify_un", null),
                "bilateral" when other is not null => ("notify_party", other),
                _ => ("notify_depositary", null),
            },
            TreatyMilestone.Enacted when !leaving => system switch
            {
                "bilateral" when other is not null => ("exchange", other),
                "coe" => ("deposit_coe", null),
                "un" => ("deposit_un", null),
                _ => ("", null),
            },
            TreatyMilestone.Notified when change.EffectiveDate is not null => ("effect_date", null),
            _ => ("", null),
        };
    }
}
