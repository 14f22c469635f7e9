namespace Alerts.Core.Formatting;

/// <summary>
/// A rendered alert: one or more HTML parts, each valid for Telegram and within its length limit.
/// <see cref="TemplateProblem"/> is set when the template produced HTML Telegram would refuse and the parts
/// are the plain-text fallback.
/// </summary>
public sealed record FormattedAlert(IReadOnlyList<string> Parts, string? TemplateProblem = null);
