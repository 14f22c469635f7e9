using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Alerts.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Alerts.Integration.Tests.Cli;

/// <summary>The tests that run the published native <c>alerts</c> share one publish per test run.</summary>
// Run alone, after the parallel collections: the publish takes both cores for minutes, which would slow timed cases elsewhere.
[CollectionDefinition(NativeCliFixture.Collection, DisableParallelization = true)]
public sealed class NativeCliCollection : ICollectionFixture<NativeCliFixture>;

/// <summary>
/// The CLI as users get it: <c>dotnet publish src/Alerts.Cli -c Release -r &lt;this machine's runtime&gt;</c>, which is
/// Native AOT (the README's command). Published once per test run into
/// <c>tests/Alerts.Integration.Tests/bin/native-cli/publish</c>; a later run reuses that executable when no file the
/// publish reads (src/ outside bin/ and obj/, config/, the Directory.*.props, global.json) is newer than it, because the
/// native compiler takes minutes; a clean clone always publishes. <c>ALERTS_NATIVE_CLI</c> names a native executable
/// published another way to test instead. A machine that cannot publish (no C toolchain) fails the tests, saying what
/// is missing: README.md, Prerequisites.
/// </summary>
public sealed class NativeCliFixture : IAsyncLifetime
{
    public const string Collection = "native alerts CLI";

    /// <summary>Minutes to wait for another native publish on this machine to finish, then for ours.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);

    private readonly IMessageSink _diagnostics;

    public NativeCliFixture(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
    }

    /// <summary>This fixture's folder: the publish, its build artifacts (apart from the developer's bin/obj), the log.</summary>
    public static string Folder => RepositoryPaths.Combine("tests", "Alerts.Integration.Tests", "bin", "native-cli");

    private static string PublishFolder => Path.Combine(Folder, "publish");

    private static string Stamp => Path.Combine(Folder, "published.txt");

    private static string Log => Path.Combine(Folder, "publish.log");

    /// <summary>The native executable under test.</summary>
    public string Executable { get; private set; } = "";

    /// <summary>The JIT build the native one is compared with: <c>dotnet alerts.dll</c>, built with the tests.</summary>
    public static string JitDll => Reliability.AlertsProcess.CliDll;

    /// <summary>The publish command, as README.md gives it, into this fixture's folders.</summary>
    private static IReadOnlyList<string> PublishArguments =>
    [
        "publish", RepositoryPaths.Combine("src", "Alerts.Cli"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
        "-o", PublishFolder, "--artifacts-path", Path.Combine(Folder, "artifacts"),
        // No MSBuild or compiler server outlives the publish (they would hold this process's pipes open).
        "--disable-build-servers", "-nologo",
    ];

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("ALERTS_NATIVE_CLI") is { Length: > 0 } given)
        {
            Executable = Path.GetFullPath(given);
            AssertNative(Executable, $"ALERTS_NATIVE_CLI={given}");
            return;
        }
        Executable = Path.Combine(PublishFolder, "alerts");
        if (!File.Exists(JitDll))
        {
            throw new InvalidOperationException($"{JitDll} not found: build src/Alerts.Cli first (the test project references it).");
        }
        Directory.CreateDirectory(Folder);
        if (UpToDate(out var why))
        {
            _diagnostics.OnMessage(new DiagnosticMessage($"native CLI: reusing {Executable} ({why})"));
        }
        else
        {
            _diagnostics.OnMessage(new DiagnosticMessage($"native CLI: publishing ({why})"));
            RequireToolchain();
            using (await AcquireMachineLockAsync())
            {
                await PublishAsync();
            }
        }
        AssertNative(Executable, "the publish");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The previous publish is usable: it finished, with the same command, after the last change to its inputs.</summary>
    private static bool UpToDate(out string why)
    {
        if (!File.Exists(Stamp) || !File.Exists(Path.Combine(PublishFolder, "alerts")))
        {
            why = "no previous publish";
            return false;
        }
        if (File.ReadLines(Stamp).FirstOrDefault() != string.Join(' ', PublishArguments))
        {
            why = "the previous publish used another command";
            return false;
        }
        var published = File.GetLastWriteTimeUtc(Stamp);
        var newer = Inputs().FirstOrDefault(file => File.GetLastWriteTimeUtc(file) > published);
        why = newer is null ? $"nothing under src/ or config/ changed since {published:u}" : $"{Path.GetRelativePath(RepositoryPaths.Root, newer)} changed since the last publish";
        return newer is null;
    }

