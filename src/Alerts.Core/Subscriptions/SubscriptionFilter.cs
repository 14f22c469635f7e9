using System.Text.Json.Serialization;
using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// One thing a subscriber follows: a state, a treaty, an action, or a combination (all must match). A filter with
/// none of them follows everything.
/// </summary>
public sealed record SubscriptionFilter(string? State, string? TreatyId, TreatyAction? Action)
{
    /// <summary>Everything: every state, treaty and action.</summary>
    public static SubscriptionFilter Everything { get; } = new(null, null, null);

    /// <summary>A stable key: <c>RU|coe:126|withdrawal</c>, <c>*</c> for a dimension left open.</summary>
    [JsonIgnore]
    public string Key => $"{State ?? "*"}|{TreatyId ?? "*"}|{(Action is { } a ? Vocabulary.Name(a) : "*")}";

    public bool Matches(TreatyChange change) => Matches(change.States, change.Treaty.Id, change.Action);

    public bool Matches(EventHead head) => Matches(head.States, head.Treaty.Id, head.Action);

    private bool Matches(IReadOnlyList<string> states, string treatyId, TreatyAction action) =>
        (State is null || states.Contains(State, StringComparer.OrdinalIgnoreCase))
        && (TreatyId is null || string.Equals(TreatyId, treatyId, StringComparison.OrdinalIgnoreCase))
        && (Action is null || Action == action);

    /// <summary>
    /// The index partition this filter is found under when a change is routed: its most selective dimension
    /// (state, else treaty, else action), so routing reads a few small partitions instead of every subscriber.
    /// </summary>
    [JsonIgnore]
    public string IndexPartition =>
        State is not null ? IndexOfState(State)
        : TreatyId is not null ? IndexOfTreaty(TreatyId)
        : Action is { } a ? IndexOfAction(a)
        : IndexOfEverything;

    internal const string IndexOfEverything = "index|all";

    internal static string IndexOfState(string state) => "index|state|" + state.ToUpperInvariant();

    internal static string IndexOfTreaty(string treatyId) => "index|treaty|" + treatyId.ToLowerInvariant();

    internal static string IndexOfAction(TreatyAction action) => "index|action|" + Vocabulary.Name(action);
}
