using System.Text.Json;
using Alerts.Cli;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>Runs the real <c>alerts</c> entry point in-process, capturing stdout and stderr, in a temporary working folder.</summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Directory.CreateDirectory(WorkDir);
    }

    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "alerts-cli-" + Guid.NewGuid().ToString("N"));

    public string StoreArgument => $"Data Source={Path.Combine(WorkDir, "alerts.db")}";

    /// <summary>Writes a configuration file and returns its path.</summary>
    public string WriteConfig(object configuration, string name = "alerts.json")
    {
        var path = Path.Combine(WorkDir, name);
        File.WriteAllText(path, JsonSerializer.Serialize(configuration));
        return path;
    }

    /// <summary>Writes a pipeline test's configuration as a JSON file and returns its path.</summary>
    public string WriteConfig(PipelineSettings settings, string name = "alerts.json")
    {
        var path = Path.Combine(WorkDir, name);
        File.WriteAllText(path, settings.ToJson());
        return path;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AlertsCli.RunAsync(args, output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { }
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<JsonElement> JsonLines() => Output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => JsonDocument.Parse(line).RootElement.Clone())
        .ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
