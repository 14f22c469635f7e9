using Alerts.Core.Events;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Events;

public sealed class ProcedureStepsTests
{
    [Theory]
    // Phrases from the Russia treaty-actions timeline (tests/data/timeline) and its sources.
    [InlineData("Предложение о денонсации Договора по открытому небу одобрило правительство России в постановлении", ProcedureSteps.GovernmentProposal)]
    [InlineData("В Госдуму внесён проект федерального закона о приостановлении Россией действия Договора между РФ и США", ProcedureSteps.BillSubmitted)]
    [InlineData("10 мая Путин внес на рассмотрении в Госдуму проект закона о денонсации договора", ProcedureSteps.BillSubmitted)]
    [InlineData("Госдума приняла в первом чтении законопроект о денонсации", ProcedureSteps.FirstReading)]
    [InlineData("приняла в третьем, заключительном чтении закон об отзыве ратификации", ProcedureSteps.LowerHouseAdopted)]
    [InlineData("Депутаты Государственной думы приняли сегодня, 16 февраля, закон", ProcedureSteps.LowerHouseAdopted)]
    [InlineData("Совфед РФ одобрил денонсацию договора об обычных вооружениях в Европе", ProcedureSteps.UpperHouseApproved)]
    [InlineData("Путин подписал закон об отзыве ратификации договора о запрете ядерных испытаний", ProcedureSteps.LawSigned)]
    [InlineData("«Денонсировать Договор об обычных вооруженных силах в Европе, подписанный в городе Париже 19 ноября 1990 года»", ProcedureSteps.LawSigned)]
    [InlineData("Russia notified the depositary of its withdrawal", ProcedureSteps.DepositaryNotified)]
    [InlineData("Russia Formally Quits Post-Cold War Arms Treaty With Europe", ProcedureSteps.InEffect)]
    [InlineData("Russia-North Korea Defense Pact Enters Into Force", ProcedureSteps.InEffect)]
    [InlineData("The Duma voted to pass the bill in its third reading", ProcedureSteps.LowerHouseAdopted)]
    public void Latest_step_named_in_the_text(string text, string expected)
    {
        var steps = ProcedureSteps.Classify(text, "");

        Assert.Equal(expected, steps.MaxBy(ProcedureSteps.Rank));
    }

    [Fact]
    public void A_first_reading_vote_is_not_the_final_adoption()
    {
        var steps = ProcedureSteps.Classify("Госдума приняла в первом чтении закон о денонсации ДОВСЕ", "");

        Assert.Contains(ProcedureSteps.FirstReading, steps);
        Assert.DoesNotContain(ProcedureSteps.LowerHouseAdopted, steps);
    }

    [Theory]
    [InlineData("Комитет по обороне парламента Венгрии одобрил протокол о вступлении Швеции в НАТО", "")]
    [InlineData("Hungary's parliamentary foreign affairs committee approved Sweden's NATO accession protocol", "The vote in the full parliament is expected next week.")]
    public void A_committee_vote_is_not_the_house_passing_the_law(string title, string summary)
    {
        var steps = ProcedureSteps.Classify(title, summary);

        Assert.DoesNotContain(ProcedureSteps.LowerHouseAdopted, steps);
        // The chamber's own vote, after its committee, is.
        Assert.Contains(ProcedureSteps.LowerHouseAdopted, ProcedureSteps.Classify(title, "Парламент Венгрии в понедельник ратифицировал протокол."));
    }

    [Theory]
    [InlineData("Hungary's government is moving to leave the Energy Charter Treaty", false)]
    [InlineData("The cabinet said the country would quit the treaty", false)]
    [InlineData("Hungary's government approved the withdrawal from the Energy Charter Treaty", true)]
    [InlineData("The prime minister signed a decree on leaving the treaty", true)]
    // Another state's government announcing is an announcement, in either language; words that only begin like an act
    // ("signalling", "orderly") are not one.
    [InlineData("Правительство Нидерландов объявило о выходе из Договора к Энергетической хартии", false)]
    [InlineData("Премьер Нидерландов заявил о выходе из договора", false)]
    [InlineData("The Netherlands government announced its withdrawal, signalling an orderly exit from the treaty", false)]
    [InlineData("Правительство одобрило предложение о выходе из договора", true)]
    [InlineData("Правительство РФ денонсирует соглашение", true)]
    public void A_government_named_is_a_proposal_only_when_it_acts(string text, bool proposal)
    {
        Assert.Equal(proposal, ProcedureSteps.Classify(text, "").Contains(ProcedureSteps.GovernmentProposal));
    }

