using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Alerts.Testing;

/// <summary>
/// An Azurite storage emulator for integration tests. Uses one already listening on the default
/// ports 10000-10002 (e.g. started by .ci/run); otherwise starts the repository's pinned copy
/// (tools/azurite, installed with <c>npm ci</c> on first use) on free ports, in memory, and stops
/// it on dispose (always, with the environment variable <c>ALERTS_TEST_AZURITE=own</c>). Use it as <c>ICollectionFixture&lt;AzuriteFixture&gt;</c> or <c>IClassFixture</c>, and give every
/// test its own queue and table names so tests can share one emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's published development account; a well-known emulator key, not a secret.</summary>
    public const string AccountName = "devstoreaccount1";

    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private Process? _process;
    private string? _workspace;
    private readonly StringBuilder _output = new();

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>True when this fixture started Azurite itself; false when it reuses one on the default ports.</summary>
    public bool StartedHere => _process is not null;

    /// <summary>An explicit devstoreaccount1 connection string for the ports in use.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>A lowercase name with a random suffix, valid for both queues and tables (letters and digits only).</summary>
    public static string UniqueName(string prefix = "t") =>
        prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync()
    {
        // ALERTS_TEST_AZURITE=own starts the pinned copy even when another Azurite listens on the default ports
        // (one started without --skipApiVersionCheck refuses the newer Storage SDKs' API versions).
        var reuse = !string.Equals(Environment.GetEnvironmentVariable("ALERTS_TEST_AZURITE"), "own", StringComparison.OrdinalIgnoreCase);
        if (reuse && await AcceptsAsync(10000) && await AcceptsAsync(10001) && await AcceptsAsync(10002) && await AcceptsNewerApiVersionsAsync(10001))
        {
            (BlobPort, QueuePort, TablePort) = (10000, 10001, 10002);
            return;
        }

        var toolDirectory = Path.Combine(FindRepositoryRoot(), "tools", "azurite");
        var executable = await EnsureInstalledAsync(toolDirectory);

        // A port picked free can be taken before Azurite binds it; try again with new ports.
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartAsync(executable);
                return;
            }
            catch (InvalidOperationException ex)
            {
                lastFailure = ex;
                await StopAsync();
            }
        }
        throw new InvalidOperationException("Azurite did not start after 3 attempts.", lastFailure);
    }

    public Task DisposeAsync() => StopAsync();

    private async Task StartAsync(string executable)
    {
        (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
        _workspace = Path.Combine(Path.GetTempPath(), "alerts-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workspace);
        _output.Clear();

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // --location cannot be combined with --inMemoryPersistence; a temp working directory keeps any stray files out of the repo.
            WorkingDirectory = _workspace,
        };
        foreach (var argument in new[]
        {
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {RecordedOutput()}");
            }
            if (await AcceptsAsync(BlobPort) && await AcceptsAsync(QueuePort) && await AcceptsAsync(TablePort))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Azurite did not listen on {BlobPort}/{QueuePort}/{TablePort} within {StartTimeout.TotalSeconds} s: {RecordedOutput()}");
    }

    private async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Already gone, or not stoppable: nothing more a test can do about it.
            }
            process.Dispose();
        }
        if (_workspace is not null)
        {
            try
            {
                Directory.Delete(_workspace, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
            _workspace = null;
        }
    }

    /// <summary>Runs <c>npm ci</c> once, under a machine-wide lock so parallel test processes do not install over each other.</summary>
    private static async Task<string> EnsureInstalledAsync(string toolDirectory)
    {
        var executable = Path.Combine(toolDirectory, "node_modules", ".bin", "azurite");
        var lockPath = Path.Combine(Path.GetTempPath(), "alerts-azurite-npm-ci.lock");
        await using var installLock = await AcquireLockAsync(lockPath, InstallTimeout);
        if (File.Exists(executable))
        {
            return executable;
        }

        var npm = new ProcessStartInfo("npm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = toolDirectory,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            npm.ArgumentList.Add(argument);
        }
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm; is Node.js installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(InstallTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {toolDirectory} did not finish within {InstallTimeout.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"npm ci in {toolDirectory} failed with code {process.ExitCode}: {await stdout}{await stderr}");
        }
        return executable;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// An Azurite started without <c>--skipApiVersionCheck</c> rejects storage clients newer than itself
    /// (400, "The API version ... is not supported by Azurite"); such an instance is not reused.
    /// </summary>
    private static async Task<bool> AcceptsNewerApiVersionsAsync(int queuePort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var probe = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{queuePort}/{AccountName}?restype=service&comp=properties");
        probe.Headers.Add("x-ms-version", "2099-01-01");
        try
        {
            using var response = await http.SendAsync(probe);
            var body = await response.Content.ReadAsStringAsync();
            return !body.Contains("is not supported by Azurite", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Alerts.sln above {AppContext.BaseDirectory}.");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            // Only for the failure message; keep it short.
            if (_output.Length < 8_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string RecordedOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
