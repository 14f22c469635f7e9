namespace Alerts.Testing;

/// <summary>Paths inside the repository the tests run from (found by walking up to Alerts.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Alerts.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file under tests/data.</summary>
    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "data", .. parts]);

    /// <summary>The build configuration the tests were built in (Debug or Release), read off the output path.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
