namespace Alerts.Core.Tests.Detection;

public class NegativeTests
{
    [Theory]
    [InlineData("Russia threatens to suspend New START if US deploys missiles")] // threat
    [InlineData("Turkey Hosts Talks to Extend Ukraine Grain Deal as Russia Threatens to Pull Out")] // threat + talks
    [InlineData("Lawmakers urge Biden to withdraw from WHO")] // call
    [InlineData("Депутаты призвали денонсировать договор с Японией")] // call
    [InlineData("В Госдуме призвали Россию выйти из ВОЗ")] // call
    [InlineData("Could Russia quit the Council of Europe?")] // could
    [InlineData("Россия может выйти из Совета Европы, заявил Слуцкий")] // may
    [InlineData("Erdogan says Turkey may not ratify Sweden's NATO bid")] // may not
    [InlineData("Kremlin says it is not considering leaving the WHO")] // considers, negated
    [InlineData("Kremlin denies plans to withdraw from CTBT")] // denial
    [InlineData("Russia refuses to return to grain deal")] // refusal
    [InlineData("Russia and US discuss future of New START in Geneva talks")] // talks
    [InlineData("Россия прекращает переговоры с Японией по мирному договору")] // negotiations
    [InlineData("US accuses Russia of breaching Chemical Weapons Convention")] // accusation
    [InlineData("В США обвинили Россию в нарушении ДСНВ")] // accusation
    [InlineData("Thirty years ago, Russia signed the CFE Treaty")] // historical
    [InlineData("The Paris Agreement was signed in 2015 by 196 parties")] // historical
    [InlineData("Finland Will Pack a Punch in NATO", "The last comparable boost to Western security was when West Germany joined in 1955.")] // historical
    [InlineData("Microsoft signs $10bn agreement with OpenAI")] // business deal
    [InlineData("Canada approves multibillion-dollar Rogers-Shaw telecoms deal")] // business deal
    [InlineData("Газпром и CNPC подписали соглашение о поставках газа")] // business deal
    [InlineData("Republican National Convention: Trump accepts nomination")] // party convention
    [InlineData("Sunak’s UK Conservative Party Conference Haunted by Truss and Other Rivals")] // party conference
    [InlineData("Party activists leave convention early")] // party convention
    [InlineData("Djokovic withdraws from Australian Open")] // sports
    [InlineData("Sinner quits Paris Masters exhausted by late nights")] // sports
    [InlineData("Trump says US will leave NATO if allies don't pay")] // condition
    [InlineData("Ukraine's bid to join NATO debated at summit")] // bid, not a step
    [InlineData("Путин подписал закон об электронных повестках")] // domestic law
    [InlineData("Украина стала кандидатом в члены ЕС – решение Евросовета")] // candidate status
    [InlineData("Georgia suspends EU accession talks until 2028")] // talks after the verb
    [InlineData("Опрос: большинство россиян поддерживают выход из Совета Европы")] // opinion poll
    [InlineData("Germany signs deal to buy F-35 jets")] // purchase deal
    [InlineData("Israel and Hamas agree ceasefire deal")] // not between states, no treaty step
    public void Not_a_treaty_step(string title, string summary = "")
    {
        Assert.Empty(DetectionTestData.Detect(title, summary));
    }

    [Fact]
    public void Background_mention_of_a_treaty_is_not_an_event()
    {
        Assert.Empty(DetectionTestData.Detect("Russia remains a party to the UN Convention Against Torture", "Moscow says it will keep reporting to the committee."));
    }
}
