using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

public class SeedStoryTests
{
    private const string EnglishTitle = "Russia to Quit Europe’s Anti-Torture Convention";
    private const string EnglishSummary = "Prime Minister Mikhail Mishustin signed a decree proposing that President Vladimir Putin submit the withdrawal to the State Duma.";
    private const string RussianDecree = "О внесении Президенту Российской Федерации предложения о денонсации Европейской конвенции по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания";

    [Fact]
    public void Russian_decree_title_alone_is_a_proposed_withdrawal_from_ets_126_by_russia()
    {
        var d = Assert.Single(DetectionTestData.Detect(RussianDecree));
        Assert.Equal("coe:126", d.Treaty.Id);
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
        Assert.Equal(["RU"], d.States);
        Assert.Equal(TreatyMilestone.Proposed, d.Milestone);
    }

    [Fact]
    public void English_headline_with_summary_is_a_proposed_withdrawal_from_ets_126_by_russia()
    {
        var d = Assert.Single(DetectionTestData.Detect(EnglishTitle, EnglishSummary));
        Assert.Equal("coe:126", d.Treaty.Id);
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
        Assert.Equal(["RU"], d.States);
        Assert.Equal(TreatyMilestone.Proposed, d.Milestone);
        Assert.Contains(d.Evidence, e => e.Contains("quit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void English_headline_alone_names_treaty_action_and_state_but_only_an_announced_stage()
    {
        // "Russia to quit X" says a decision, not which formal step: the proposal is only in the summary.
        var d = Assert.Single(DetectionTestData.Detect(EnglishTitle));
        Assert.Equal("coe:126", d.Treaty.Id);
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
        Assert.Equal(["RU"], d.States);
        Assert.Equal(TreatyMilestone.Announced, d.Milestone);
    }

    [Fact]
    public void Html_encoded_apostrophe_of_the_feed_does_not_hide_the_treaty()
    {
        var d = Assert.Single(DetectionTestData.Detect("Russia to Quit Europe&#039;s Anti-Torture Convention"));
        Assert.Equal("coe:126", d.Treaty.Id);
    }
}
