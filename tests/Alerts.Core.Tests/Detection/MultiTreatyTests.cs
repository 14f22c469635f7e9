using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

public class MultiTreatyTests
{
    [Fact]
    public void The_headline_change_wins_over_a_background_treaty_in_the_summary()
    {
        var detections = DetectionTestData.Detect(
            "Russia suspends participation in New START",
            "Moscow withdrew from the INF treaty in 2019 and remains a party to the CTBT.");
        var d = Assert.Single(detections);
        Assert.Equal("new-start", d.Treaty.Id);
        Assert.Equal(TreatyAction.Suspension, d.Action);
    }

    [Fact]
    public void Two_changes_in_one_headline_are_two_detections()
    {
        var detections = DetectionTestData.Detect("Russia suspends New START and quits CFE treaty");
        Assert.Equal(2, detections.Count);
        Assert.Contains(detections, d => d.Treaty.Id == "new-start" && d.Action == TreatyAction.Suspension);
        Assert.Contains(detections, d => d.Treaty.Id == "cfe" && d.Action == TreatyAction.Withdrawal);
    }

    [Fact]
    public void A_denied_second_step_in_the_headline_is_not_reported()
    {
        var d = Assert.Single(DetectionTestData.Detect("Путин: РФ приостанавливает участие в ДСНВ, но не выходит из договора"));
        Assert.Equal(TreatyAction.Suspension, d.Action);
        Assert.Equal("new-start", d.Treaty.Id);
    }

    [Fact]
    public void A_summary_event_counts_when_the_headline_has_none()
    {
        var d = Assert.Single(DetectionTestData.Detect(
            "Ten times countries decided to exit international agreements",
            "With Russia suspending participation in New START Treaty, we look at other examples of countries changing their minds."));
        Assert.Equal("new-start", d.Treaty.Id);
        Assert.Equal(["RU"], d.States);
    }

    [Fact]
    public void A_generic_treaty_word_in_the_headline_takes_the_name_the_summary_gives()
    {
        var d = Assert.Single(DetectionTestData.Detect(
            "Biden rallies behind Kyiv as Putin freezes nuclear deal with US",
            "Russian president says Moscow is suspending the New START treaty."));
        Assert.Equal("new-start", d.Treaty.Id);
        Assert.Equal(TreatyAction.Suspension, d.Action);
    }

    [Fact]
    public void A_more_precise_summary_sets_the_action()
    {
        var d = Assert.Single(DetectionTestData.Detect(
            "Armenia to join International Criminal Court",
            "Armenia parliament ratifies ICC's founding statute."));
        Assert.Equal("un:XVIII-10", d.Treaty.Id);
        Assert.Equal(TreatyAction.Ratification, d.Action);
        Assert.Equal(TreatyMilestone.Legislative, d.Milestone);
    }
}
