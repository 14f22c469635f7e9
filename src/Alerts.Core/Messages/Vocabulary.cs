using System.Text.Json.Serialization;

namespace Alerts.Core.Messages;

/// <summary>The formal step a state takes on a treaty. Withdrawal covers denounce, terminate, quit, leave and exit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TreatyAction>))]
[System.ComponentModel.TypeConverter(typeof(VocabularyConverter<TreatyAction>))]
public enum TreatyAction
{
    [JsonStringEnumMemberName("other")] Other = 0,
    [JsonStringEnumMemberName("signature")] Signature,
    [JsonStringEnumMemberName("ratification")] Ratification,
    [JsonStringEnumMemberName("accession")] Accession,
    [JsonStringEnumMemberName("withdrawal")] Withdrawal,
    [JsonStringEnumMemberName("suspension")] Suspension,
    [JsonStringEnumMemberName("entry_into_force")] EntryIntoForce,
    [JsonStringEnumMemberName("deratification")] Deratification,
}

/// <summary>How far the step has gone. Ordered: a later stage never moves back to an earlier one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TreatyMilestone>))]
[System.ComponentModel.TypeConverter(typeof(VocabularyConverter<TreatyMilestone>))]
public enum TreatyMilestone
{
    [JsonStringEnumMemberName("unknown")] Unknown = 0,
    [JsonStringEnumMemberName("announced")] Announced = 1,
    [JsonStringEnumMemberName("proposed")] Proposed = 2,
    [JsonStringEnumMemberName("legislative")] Legislative = 3,
    [JsonStringEnumMemberName("enacted")] Enacted = 4,
    [JsonStringEnumMemberName("notified")] Notified = 5,
    [JsonStringEnumMemberName("effective")] Effective = 6,
}

/// <summary>How authoritative a source is: a news report, a state's own act, or a depositary record.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceLevel>))]
[System.ComponentModel.TypeConverter(typeof(VocabularyConverter<SourceLevel>))]
public enum SourceLevel
{
    [JsonStringEnumMemberName("media")] Media = 0,
    [JsonStringEnumMemberName("official")] Official = 1,
    [JsonStringEnumMemberName("depositary")] Depositary = 2,
}

/// <summary>The wire names of the vocabulary, as used in JSON, configuration and docs.</summary>
public static class Vocabulary
{
    public static string Name(TreatyAction action) => action switch
    {
        TreatyAction.Signature => "signature",
        TreatyAction.Ratification => "ratification",
        TreatyAction.Accession => "accession",
        TreatyAction.Withdrawal => "withdrawal",
        TreatyAction.Suspension => "suspension",
        TreatyAction.EntryIntoForce => "entry_into_force",
        TreatyAction.Deratification => "deratification",
        _ => "other",
    };

    public static string Name(TreatyMilestone stage) => stage switch
    {
        TreatyMilestone.Announced => "announced",
        TreatyMilestone.Proposed => "proposed",
        TreatyMilestone.Legislative => "legislative",
        TreatyMilestone.Enacted => "enacted",
        TreatyMilestone.Notified => "notified",
        TreatyMilestone.Effective => "effective",
        _ => "unknown",
    };

    public static string Name(SourceLevel level) => level switch
    {
        SourceLevel.Official => "official",
        SourceLevel.Depositary => "depositary",
        _ => "media",
    };

    public static bool TryParseAction(string? value, out TreatyAction action)
    {
        foreach (var candidate in Enum.GetValues<TreatyAction>())
        {
            if (string.Equals(Name(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                action = candidate;
                return true;
            }
        }
        action = TreatyAction.Other;
        return false;
    }

    public static bool TryParseMilestone(string? value, out TreatyMilestone stage)
    {
        foreach (var candidate in Enum.GetValues<TreatyMilestone>())
        {
            if (string.Equals(Name(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }
        stage = TreatyMilestone.Unknown;
        return false;
    }
}
