namespace Alerts.Core.Detection;

/// <summary>What an action word says, before it is checked against a treaty and its context.</summary>
internal enum ActionKind
{
    Deratification,
    EntryIntoForce,
    /// <summary>"membership", «вступление»: an accession named as a noun; counts only when something approves it.</summary>
    AccessionNoun,
    Accession,
    Withdrawal,
    Suspension,
    Ratification,
    /// <summary>"approves", «одобрил»: a ratification when its object is a treaty or an accession.</summary>
    Approval,
    /// <summary>"extend", «продлили»: a treaty's term prolonged (action other).</summary>
    Extension,
    Signature,
}

/// <summary>One action word found in a segment.</summary>
internal readonly record struct ActionHit(ActionKind Kind, int CharStart, int CharEnd, int TokenStart, int TokenEnd);
