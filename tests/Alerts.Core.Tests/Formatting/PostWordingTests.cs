using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

/// <summary>
/// Rules found by reading the dev-corpus replay as a subscriber (issue #12): feed markup never reaches a post,
/// outlets are named rather than shown as hosts, English state names take their article, and a withdrawal
/// from a Council of Europe or UN treaty names the Secretary General and the treaty's own notice period.
/// </summary>
public class PostWordingTests
{
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru" };

    [Fact]
    public void A_summary_in_html_gives_its_lead_paragraph_as_plain_text()
    {
        // As The Guardian's feed writes it: paragraphs, a link and a list of other stories.
        var summary = "<p>The Open Skies Treaty allows Russia and western nations to conduct observation flights</p>"
            + "<ul><li><a href=\"https://example.org/live\">US election live – follow all the latest updates</a></li></ul>"
            + "<p>The US has declared its intention to leave the treaty, which is <a href=\"https://example.org/x\">intended to reduce the risk of war</a>.</p>";
        var change = AlertFormatter.SampleChange with { Contexts = new Dictionary<string, string> { ["en"] = summary } };

        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);

        Assert.Contains("Date: 23 August 2025. The Open Skies Treaty allows Russia and western nations to conduct observation flights.\n", html);
        Assert.DoesNotContain("&lt;", html);
        Assert.DoesNotContain("election", html);
        Assert.DoesNotContain("example.org", html);
    }

    [Theory]
    [InlineData("US", null, "📥 <b>The United States took the formal decision on accession to", "📥 <b>США приняли официальное решение о присоединении к")]
    [InlineData("US", "law_signed", "📥 <b>The United States took the formal decision on accession to", "📥 <b>США приняли официальное решение о присоединении к")]
    [InlineData("RU", null, "📥 <b>The President of Russia signed the law on accession to", "📥 <b>Президент России подписал закон о присоединении к")]
    public void Only_Russia_s_enacting_step_is_a_law_the_president_signs(string state, string? step, string english, string russian)
    {
        // Outside Russia the enacting act may be an executive order or a decree: the post names the state and a neutral act.
        var enacted = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Enacted };
        var change = AlertFormatter.SampleChange with
        {
            States = [state], Action = TreatyAction.Accession, Milestone = TreatyMilestone.Enacted, Step = step, Sources = [enacted], Contexts = null,
        };

        Assert.StartsWith(english, RepositoryTemplates.Formatter().Format(change, English).Parts[0]);
        Assert.StartsWith(russian, RepositoryTemplates.Formatter().Format(change, Russian).Parts[0]);
    }

    [Fact]
    public void Entities_in_a_summary_are_decoded_once_not_shown()
    {
        var change = AlertFormatter.SampleChange with { Contexts = new Dictionary<string, string> { ["en"] = "<p>The &quot;treaty&quot; &amp; its protocol</p>" } };

        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);

        Assert.Contains("Date: 23 August 2025. The &quot;treaty&quot; &amp; its protocol.", html);
    }

    [Theory]
    [InlineData("https://www.theguardian.com/world/2020/jul/26/x", "en", "The Guardian")]
    [InlineData("https://txt.newsru.co.il/world/22nov2020/treaty_511.html", "ru", "NEWSru.co.il")]
    [InlineData("https://rg.ru/amp/2021/06/16/x.html", "ru", "Российская газета")]
    [InlineData("http://m.21.by/other-news/2019/08/02/1852528.html", "en", "21.by")]
    [InlineData("https://amp.example-outlet.ru/news/1", "en", "Example-outlet.ru")]
    [InlineData("https://xn--80afdeock1adavfjdp2e8d.xn--p1ai/news/1", "ru", "Городскиестраницы.рф")]
    public void An_outlet_is_named_not_shown_as_a_bare_host(string link, string language, string expected)
    {
        Assert.Equal(expected, OutletNames.For(link, language, "fallback"));
    }

    [Fact]
    public void Outlets_named_by_their_site_stay_one_outlet_across_mobile_copies()
    {
        Assert.Equal(OutletNames.Outlet("https://m.21.by/a"), OutletNames.Outlet("https://21.by/b"));
        Assert.Equal(OutletNames.Outlet("https://txt.newsru.co.il/a"), OutletNames.Outlet("https://newsru.co.il/b"));
    }

    [Fact]
    public void English_state_names_take_their_article_inside_and_at_the_start_of_a_sentence()
    {
        var effective = AlertFormatter.SampleChange.Sources[1] with { Reports = TreatyMilestone.Effective };
        var left = AlertFormatter.SampleChange with { States = ["US"], Milestone = TreatyMilestone.Effective, Step = "in_effect", Sources = [effective], Contexts = null };
        var proposed = AlertFormatter.SampleChange with { States = ["GB"], Contexts = null };

        var leftHtml = RepositoryTemplates.Formatter().Format(left, English).Parts[0];
        var proposedHtml = RepositoryTemplates.Formatter().Format(proposed, English).Parts[0];

        Assert.StartsWith("📤 <b>The United States withdrew from the European Convention", leftHtml);
        Assert.StartsWith("📤 <b>The government of the United Kingdom proposed withdrawal", proposedHtml);
        Assert.Equal("Finland", StateNames.InSentence("FI", "en"));
        Assert.Equal("the Netherlands", StateNames.InSentence("NL", "en"));
        Assert.Equal("США", StateNames.InSentence("US", "ru"));
    }

    [Fact]
    public void An_announced_withdrawal_from_a_council_of_europe_treaty_names_the_secretary_general_next()
    {
        var change = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Announced, Step = null, Contexts = null };

        var english = RepositoryTemplates.Formatter().Format(change, English).Parts[0];
        var russian = RepositoryTemplates.Formatter().Format(change, Russian).Parts[0];

        Assert.Contains("Next: notification to the Secretary General of the Council of Europe.", english);
        Assert.Contains("Далее: уведомление Генерального секретаря Совета Европы.", russian);
    }

    [Fact]
    public void A_group_of_council_of_europe_treaties_is_left_by_notifying_its_secretary_general()
    {
        var names = new TreatyNameTable()
            .Add("coe-treaties", "en", new TreatyName("Council of Europe treaties") { System = "group" })
            .Add("coe-treaties", "ru", new TreatyName("Международные договоры Совета Европы") { System = "group" });
        var law = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Enacted };
        var change = AlertFormatter.SampleChange with { Treaty = new TreatyRef("coe-treaties", "Council of Europe treaties"), Milestone = TreatyMilestone.Enacted, Step = "law_signed", Sources = [law], Contexts = null };

        var english = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];

        Assert.Contains("Next: notification to the Secretary General of the Council of Europe.", english);
    }

    [Fact]
    public void A_withdrawal_names_the_treaty_s_own_notice_period_but_not_a_typical_one_for_its_series()
    {
        var names = new TreatyNameTable()
            .Add("un:paris", "en", new TreatyName("Paris Agreement") { System = "un", DenunciationEffect = "withdrawal one year after notification (Article 28)" })
            .Add("un:paris", "ru", new TreatyName("Парижское соглашение") { System = "un", DenunciationEffect = "withdrawal one year after notification (Article 28)" })
            .Add("coe:210", "en", new TreatyName("Istanbul Convention") { System = "coe", DenunciationEffect = "typical CoE final clause: effective on the first day of the month following the expiration of a period after receipt of the notification (six months in most conventions, twelve in some); check the treaty's denunciation article" });
        var announced = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Announced, Step = null, Contexts = null, States = ["US"] };

        var paris = RepositoryTemplates.Formatter(names).Format(announced with { Treaty = new TreatyRef("un:paris", "Paris Agreement") }, English).Parts[0];
        var parisRu = RepositoryTemplates.Formatter(names).Format(announced with { Treaty = new TreatyRef("un:paris", "Paris Agreement") }, Russian).Parts[0];
        var istanbul = RepositoryTemplates.Formatter(names).Format(announced with { Treaty = new TreatyRef("coe:210", "Istanbul Convention") }, English).Parts[0];

        Assert.Contains("Next: notification to the UN Secretary-General; the withdrawal takes effect 1 year later.", paris);
        Assert.Contains("Далее: уведомление Генерального секретаря ООН; выход вступит в силу через 1 год.", parisRu);
        Assert.Contains("Next: notification to the Secretary General of the Council of Europe.", istanbul);
    }

    [Fact]
    public void A_group_of_treaties_is_named_in_the_plural_in_russian()
    {
        var names = new TreatyNameTable()
            .Add("coe-treaties", "ru", new TreatyName("Международные договоры Совета Европы") { System = "group" });
        var law = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Enacted };
        var change = AlertFormatter.SampleChange with { Treaty = new TreatyRef("coe-treaties", "Council of Europe treaties"), Milestone = TreatyMilestone.Enacted, Step = "law_signed", Sources = [law], Contexts = null };

        var russian = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith("📤 <b>Президент России подписал закон о выходе из договоров «Международные договоры Совета Европы»</b>", russian);
    }

    [Fact]
    public void Russia_announcing_a_step_on_a_treaty_outside_the_council_of_europe_is_followed_by_the_president_s_bill()
    {
        var names = new TreatyNameTable()
            .Add("open-skies", "en", new TreatyName("Treaty on Open Skies") { System = "multilateral" });
        var change = AlertFormatter.SampleChange with { Treaty = new TreatyRef("open-skies", "Treaty on Open Skies"), Milestone = TreatyMilestone.Announced, Step = null, Contexts = null };

        var english = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var elsewhere = RepositoryTemplates.Formatter(names).Format(change with { States = ["US"] }, English).Parts[0];

        Assert.Contains("Next: the President submits the bill to the State Duma.", english);
        Assert.DoesNotContain("Next:", elsewhere);
    }
    [Theory]
    [InlineData("FI", TreatyAction.Accession, "📥 <b>Finland is set to accede to the North Atlantic Treaty</b>", "📥 <b>Финляндия должна присоединиться к договору «Североатлантический договор»</b>")]
    [InlineData("US", TreatyAction.Withdrawal, "📤 <b>The United States is set to withdraw from the North Atlantic Treaty</b>", "📤 <b>США должны выйти из договора «Североатлантический договор»</b>")]
    public void A_scheduled_step_is_set_to_happen_not_an_announced_plan(string state, TreatyAction action, string english, string russian)
    {
        // "Finland set to join NATO" reports a step fixed for a day, not a plan the state announced.
        var names = new TreatyNameTable()
            .Add("north-atlantic-treaty", "en", new TreatyName("North Atlantic Treaty") { System = "multilateral" })
            .Add("north-atlantic-treaty", "ru", new TreatyName("Североатлантический договор") { System = "multilateral" });
        var reported = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Announced };
        var change = AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef("north-atlantic-treaty", "North Atlantic Treaty"), Action = action, States = [state],
            Milestone = TreatyMilestone.Announced, Step = ProcedureSteps.Scheduled, Sources = [reported], Contexts = null,
        };

        var formatter = RepositoryTemplates.Formatter(names);
        var en = formatter.Format(change, English).Parts[0];
        var ru = formatter.Format(change, Russian).Parts[0];

        Assert.StartsWith(english, en);
        Assert.StartsWith(russian, ru);
        Assert.DoesNotContain("announced plans", en);
        Assert.DoesNotContain("о намерении", ru);
        // Without the step the same stage is the state's announced plan.
        Assert.Contains("announced plans for", formatter.Format(change with { Step = null }, English).Parts[0]);
    }

    [Fact]
    public void Several_states_set_to_take_a_step_agree_in_the_plural()
    {
        var names = new TreatyNameTable()
            .Add("north-atlantic-treaty", "en", new TreatyName("North Atlantic Treaty") { System = "multilateral" })
            .Add("north-atlantic-treaty", "ru", new TreatyName("Североатлантический договор") { System = "multilateral" });
        var reported = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Announced };
        var change = AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef("north-atlantic-treaty", "North Atlantic Treaty"), Action = TreatyAction.Accession, States = ["SE", "FI"],
            Milestone = TreatyMilestone.Announced, Step = ProcedureSteps.Scheduled, Sources = [reported], Contexts = null,
        };

        var formatter = RepositoryTemplates.Formatter(names);

        Assert.StartsWith("📥 <b>Sweden and Finland are set to accede to the North Atlantic Treaty</b>", formatter.Format(change, English).Parts[0]);
        Assert.StartsWith("📥 <b>Швеция и Финляндия должны присоединиться к договору «Североатлантический договор»</b>", formatter.Format(change, Russian).Parts[0]);
    }
}
