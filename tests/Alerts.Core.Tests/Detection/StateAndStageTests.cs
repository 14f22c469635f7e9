using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

public class StateAndStageTests
{
    [Theory]
    [InlineData("Putin suspends New START", "RU")]
    [InlineData("Kremlin suspends New START", "RU")]
    [InlineData("Duma votes to revoke ratification of the CTBT", "RU")]
    [InlineData("Mishustin signs decree proposing withdrawal from the CFE treaty", "RU")]
    [InlineData("Совет Федерации одобрил денонсацию ДОВСЕ", "RU")]
    [InlineData("Парламент Армении ратифицировал Римский статут", "AM")]
    [InlineData("Turkey's parliament ratified Finland's entrance into NATO", "TR")]
    [InlineData("Biden signs instrument of ratification of the Arms Trade Treaty", "US")]
    [InlineData("Rosja zawiesza swój udział w porozumieniu ws. zbrojeń jądrowych", "RU")]
    public void Actors_and_names_map_to_the_acting_state(string title, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal([state], d.States);
    }

    [Fact]
    public void Coordinated_states_are_all_reported()
    {
        var d = Assert.Single(DetectionTestData.Detect("18-го мая Швеция и Финляндия подадут заявку на вступление в НАТО"));
        Assert.Equal(TreatyAction.Accession, d.Action);
        Assert.Equal(["SE", "FI"], d.States);
    }

    [Fact]
    public void A_comma_separated_list_of_states_is_one_group()
    {
        var d = Assert.Single(DetectionTestData.Detect("Mali, Burkina Faso and Niger leave ECOWAS"));
        Assert.Equal(["ML", "BF", "NE"], d.States);
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
    }

    [Fact]
    public void An_agreement_ratified_by_a_state_is_a_treaty_even_without_a_catalogue_name()
    {
        var d = Assert.Single(DetectionTestData.Detect("Kazakhstan ratifies agreement with Russia on avoidance of double taxation"));
        Assert.Equal(["KZ"], d.States);
        Assert.Equal(TreatyAction.Ratification, d.Action);
    }

    [Fact]
    public void Approving_another_state_accession_is_ratifying_its_accession_protocol()
    {
        var d = Assert.Single(DetectionTestData.Detect("Парламент Турции одобрил вступление Финляндии в НАТО"));
        Assert.Equal("nato-accession-fi", d.Treaty.Id);
        Assert.Equal(TreatyAction.Ratification, d.Action);
        Assert.Equal(["TR"], d.States);
    }

    [Theory]
    [InlineData("Russian government approves proposal to denounce the CFE treaty", "", TreatyMilestone.Proposed)]
    [InlineData("В Госдуму внесен законопроект о денонсации ДОВСЕ", "", TreatyMilestone.Proposed)]
    [InlineData("Russia's Duma votes to withdraw from the CFE treaty", "", TreatyMilestone.Legislative)]
    [InlineData("Госдума приняла закон о денонсации ДОВСЕ", "", TreatyMilestone.Legislative)]
    [InlineData("Putin signs law on withdrawal from the CFE treaty", "", TreatyMilestone.Enacted)]
    [InlineData("Путин подписал закон о денонсации ДОВСЕ", "", TreatyMilestone.Enacted)]
    [InlineData("Russia notifies depositary of its withdrawal from the CFE treaty", "", TreatyMilestone.Notified)]
    [InlineData("Россия уведомила депозитария о выходе из ДОВСЕ", "", TreatyMilestone.Notified)]
    [InlineData("Russia's withdrawal from the CFE treaty takes effect", "", TreatyMilestone.Effective)]
    [InlineData("Russia-North Korea defense pact enters into force", "", TreatyMilestone.Effective)]
    [InlineData("Russia says it will withdraw from the CFE treaty", "", TreatyMilestone.Announced)]
    // The foreign ministry or government saying the state is officially leaving, in the present, is its notice of withdrawal;
    // without "officially" or without the state's own voice it stays announced, in the future too.
    [InlineData("Россия выходит из ДОВСЕ", "Россия официально выходит из ДОВСЕ, сообщили в МИД России.", TreatyMilestone.Notified)]
    [InlineData("Армения официально выходит из ОДКБ, заявило правительство", "", TreatyMilestone.Notified)]
    [InlineData("Hungary is officially withdrawing from the Energy Charter Treaty, the foreign ministry said", "", TreatyMilestone.Notified)]
    [InlineData("Россия выходит из ДОВСЕ", "Россия выходит из ДОВСЕ, сообщили в МИД России.", TreatyMilestone.Announced)]
    [InlineData("Россия выходит из ДОВСЕ", "Россия официально выходит из ДОВСЕ, считают эксперты.", TreatyMilestone.Announced)]
    [InlineData("Россия официально выйдет из ДОВСЕ, заявили в МИД", "", TreatyMilestone.Announced)]
    public void Stage_comes_from_the_text(string title, string summary, TreatyMilestone stage)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal(stage, d.Milestone);
    }

    [Fact]
    public void A_treaty_word_takes_the_treaty_the_item_names_before_an_organisation_that_speaks()
    {
        // The organisation in the headline only comments; the treaty is named further down, here split over two links.
        var d = Assert.Single(DetectionTestData.Detect(
            "Council of Europe 'concerned' at Hungary's plans to quit human rights treaty",
            "<p>The government in Budapest said it would start the formal process to withdraw from the <a href=\"https://example.org/a\">European </a><a href=\"https://example.org/b\">Convention on Human Rights</a>.</p>"));
        Assert.Equal("coe:5", d.Treaty.Id);
        Assert.Equal(["HU"], d.States);
        // With no treaty named, leaving "the treaty" next to the organisation still reads as leaving its founding treaty.
        var statute = Assert.Single(DetectionTestData.Detect("Council of Europe 'concerned' at Hungary's plans to quit the treaty"));
        Assert.Equal("coe:1", statute.Treaty.Id);
    }

    [Fact]
    public void A_bilateral_treaty_entering_into_force_is_reported_for_both_parties()
    {
        var d = Assert.Single(DetectionTestData.Detect("Russia-North Korea defense pact enters into force"));
        Assert.Equal("ru-kp-partnership-2024", d.Treaty.Id);
        Assert.Equal(TreatyAction.EntryIntoForce, d.Action);
        Assert.Equal(["RU", "KP"], d.States);
    }
}
