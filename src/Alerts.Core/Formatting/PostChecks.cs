using System.Text.RegularExpressions;
using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>
/// The rules every post follows, checked on its structure (docs/POSTS.md): one language outside link
/// texts, the official or depositary document linked first, the step's date shown, and the stage
/// supported by a cited item. Used by <c>alerts preview --corpus</c> to count the posts that break one.
/// </summary>
public static partial class PostChecks
{
    public const string MixedLanguage = "mixed-language";
    public const string OfficialNotFirst = "official-not-first";
    public const string NoDate = "no-date";
    public const string Unsupported = "unsupported-stage";

    /// <summary>Each broken rule as "<c>rule: detail</c>"; empty when the post follows them all.</summary>
    public static IReadOnlyList<string> Check(string html, string language, TreatyChange change, bool isUpdate = false)
    {
        var problems = new List<string>();
        var outsideLinks = Tags().Replace(LinkTexts().Replace(html, " "), " ");
        var other = language == "ru" ? Latin() : Cyrillic();
        if (other.Match(outsideLinks) is { Success: true } foreign)
        {
            problems.Add($"{MixedLanguage}: '{foreign.Value}' in a {language} post");
        }
        if (change.StepDate is { } date && !html.Contains(PostModel.FormatDate(date, language), StringComparison.Ordinal))
        {
            problems.Add($"{NoDate}: {date:yyyy-MM-dd} is missing");
        }
        if (isUpdate)
        {
            return problems; // a reply carries no links: the post it answers does
        }

        var links = Hrefs().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var official = change.Sources.Where(s => s.Authority >= SourceLevel.Official).Select(s => Absolute(s.Link)).ToHashSet();
        if (official.Count > 0 && (links.Count == 0 || !official.Contains(links[0])))
        {
            problems.Add($"{OfficialNotFirst}: the first link is not the official or depositary document");
        }
        var supporting = change.Sources.Where(s => s.Reports is null || s.Reports >= change.Milestone).Select(s => Absolute(s.Link)).ToHashSet();
        if (change.Sources.Count > 0 && !links.Any(supporting.Contains))
        {
            problems.Add($"{Unsupported}: no cited item states the stage {Vocabulary.Name(change.Milestone)}");
        }
        return problems;
    }

    /// <summary>True when plain text has no word in the other script (two letters or more).</summary>
    public static bool InOneLanguage(string text, string language)
        => !(language == "ru" ? Latin() : Cyrillic()).IsMatch(text);

    private static string Absolute(string link) => Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : link;

    [GeneratedRegex(@"<a\s[^>]*>.*?</a>", RegexOptions.Singleline)]
    private static partial Regex LinkTexts();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"href=""([^""]+)""")]
    private static partial Regex Hrefs();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Latin();

    [GeneratedRegex(@"[А-Яа-яЁё]{2,}")]
    private static partial Regex Cyrillic();
}
