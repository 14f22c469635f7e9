using System.Diagnostics;
using System.Text;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Reliability;

/// <summary>
/// The real <c>alerts</c> CLI as a child process (<c>dotnet alerts.dll ...</c>, built with the tests), so a test can
/// kill it with SIGKILL or stop it with SIGTERM as an operator's machine would.
/// </summary>
internal sealed class AlertsProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private AlertsProcess(Process process)
    {
        _process = process;
    }

    public static string CliDll => RepositoryPaths.Combine("src", "Alerts.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "alerts.dll");

    public static AlertsProcess Start(string workDir, params string[] args)
    {
        if (!File.Exists(CliDll))
        {
            throw new InvalidOperationException($"{CliDll} not found: build src/Alerts.Cli first (the test project references it).");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var child = new AlertsProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (child._output) { child._output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (child._error) { child._error.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public string Error { get { lock (_error) { return _error.ToString(); } } }

    /// <summary>SIGKILL: no chance to finish anything (a crash, a power cut, the OOM killer).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the graceful stop systemd, Docker or Kubernetes ask for.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public override string ToString() => $"stdout:\n{Output}\nstderr:\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
