using System.Text.RegularExpressions;

namespace Alerts.Core.Detection;

/// <summary>
/// First step of normalising: feed summaries often carry HTML. Lists of links (<c>&lt;ul&gt;&lt;li&gt;&lt;a&gt;</c>) name
/// other articles ("Brexit day: UK prepares to leave the EU – live news"), and link addresses hold words too;
/// neither is what the item reports. Lists go, tags go, block ends become sentence ends.
/// </summary>
internal static partial class MarkupStripper
{
    public static string Strip(string text)
    {
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }
        var withoutLists = LinkList().Replace(text, " | ");
        var withBreaks = BlockEnd().Replace(withoutLists, " | ");
        return Tag().Replace(withBreaks, " ");
    }

    [GeneratedRegex(@"<(?:ul|ol)\b[^>]*>.*?</(?:ul|ol)\s*>|<a\b[^>]*>\s*(?:continue\s+reading|read\s+more)[^<]*</a\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LinkList();

    [GeneratedRegex(@"</?(?:p|br|li|div|h[1-6])\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