    [Fact]
    public void A_proposal_to_submit_is_not_a_submitted_bill()
    {
        var steps = ProcedureSteps.Classify("«Одобрить и представить Президенту ... для внесения в Государственную Думу ... предложение о денонсации Российской Федерацией Европейской конвенции по предупреждению пыток»", "");

        Assert.Equal(ProcedureSteps.GovernmentProposal, steps.MaxBy(ProcedureSteps.Rank));
    }

    [Fact]
    public void Refine_keeps_to_the_detector_stage_and_only_fills_a_missing_one()
    {
        // A signed-law item that recalls the Federation Council vote: the detector says enacted.
        var steps = ProcedureSteps.Classify("Путин подписал закон о денонсации", "Совет Федерации одобрил его 24 мая");
        Assert.Equal(ProcedureSteps.LawSigned, ProcedureSteps.Refine(TreatyMilestone.Enacted, steps));
        Assert.Equal(ProcedureSteps.UpperHouseApproved, ProcedureSteps.Refine(TreatyMilestone.Legislative, steps));

        // No stage word for the detector, but the operative clause of a law.
        var law = ProcedureSteps.Classify("«Денонсировать Европейскую конвенцию по предупреждению пыток»", "");
        Assert.Equal(ProcedureSteps.LawSigned, ProcedureSteps.Refine(TreatyMilestone.Announced, law));

        // «Закон вступает в силу» never makes an announced item effective.
        var lawInForce = ProcedureSteps.Classify("Закон о денонсации вступает в силу со дня опубликования", "");
        Assert.Null(ProcedureSteps.Refine(TreatyMilestone.Announced, lawInForce));
    }

    [Fact]
    public void Steps_are_ordered_within_and_across_stages()
    {
        var stages = ProcedureSteps.All.Select(ProcedureSteps.StageOf).ToList();

        Assert.Equal(stages.Order(), stages);
        Assert.DoesNotContain(TreatyMilestone.Unknown, stages);
        Assert.Equal(Enumerable.Range(1, ProcedureSteps.All.Count), ProcedureSteps.All.Select(ProcedureSteps.Rank));
        Assert.Equal(0, ProcedureSteps.Rank(null));
    }
    [Theory]
    [InlineData("Finland set to join NATO, in blow to Putin", "Finland is joining NATO")]
    [InlineData("Ukraine live briefing: Finland set to join NATO; Zelensky to visit Poland", "")]
    [InlineData("Britain set to join trans-Pacific free trade pact", "Britain has agreed to join the 11-country CPTPP")]
    [InlineData("Sweden will join NATO on Thursday, the alliance said", "")]
    [InlineData("Финляндия должна вступить в НАТО", "")]
    [InlineData("Финляндия вступит в НАТО во вторник", "")]
    public void A_step_reported_as_set_for_a_time_is_scheduled(string title, string summary)
    {
        var steps = ProcedureSteps.Classify(title, summary);

        Assert.Contains(ProcedureSteps.Scheduled, steps);
        Assert.Equal(TreatyMilestone.Announced, ProcedureSteps.StageOf(ProcedureSteps.Scheduled));
        Assert.Equal(ProcedureSteps.Scheduled, ProcedureSteps.Refine(TreatyMilestone.Announced, steps));
    }

    [Theory]
    // A plan the state voices, or a future step that is not the membership itself, is an announcement.
    [InlineData("Russia plans to withdraw from the Open Skies Treaty", "")]
    [InlineData("Moscow will quit the treaty if the US does, Lavrov said", "")]
    [InlineData("18-го мая Швеция и Финляндия подадут заявку на вступление в НАТО", "Швеция и Финляндия 18-го мая передадут в НАТО заявку для вступления в эту организацию.")]
    [InlineData("Россия намерена выйти из Совета Европы", "")]
    public void A_plan_or_a_later_application_is_not_scheduled(string title, string summary)
    {
        var steps = ProcedureSteps.Classify(title, summary);

        Assert.DoesNotContain(ProcedureSteps.Scheduled, steps);
        Assert.Null(ProcedureSteps.Refine(TreatyMilestone.Announced, steps));
    }

    [Fact]
    public void A_scheduled_step_does_not_hide_an_act_the_text_names_nor_change_a_later_stage()
    {
        var steps = ProcedureSteps.Classify("Sweden is set to join NATO after the parliament ratified the protocol", "");

        Assert.Equal(ProcedureSteps.LowerHouseAdopted, ProcedureSteps.Refine(TreatyMilestone.Announced, steps));
        Assert.Null(ProcedureSteps.Refine(TreatyMilestone.Effective, ProcedureSteps.Classify("Finland set to join NATO", "")));
        Assert.Null(ProcedureSteps.Refine(TreatyMilestone.Unknown, ProcedureSteps.Classify("Finland set to join NATO", "")));
    }
}
