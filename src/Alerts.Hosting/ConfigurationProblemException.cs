namespace Alerts.Hosting;

/// <summary>The configuration cannot work; the message names the key and the problem, never a secret value.</summary>
public sealed class ConfigurationProblemException(IReadOnlyList<string> problems)
    : Exception("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
