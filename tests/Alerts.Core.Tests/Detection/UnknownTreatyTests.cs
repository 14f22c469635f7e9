using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

public class UnknownTreatyTests
{
    [Fact]
    public void A_treaty_not_in_the_catalogue_keeps_its_name_as_written()
    {
        var d = Assert.Single(DetectionTestData.Detect(
            "О ратификации Договора между Российской Федерацией и Республикой Таджикистан о сотрудничестве в области пенсионного обеспечения",
            "Рассмотрение законопроекта в первом чтении"));
        Assert.Equal(TreatyRef.UnknownId, d.Treaty.Id);
        Assert.StartsWith("Договора между Российской Федерацией и Республикой Таджикистан", d.Treaty.Name, StringComparison.Ordinal);
        Assert.Equal(TreatyAction.Ratification, d.Action);
        Assert.Equal(["RU"], d.States);
        Assert.Equal(TreatyMilestone.Legislative, d.Milestone);
    }

    [Fact]
    public void An_english_treaty_not_in_the_catalogue_is_still_an_event()
    {
        var d = Assert.Single(DetectionTestData.Detect("Armenia and Azerbaijan sign peace treaty"));
        Assert.Equal(TreatyRef.UnknownId, d.Treaty.Id);
        Assert.Equal("Armenia–Azerbaijan peace treaty", d.Treaty.Name); // the parties name an unnamed treaty
        Assert.Equal(TreatyAction.Signature, d.Action);
        Assert.Equal(["AM", "AZ"], d.States);
    }

    [Fact]
    public void Every_detection_has_evidence_and_a_confidence_between_zero_and_one()
    {
        foreach (var title in new[] { "Armenia and Azerbaijan sign peace treaty", "Putin suspends New START", "Finland joins NATO" })
        {
            var d = Assert.Single(DetectionTestData.Detect(title));
            Assert.InRange(d.Confidence, 0.0, 1.0);
            Assert.Contains(d.Evidence, e => e.StartsWith("action: ", StringComparison.Ordinal));
            Assert.Contains(d.Evidence, e => e.StartsWith("treaty: ", StringComparison.Ordinal));
        }
        var named = DetectionTestData.Detect("Putin suspends New START")[0];
        var generic = DetectionTestData.Detect("Armenia and Azerbaijan sign peace treaty")[0];
        Assert.True(named.Confidence > generic.Confidence, "a catalogue treaty is surer than a bare treaty word");
    }
}