    /// <summary>The files the publish reads from the repository (sources, project files, configuration shipped beside the executable).</summary>
    private static IEnumerable<string> Inputs()
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            var path = RepositoryPaths.Combine(name);
            if (File.Exists(path))
            {
                yield return path;
            }
        }
        foreach (var folder in new[] { "src", "config" })
        {
            foreach (var file in FilesOutsideBuildOutput(RepositoryPaths.Combine(folder)))
            {
                yield return file;
            }
        }
    }

    private static IEnumerable<string> FilesOutsideBuildOutput(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" or "node_modules" or ".alerts")
            {
                continue;
            }
            foreach (var file in FilesOutsideBuildOutput(sub))
            {
                yield return file;
            }
        }
    }

    private async Task PublishAsync()
    {
        if (Directory.Exists(PublishFolder))
        {
            Directory.Delete(PublishFolder, recursive: true);
        }
        File.Delete(Stamp);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in PublishArguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A publish as a developer's shell runs it, not as a child of the test host's MSBuild.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(PublishTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"dotnet {string.Join(' ', PublishArguments)} took more than {PublishTimeout.TotalMinutes} minutes");
            }
        }
        var text = await output + await error;
        await File.WriteAllTextAsync(Log, text);
        if (process.ExitCode != 0)
        {
            var errors = text.Split('\n').Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20);
            throw new InvalidOperationException(
                $"The native publish failed (exit {process.ExitCode}): dotnet {string.Join(' ', PublishArguments)}\n" +
                string.Join('\n', errors) + $"\nFull log: {Log}. Prerequisites: README.md, 'Prerequisites'.");
        }
        await File.WriteAllTextAsync(Stamp, string.Join(' ', PublishArguments) + "\n" +
            string.Create(CultureInfo.InvariantCulture, $"published in {clock.Elapsed.TotalSeconds:F0} s\n"));
        // Dated when the publish started: a file saved while it ran is newer, so the next run publishes again.
        File.SetLastWriteTimeUtc(Stamp, started);
        _diagnostics.OnMessage(new DiagnosticMessage($"native CLI: published in {clock.Elapsed.TotalSeconds:F0} s"));
    }

    /// <summary>
    /// What the native compiler needs beside the .NET SDK (README.md, Prerequisites): a C compiler driver to link with
    /// (clang, or gcc when there is no clang), and objcopy to strip the symbols into alerts.dbg. Checked first, so a
    /// machine without them fails saying so rather than deep in the link step.
    /// </summary>
    private static void RequireToolchain()
    {
        var missing = new List<string>();
        if (!OnPath("clang") && !OnPath("gcc"))
        {
            missing.Add("a C compiler driver to link with: clang or gcc (Debian/Ubuntu: apt-get install gcc libc6-dev, or clang)");
        }
        if (!OnPath("objcopy") && !OnPath("llvm-objcopy"))
        {
            missing.Add("objcopy, to strip symbols (Debian/Ubuntu: apt-get install binutils)");
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The native CLI cannot be published on this machine: missing " + string.Join("; ", missing) +
                ". See README.md, 'Prerequisites' (.ci/run installs them).");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>
    /// One native publish at a time on this machine (it takes both cores for minutes): the same lock file as
    /// <c>flock /tmp/aot.lock dotnet publish ...</c> (.NET takes an flock for <see cref="FileShare.None"/>).
    /// </summary>
    private static async Task<IDisposable> AcquireMachineLockAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "aot.lock");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (waited.Elapsed > LockWait)
                {
                    throw new TimeoutException($"Another native publish held {path} for {LockWait.TotalMinutes} minutes; this run did not publish.");
                }
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>The executable exists and is a native (ELF) program, not a managed assembly or a .NET apphost beside one.</summary>
    private static void AssertNative(string executable, string from)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No native alerts executable at {executable} (from {from}).");
        }
        var head = new byte[4];
        using (var file = File.OpenRead(executable))
        {
            file.ReadExactly(head);
        }
        if (!head.AsSpan().SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidOperationException($"{executable} is not an ELF executable.");
        }
        if (File.Exists(Path.Combine(Path.GetDirectoryName(executable)!, "alerts.dll")))
        {
            throw new InvalidOperationException($"{executable} has an alerts.dll beside it: a JIT publish, not Native AOT.");
        }
    }

    /// <summary>Runs the native executable.</summary>
    public Task<WholeProcessResult> NativeAsync(string workDir, params string[] args) => NativeAsync(workDir, null, args);

    public Task<WholeProcessResult> NativeAsync(string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => WholeProcess.RunAsync(Executable, [], workDir, environment, args);

    /// <summary>Runs the JIT build: <c>dotnet alerts.dll ...</c>.</summary>
    public Task<WholeProcessResult> JitAsync(string workDir, params string[] args) => JitAsync(workDir, null, args);

    public Task<WholeProcessResult> JitAsync(string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => WholeProcess.RunAsync("dotnet", [JitDll], workDir, environment, args);
}

/// <summary>A finished process's exit code and its raw output bytes.</summary>
public sealed record WholeProcessResult(string Command, int ExitCode, byte[] Stdout, byte[] Stderr)
{
    public string Output => Encoding.UTF8.GetString(Stdout);

    public string Error => Encoding.UTF8.GetString(Stderr);

    public override string ToString() => $"{Command}\nexit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Starts a whole process and keeps its output as bytes (no decoding on the way: the comparison is byte for byte).</summary>
public static class WholeProcess
{
    public static async Task<WholeProcessResult> RunAsync(string fileName, IReadOnlyList<string> prefix, string workDir,
        IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var command = Path.GetFileName(fileName) + " " + string.Join(' ', prefix.Select(Path.GetFileName).Concat(args));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var reading = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout), process.StandardError.BaseStream.CopyToAsync(stderr));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
            await reading.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish in {(timeout ?? TimeSpan.FromMinutes(3)).TotalSeconds} s");
        }
        return new WholeProcessResult(command, process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
