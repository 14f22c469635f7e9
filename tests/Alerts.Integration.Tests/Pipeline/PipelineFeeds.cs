using System.Text;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Pipeline;

/// <summary>The real archived feeds the end-to-end tests serve, and the seed story inserted into them.</summary>
public static class PipelineFeeds
{
    public const string NewsPath = "/rss/news";
    public const string DocsPath = "/docs/rss/";
    public const string SeedTitle = "Russia to Quit Europe's Anti-Torture Convention";

    public static byte[] MoscowTimesArchive() => File.ReadAllBytes(RepositoryPaths.TestData("e2e", "moscowtimes-2023-10-25.xml"));

    /// <summary>The archived feed with the seed story as its newest item, as the feed looked the day it ran.</summary>
    public static byte[] MoscowTimesWithSeedStory()
    {
        var feed = Encoding.UTF8.GetString(MoscowTimesArchive());
        var item = File.ReadAllText(RepositoryPaths.TestData("e2e", "seed-item.xml"));
        var first = feed.IndexOf("<item>", StringComparison.Ordinal);
        var lineStart = feed.LastIndexOf('\n', first) + 1;
        return Encoding.UTF8.GetBytes(feed[..lineStart] + item + feed[lineStart..]);
    }

    public static byte[] GovernmentDocs() => File.ReadAllBytes(RepositoryPaths.TestData("e2e", "government-ru-docs.xml"));

    /// <summary>The government feed before the decree: the channel header only.</summary>
    public static byte[] GovernmentDocsBeforeTheDecree()
    {
        var feed = Encoding.UTF8.GetString(GovernmentDocs());
        var first = feed.IndexOf("    <item>", StringComparison.Ordinal);
        var last = feed.LastIndexOf("</item>", StringComparison.Ordinal) + "</item>".Length;
        return Encoding.UTF8.GetBytes(feed[..first] + feed[last..].TrimStart('\r', '\n'));
    }
}
