using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>The next-step line: what comes next for this treaty and action at this stage, as a kind the template words.</summary>
internal static class PostNextStep
{
    /// <summary>What comes next for this treaty and action at this stage, as a kind the template words; none when nothing is known.</summary>
    public static (string Kind, string? Party) Of(TreatyChange change, TreatyName? known)
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
}
