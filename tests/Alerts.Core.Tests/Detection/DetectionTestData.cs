using Alerts.Core.Detection;

namespace Alerts.Core.Tests.Detection;

/// <summary>Finds the repository's own files (config/treaties.json, tests/data) from the test output directory.</summary>
internal static class DetectionTestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<TreatyDetector> SharedDetector = new(() => TreatyDetector.FromCatalogFile(CataloguePath));

    public static string RepoRoot => Root.Value;
    public static string CataloguePath => Path.Combine(RepoRoot, "config", "treaties.json");
    public static string CorpusDir => Path.Combine(RepoRoot, "tests", "data", "corpus-dev");
    public static string CatalogSourceDir => Path.Combine(RepoRoot, "tests", "data", "catalog");

    /// <summary>One detector for all tests: it is immutable and thread-safe.</summary>
    public static TreatyDetector Detector => SharedDetector.Value;

    public static IReadOnlyList<TreatyDetection> Detect(string title, string summary = "") =>
        Detector.Detect(new DetectionInput(title, summary));
}
