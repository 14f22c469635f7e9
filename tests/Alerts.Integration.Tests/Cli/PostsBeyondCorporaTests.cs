using System.Text.RegularExpressions;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Cli;

/// <summary>
/// Session 8: <c>alerts preview --corpus tests/data/posts-beyond</c> replays ten real multi-step treaty events that are in
/// neither dev corpus (hand-written wire-style items of real steps; README there) into English and Russian posts. Whatever
/// stage the detector reads, no post shows an internal id, a bill abroad names its state and a notice names whom it
/// went to (the counts of issue #12's structural rules are CorpusReplayRulesTests').
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
        // The counts of every rule are checked by CorpusReplayRulesTests (posts-beyond is one of its corpora); here, the wording.
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
