namespace Alerts.Core.Formatting;

/// <summary>A template that does not parse, does not render, or renders HTML Telegram would refuse.</summary>
public sealed class AlertTemplateException(string template, string problem)
    : Exception($"Alert template '{template}': {problem}")
{
    public string Template { get; } = template;
    public string Problem { get; } = problem;
}
