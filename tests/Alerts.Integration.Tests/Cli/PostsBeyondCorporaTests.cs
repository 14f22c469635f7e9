using System.Text.RegularExpressions;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// Session 8: <c>alerts preview --corpus tests/data/posts-beyond</c> replays ten real multi-step treaty events that are in
/// neither dev corpus (hand-written wire-style items of real steps; README there) into English and Russian posts. Whatever
/// stage the detector reads, every post keeps the structural rules of issue #12: one language, the step's date, the
/// official document first, one event per step, nothing lost, no internal ids.
/// </summary>
public sealed partial class PostsBeyondCorporaTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Posts_for_real_events_beyond_the_corpora_keep_the_structural_rules_in_both_languages()
    {
        var result = await _cli.RunAsync("preview", "--corpus", RepositoryPaths.TestData("posts-beyond"), "--events", "20");

        Assert.Equal(0, result.ExitCode);
        foreach (var channel in new[] { "preview-en", "preview-ru" })
        {
            // | channel | first posts | replies | edits | held | wrong stage | mixed language | no date | official not first | unsupported stage | duplicate event | not a labelled step | lost |
            var row = Assert.Single(result.Output.Split('\n'), l => l.StartsWith($"| {channel} | ", StringComparison.Ordinal) && l.Count(c => c == '|') == 14);
            var cells = row.Split('|', StringSplitOptions.TrimEntries)[1..^1];
            Assert.True(int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture) >= 10, row);
            Assert.Equal(["0", "0", "0", "0", "0"], new[] { cells[6], cells[7], cells[8], cells[9], cells[10] });
            Assert.Equal("0", cells[12]);
        }
        var posts = Html().Matches(result.Output).Select(m => m.Groups[1].Value).ToList();
        Assert.True(posts.Count >= 30, $"only {posts.Count} posts in the gallery");
        Assert.All(posts, post => Assert.DoesNotMatch(InternalId(), post));
        // The Russian bill abroad names the state; a notice names the Secretary-General, not "the depositary".
        Assert.DoesNotContain(posts, p => p.Contains("В парламент внесён", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Contains("depositary of", StringComparison.Ordinal) || p.Contains("уведомил", StringComparison.Ordinal) && p.Contains("депозитария", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"```html\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Html();

    // Catalogue ids and UN index references a reader must never see ("un:XVIII-10", "XXVI-5", "(group)").
    [GeneratedRegex(@"\b(?:un|coe):|\b[XVI]{2,5}-\d+\b|\(group\)")]
    private static partial Regex InternalId();
}
