using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

/// <summary>The rule families added for news the rules were not written against, each in phrasings of our own.</summary>
public class GeneralisationTests
{
    [Theory]
    [InlineData("Kenya and Ethiopia sign defence pact", "", "KE,ET", "Kenya–Ethiopia defence pact")]
    [InlineData("Armenia signs security agreement with France", "", "AM,FR", "Armenia–France security agreement")]
    [InlineData("Казахстан подписал соглашение с Узбекистаном", "", "KZ,UZ", "")]
    [InlineData("Chile and Peru sign historic accords in Lima", "", "CL,PE", "Chile–Peru accords")]
    public void An_agreement_signed_between_named_states_is_an_unknown_treaty(string title, string summary, string states, string name)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal((TreatyAction.Signature, TreatyRef.UnknownId), (d.Action, d.Treaty.Id));
        Assert.Equal(states.Split(','), d.States);
        if (name.Length > 0)
        {
            Assert.Equal(name, d.Treaty.Name);
        }
        Assert.True(d.Confidence < 0.75, "an unnamed agreement is less certain than a catalogue treaty: " + d.Confidence);
    }

    [Theory]
    [InlineData("Chile signs agreement on fisheries")] // one party: a contract or an MoU as likely as a treaty
    [InlineData("Ghana and Japan sign memorandum of understanding on health")]
    [InlineData("Colombia and rebels sign peace accord")]
    [InlineData("Toyota and Japan sign supply deal", "The company will build a plant.")]
    [InlineData("Norway and Iceland agree framework deal on fishing")]
    public void Other_signed_agreements_are_not_treaty_steps(string title, string summary = "")
    {
        Assert.Empty(DetectionTestData.Detect(title, summary));
    }

    [Theory]
    [InlineData("MPs pass Canada trade deal after long debate")]
    [InlineData("Japanese lawmakers pass free trade deal with Britain")]
    [InlineData("Mexico's parliament passes trade deal with Canada")]
    public void A_legislature_passing_an_interstate_deal_ratifies_it(string title)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((TreatyAction.Ratification, TreatyMilestone.Legislative), (d.Action, d.Milestone));
    }

    [Theory]
    [InlineData("Ecuador returns to the Paris Agreement", TreatyAction.Accession, "paris-agreement")]
    [InlineData("Мексика вернулась в Парижское соглашение", TreatyAction.Accession, "paris-agreement")]
    [InlineData("Argentina severs ties with the WHO", TreatyAction.Withdrawal, "un:IX-1")]
    [InlineData("Chile marks its departure from the WHO", TreatyAction.Withdrawal, "un:IX-1")]
    [InlineData("Turcja opuściła NATO", TreatyAction.Withdrawal, "north-atlantic-treaty")]
    public void Return_sever_and_departure_are_steps(string title, TreatyAction action, string treaty)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal((action, treaty), (d.Action, d.Treaty.Id));
    }

    [Theory]
    [InlineData("Voters split about leaving the WHO")] // the step as a topic
    [InlineData("A guide to how leaving the ICC will affect Hungary")] // a gerund that is the subject of a statement
    [InlineData("NATO troops leave Afghanistan")] // leaving a country
    [InlineData("Войска НАТО покинут Афганистан к маю")] // leaving a country, in Russian
    [InlineData("Beijing ignores the treaty it signed with London", "")] // a relative clause about the past
    [InlineData("Russia returns to grain deal")] // resuming a deal is not joining it
    [InlineData("Sweden's new rules", "Ministers met a few weeks before Sweden joined NATO.")] // a summary dated by another event
    [InlineData("Ministers meet", "<ul><li><a href=\"https://example.org/uk-leaves-eu\">UK leaves the EU – live</a></li></ul><p>Talks on fishing continue.</p>")] // a related-link list
    public void Mentions_that_are_not_steps(string title, string summary = "")
    {
        Assert.Empty(DetectionTestData.Detect(title, summary));
    }

    [Fact]
    public void Markup_is_read_as_text()
    {
        var d = Assert.Single(DetectionTestData.Detect("Weekly briefing", "<p>Peru <b>leaves</b> the WHO.</p>"));
        Assert.Equal((TreatyAction.Withdrawal, "un:IX-1", "PE"), (d.Action, d.Treaty.Id, d.States[0]));
    }
}
