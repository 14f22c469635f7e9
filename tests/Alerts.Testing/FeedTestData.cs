namespace Alerts.Testing;

/// <summary>Locates files under the repository's <c>tests/data</c> folder from any test output directory.</summary>
public static class FeedTestData
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>Absolute path of <c>tests/data/{relative}</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(s_root.Value, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/data not found above " + AppContext.BaseDirectory);
    }
}
