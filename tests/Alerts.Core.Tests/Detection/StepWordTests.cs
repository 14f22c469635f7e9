using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

/// <summary>Step words of issue #11, each family in at least three phrasings written for these tests (none is a corpus line).</summary>
public class StepWordTests
{
    [Theory]
    [InlineData("US holds Open Skies treaty in abeyance", "open-skies", "US")]
    [InlineData("Canada holds the Arms Trade Treaty in abeyance", "un:XXVI-8", "CA")]
    [InlineData("Russia holds the New START treaty in abeyance", "new-start", "RU")]
    public void Holding_a_treaty_in_abeyance_suspends_it(string title, string treaty, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Suspension, treaty, state), (d.Action, d.Treaty.Id, d.States[0]));
    }

    [Theory]
    [InlineData("Argentina severs ties with the WHO", "un:IX-1", "AR")]
    [InlineData("Nicaragua severs ties with the Council of Europe", "coe:1", "NI")]
    [InlineData("Mali severed its ties with ECOWAS", "ecowas-treaty", "ML")]
    public void Severing_ties_with_an_organisation_is_a_withdrawal_announced(string title, string treaty, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Withdrawal, treaty, state, TreatyMilestone.Announced), (d.Action, d.Treaty.Id, d.States[0], d.Milestone));
    }

    [Theory]
    [InlineData("Trump orders US to leave the WHO", "un:IX-1", "US")]
    [InlineData("President orders Turkey to quit the Istanbul Convention", "coe:210", "TR")]
    [InlineData("Trump ordered the United States to withdraw from the INF treaty", "inf", "US")]
    public void Ordering_a_state_to_leave_announces_the_withdrawal(string title, string treaty, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Withdrawal, treaty, state, TreatyMilestone.Announced), (d.Action, d.Treaty.Id, d.States[0], d.Milestone));
    }

    [Theory]
    [InlineData("US rejoins the Paris Agreement", "paris-agreement", TreatyMilestone.Effective)]
    [InlineData("Brazil rejoins the WHO", "un:IX-1", TreatyMilestone.Effective)]
    [InlineData("Argentina has rejoined the Paris climate agreement", "paris-agreement", TreatyMilestone.Effective)]
    [InlineData("The US will return to the Paris agreement", "paris-agreement", TreatyMilestone.Announced)]
    [InlineData("Brazil will return to the Paris climate accord", "paris-agreement", TreatyMilestone.Announced)]
    [InlineData("Chile will return to the Istanbul Convention", "coe:210", TreatyMilestone.Announced)]
    public void Rejoining_or_returning_is_an_accession(string title, string treaty, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Accession, treaty, stage), (d.Action, d.Treaty.Id, d.Milestone));
    }

    [Theory]
    [InlineData("Turkish parliament votes in favor of Sweden's NATO membership", "nato-accession-se", "TR")]
    [InlineData("Hungary approves Sweden's NATO bid", "nato-accession-se", "HU")]
    [InlineData("Croatia's parliament votes for Finland's NATO membership", "nato-accession-fi", "HR")]
    [InlineData("Węgry zgodziły się na akcesję Szwecji do NATO", "nato-accession-se", "HU")]
    [InlineData("Sejm zgodził się na akcesję Finlandii do NATO", "nato-accession-fi", "PL")]
    [InlineData("Turcja zgodziła się na akcesję Szwecji do NATO", "nato-accession-se", "TR")]
    public void A_third_state_approving_another_accession_ratifies_its_protocol(string title, string treaty, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Ratification, treaty, state, TreatyMilestone.Legislative), (d.Action, d.Treaty.Id, d.States[0], d.Milestone));
    }

    [Theory]
    [InlineData("Россия и Китай продлили договор о добрососедстве", "unknown", "RU,CN")]
    [InlineData("Казахстан и Узбекистан продлили соглашение о сотрудничестве", "unknown", "KZ,UZ")]
    [InlineData("Russia and the US extended New START for five years", "new-start", "")]
    [InlineData("Договор СНВ-3 продлен на пять лет", "new-start", "")]
    public void Extending_a_treaty_is_a_step_enacted(string title, string treaty, string states)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Other, treaty, TreatyMilestone.Enacted), (d.Action, d.Treaty.Id, d.Milestone));
        if (states.Length > 0)
        {
            Assert.Equal(states.Split(','), d.States);
        }
    }

    [Theory]
    [InlineData("Эрдоган подтвердил продление зерновой сделки")] // the extension as a noun: a topic
    [InlineData("Путин заявил о готовности продлить СНВ-3")] // readiness, not the act
    [InlineData("Russia extends grain deal with Ukraine")] // a deal kept going, not a treaty's term
    [InlineData("EU extends sanctions against Russia")]
    public void Other_extensions_are_not_steps(string title)
    {
        Assert.Empty(DetectionTestData.Detect(title));
    }

    [Theory]
    [InlineData("Путин подписал указ об отказе от ДОВСЕ", "cfe", TreatyMilestone.Enacted)]
    [InlineData("Польша объявила об отказе от Стамбульской конвенции", "coe:210", TreatyMilestone.Announced)]
    [InlineData("Россия отказалась от участия в Договоре по открытому небу", "open-skies", TreatyMilestone.Announced)]
    [InlineData("Путин подписал указ об официальном отказе от договора с Украиной", "unknown", TreatyMilestone.Enacted)]
    public void Renouncing_a_treaty_is_a_withdrawal(string title, string treaty, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Withdrawal, treaty, stage), (d.Action, d.Treaty.Id, d.Milestone));
    }

    [Theory]
    [InlineData("Пашинян отказался от проведения учений ОДКБ")] // something done under the treaty
    [InlineData("Госдеп заявил об отказе от передачи информации по ДСНВ")]
    [InlineData("Трамп отказался от ратификации договора")] // declining to ratify
    [InlineData("Россия не откажется от договора о нераспространении")] // negated
    public void Renouncing_something_else_is_not_a_withdrawal(string title)
    {
        Assert.Empty(DetectionTestData.Detect(title));
    }

    [Theory]
    [InlineData("Ten years after Russia denounced the treaty, experts reflect")]
    [InlineData("Two years since Britain left the EU, exporters count the cost")]
    [InlineData("Спустя два года после выхода России из ДОВСЕ эксперты подводят итоги")]
    public void Time_elapsed_since_a_past_step_is_commentary(string title)
    {
        Assert.Empty(DetectionTestData.Detect(title));
    }

    [Fact]
    public void A_step_in_the_main_clause_after_elapsed_time_still_counts()
    {
        var d = Assert.Single(DetectionTestData.Detect("Forty-seven years after joining, Britain leaves the EU"));
        Assert.Equal((TreatyAction.Withdrawal, "GB"), (d.Action, d.States[0]));
    }

    [Theory]
    [InlineData("Democratic National Convention opens in Chicago")]
    [InlineData("Republican convention delegates vote to leave the party platform unchanged")]
    [InlineData("Le Pen backpedals on taking France out of NATO's command")]
    [InlineData("Candidate pledges to pull the US out of the Paris Agreement if elected")]
    [InlineData("Trump vows to leave the WHO if re-elected")]
    [InlineData("French troops leave Mali")]
    public void Meetings_pledges_and_troop_movements_are_not_steps(string title)
    {
        Assert.Empty(DetectionTestData.Detect(title));
    }
}
