using System.Diagnostics;
using System.Globalization;
using System.Text;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// The Functions app as it is deployed: <c>dotnet publish</c> of src/Alerts.Functions (the build the
/// test project already made, so <c>--no-build</c>; once per test run), started as the Functions host
/// starts a dotnet-isolated worker: <c>dotnet Alerts.Functions.dll</c> with the host's arguments in
/// both their legacy and their <c>--functions-*</c> forms, the app settings as environment variables,
/// and the app directory in <c>FUNCTIONS_APPLICATION_DIRECTORY</c>.
/// </summary>
public sealed class PublishedWorker : IAsyncDisposable
{
    public const string AssemblyName = "Alerts.Functions.dll";

    /// <summary>
    /// A directory holding an app published some other way (Release, ReadyToRun) to boot instead of
    /// publishing the test build: how docs/PERFORMANCE.md compares start-up figures.
    /// </summary>
    public const string DirectoryVariable = "ALERTS_PUBLISHED_WORKER";
    private const int GrpcMaxMessageLength = int.MaxValue;

    /// <summary>
    /// The timer functions' schedule settings, as the deployed app settings hold them. The host, not the worker, resolves
    /// the <c>%Setting%</c> in a timer binding, so the worker starts without them: they make its configuration the real one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TimerSchedules { get; } = new Dictionary<string, string>
    {
        ["DecreePollSchedule"] = "0 */5 * * * *",
        ["DepositaryPollSchedule"] = "0 0 * * * *",
        ["NewsPollSchedule"] = "0 */10 * * * *",
        ["HealthReportSchedule"] = "0 0 7 * * *",
        ["FollowUpSchedule"] = "0 30 * * * *",
    };

    private static readonly SemaphoreSlim PublishGate = new(1, 1);
    private static string? _publishedDirectory;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PublishedWorker(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    /// <summary>Time since the process was started.</summary>
    public Stopwatch SinceStart { get; } = new();

    public Task Exited => _process.WaitForExitAsync();

    /// <summary>CPU time (user + system) the worker has used so far: a start-up figure a busy machine distorts less than wall time.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The worker's console output (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Publishes the app once per test run and returns the directory.</summary>
    public static async Task<string> PublishAsync()
    {
        await PublishGate.WaitAsync();
        try
        {
            if (_publishedDirectory is not null)
            {
                return _publishedDirectory;
            }
            if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } given)
            {
                if (!File.Exists(Path.Combine(given, AssemblyName)))
                {
                    throw new InvalidOperationException($"{DirectoryVariable}={given} holds no {AssemblyName}.");
                }
                return _publishedDirectory = given;
            }
            // Next to the test assembly, so repeated runs reuse one directory instead of filling /tmp.
            var output = Path.Combine(AppContext.BaseDirectory, "published-worker");
            var project = RepositoryPaths.Combine("src", "Alerts.Functions", "Alerts.Functions.csproj");
            var (exitCode, log) = await RunAsync(DotnetHost, ["publish", project, "-c", RepositoryPaths.Configuration, "--no-build", "-o", output], TimeSpan.FromMinutes(5));
            if (exitCode != 0 || !File.Exists(Path.Combine(output, AssemblyName)))
            {
                throw new InvalidOperationException($"dotnet publish of the Functions app failed ({exitCode}):{Environment.NewLine}{log}");
            }
            _publishedDirectory = output;
            return output;
        }
        finally
        {
            PublishGate.Release();
        }
    }

    /// <summary>Starts the published worker against a host listening on <paramref name="hostUri"/>.</summary>
    public static PublishedWorker Start(string directory, Uri hostUri, IReadOnlyDictionary<string, string> settings)
    {
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var maxLength = GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(directory, AssemblyName),
            "--host", hostUri.Host, "--port", hostUri.Port.ToString(CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", maxLength,
            "--functions-uri", hostUri.ToString(), "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", maxLength,
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = directory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new PublishedWorker(process, workerId);
        process.OutputDataReceived += (_, e) => worker.Record(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Record(e.Data);
        worker.SinceStart.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for <paramref name="task"/>; fails with the worker's output when the process exits first or time runs out.</summary>
    public async Task<T> OrExitAsync<T>(Task<T> task, TimeSpan timeout, string waitingFor)
    {
        await Task.WhenAny(task, Exited, Task.Delay(timeout));
        if (task.IsCompleted)
        {
            return await task;
        }
        var why = HasExited ? $"the worker exited with code {ExitCode}" : $"nothing within {timeout.TotalSeconds} s";
        throw new InvalidOperationException($"Waiting for {waitingFor}: {why}. Worker output:{Environment.NewLine}{Output}");
    }

    /// <summary>Waits for the process to end; fails with its output when it does not in time.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout, string after)
    {
        var exited = Exited;
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            throw new InvalidOperationException($"The worker did not exit within {timeout.TotalSeconds} s after {after}. Worker output:{Environment.NewLine}{Output}");
        }
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} minutes.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 64_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
