using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Formatting;

/// <summary>Asserts that a post follows every rule of <see cref="PostChecks"/> (docs/POSTS.md).</summary>
public static class PostRules
{
    public static void AssertFollowed(string html, string language, TreatyChange change, bool isUpdate = false)
    {
        var problems = PostChecks.Check(html, language, change, isUpdate);
        Assert.True(problems.Count == 0, string.Join("; ", problems) + "\n" + html);
    }
}
