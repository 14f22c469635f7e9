using System.Diagnostics;

namespace Alerts.Testing;

/// <summary>
/// The third-party feed check (tools/feed-validator, installed by <c>npm ci</c> from its lockfile; .ci/run does it):
/// Atom against a RELAX NG grammar of RFC 4287 by libxml2 (xmllint-wasm), JSON Feed 1.1 against a JSON schema by ajv,
/// and both read back by feedsmith. Runs <c>node validate.mjs</c> on files; fails clearly when the packages are missing.
/// </summary>
public static class FeedValidator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Directory => RepositoryPaths.Combine("tools", "feed-validator");

    /// <summary>Why the validator in <paramref name="directory"/> cannot run (its packages are not installed), or null.</summary>
    public static string? InstallProblem(string directory)
        => System.IO.Directory.Exists(Path.Combine(directory, "node_modules", "xmllint-wasm")) && System.IO.Directory.Exists(Path.Combine(directory, "node_modules", "ajv"))
            ? null
            : $"The feed validator is not installed: {Path.Combine(directory, "node_modules")} is missing. Run 'npm ci' in {directory} (.ci/run does).";

    /// <summary>Validates the files; returns the validator's output (one "ok" line per file). Throws with its reasons when any is invalid.</summary>
    public static async Task<string> AssertValidAsync(params string[] files)
    {
        if (InstallProblem(Directory) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Directory };
        start.ArgumentList.Add(Path.Combine(Directory, "validate.mjs"));
        foreach (var file in files)
        {
            start.ArgumentList.Add(Path.GetFullPath(file));
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node; is Node.js installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The feed validator did not finish within {Timeout.TotalMinutes} minutes.");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"The feed validator refused (exit {process.ExitCode}):{Environment.NewLine}{output}");
        }
        return output;
    }

    /// <summary>Writes each body to a temporary file named for its format and validates them all.</summary>
    public static async Task<string> AssertValidAsync(IEnumerable<(string Name, byte[] Body)> feeds)
    {
        var directory = Path.Combine(Path.GetTempPath(), "alerts-feeds-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            var files = new List<string>();
            foreach (var (name, body) in feeds)
            {
                var file = Path.Combine(directory, name.Replace('/', '_'));
                await File.WriteAllBytesAsync(file, body);
                files.Add(file);
            }
            return await AssertValidAsync([.. files]);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
