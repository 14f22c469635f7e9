namespace Alerts.Core.Sources;

/// <summary>
/// The schedule groups. Each has its own timer in the Functions app (<c>ScheduleDecreePolls</c>,
/// <c>ScheduleDepositaryPolls</c>, <c>ScheduleNewsPolls</c>) and the local runner schedules exactly these, so a
/// source's <see cref="SourceDefinition.Group"/> must be one of them (checked at start).
/// </summary>
public static class SourceGroups
{
    public const string Decrees = "decrees";
    public const string Depositaries = "depositaries";
    public const string News = "news";

    public static IReadOnlyList<string> All { get; } = [Decrees, Depositaries, News];

    public static bool IsKnown(string? group) => All.Contains(group, StringComparer.OrdinalIgnoreCase);
}
