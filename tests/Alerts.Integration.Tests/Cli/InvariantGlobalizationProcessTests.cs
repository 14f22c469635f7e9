using System.Diagnostics;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Integration.Tests.Reliability;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// A host without ICU (a slim container image runs .NET with invariant globalization) has no Russian culture:
/// Russian posts must still render, with Russian month names, not fail for every event.
/// </summary>
public sealed class InvariantGlobalizationProcessTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_russian_post_renders_its_date_in_russian_under_invariant_globalization()
    {
        var path = Path.Combine(_cli.WorkDir, "change.json");
        await File.WriteAllTextAsync(path, MessageJson.Serialize(AlertFormatter.SampleChange));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _cli.WorkDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { AlertsProcess.CliDll, "preview", path, "--language", "ru" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await output}\n{await error}");
        Assert.Contains("Дата: 23 августа 2025 г.", await output, StringComparison.Ordinal);
    }
}
