using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

public class AlertFormatterTests
{
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru" };

    [Fact]
    public void Seed_story_in_english_says_the_government_proposed_it_on_the_decree_date_with_the_decree_first()
    {
        var alert = RepositoryTemplates.Formatter().Format(AlertFormatter.SampleChange, English);

        var html = Assert.Single(alert.Parts);
        Assert.Null(alert.TemplateProblem);
        Assert.Equal(
            "📤 <b>The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture (ETS 126)</b>\n"
            + "Date: 23 August 2025. Prime Minister Mikhail Mishustin signed a decree proposing that President Vladimir Putin submit the withdrawal from the European Convention for the Prevention of Torture to the State Duma.\n"
            + "The treaty was opened for signature on 26 November 1987.\n"
            + "Next: the President submits the bill to the State Duma.\n"
            + "\n"
            + "Sources: <a href=\"http://government.ru/docs/all/160982/\">Government of Russia</a> (official) · "
            + "<a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a>\n"
            + "#Russia #CPT #withdrawal",
            html);
        PostRules.AssertFollowed(html, "en", AlertFormatter.SampleChange);
    }

    [Fact]
    public void Seed_story_in_russian_is_composed_in_russian_with_the_name_in_the_nominative()
    {
        var html = Assert.Single(RepositoryTemplates.Formatter().Format(AlertFormatter.SampleChange, Russian).Parts);

        Assert.Equal(
            "📤 <b>Правительство России предложило выйти из конвенции «Европейская конвенция по предупреждению пыток» (СЕД № 126)</b>\n"
            + "Дата: 23 августа 2025 г.\n"
            + "Конвенция открыта для подписания 26 ноября 1987 г.\n"
            + "Далее: внесение законопроекта Президентом в Госдуму.\n"
            + "\n"
            + "Источники: <a href=\"http://government.ru/docs/all/160982/\">Правительство России</a> (официальный) · "
            + "<a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a>\n"
            + "#Россия #ЕКПП #выход",
            html);
        PostRules.AssertFollowed(html, "ru", AlertFormatter.SampleChange);
    }

    [Fact]
    public void A_name_known_only_in_another_language_is_not_quoted_and_the_tag_is_in_the_channel_script()
    {
        var russian = Assert.Single(RepositoryTemplates.Formatter(TreatyNameTable.Empty).Format(AlertFormatter.SampleChange, Russian).Parts);
        var english = Assert.Single(RepositoryTemplates.Formatter(TreatyNameTable.Empty).Format(AlertFormatter.SampleChange, English).Parts);

        Assert.StartsWith("📤 <b>Правительство России предложило выйти из конвенции (СЕД № 126)</b>", russian);
        Assert.EndsWith("#Россия #СЕД126 #выход", russian);
        Assert.StartsWith("📤 <b>The government of Russia proposed withdrawal from the European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment (ETS 126)</b>", english);
        PostRules.AssertFollowed(russian, "ru", AlertFormatter.SampleChange);
    }

    [Theory]
    [InlineData(TreatyAction.Ratification, TreatyMilestone.Enacted, null, "📥 <b>The President of Russia signed the law on ratification of the")]
    [InlineData(TreatyAction.Accession, TreatyMilestone.Proposed, null, "📥 <b>The government of Russia proposed accession to the")]
    [InlineData(TreatyAction.Signature, TreatyMilestone.Effective, null, "✍️ <b>Russia signed the")]
    [InlineData(TreatyAction.EntryIntoForce, TreatyMilestone.Effective, null, "⚖️ <b>The European Convention")]
    [InlineData(TreatyAction.Suspension, TreatyMilestone.Enacted, "law_signed", "⏸ <b>The President of Russia signed the law on suspension of the")]
    [InlineData(TreatyAction.Deratification, TreatyMilestone.Legislative, "duma_reading_1", "📤 <b>Russia's State Duma passed a bill on revoking the ratification of the")]
    [InlineData(TreatyAction.Withdrawal, TreatyMilestone.Legislative, "federation_council", "📤 <b>Russia's Federation Council approved the law on withdrawal from the")]
    public void First_line_names_who_took_which_step_in_the_past_tense(TreatyAction action, TreatyMilestone stage, string? step, string start)
    {
        var change = AlertFormatter.SampleChange with { Action = action, Milestone = stage, Step = step, Contexts = null };

        var html = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.StartsWith(start, html);
    }

    [Theory]
    [InlineData("law_signed", TreatyMilestone.Enacted, "📤 <b>Президент России подписал закон о выходе из конвенции «")]
    [InlineData("duma_adopted", TreatyMilestone.Legislative, "📤 <b>Госдума приняла закон о выходе из конвенции «")]
    [InlineData("federation_council", TreatyMilestone.Legislative, "📤 <b>Совет Федерации одобрил закон о выходе из конвенции «")]
    [InlineData("in_effect", TreatyMilestone.Effective, "📤 <b>Россия вышла из конвенции «")]
    public void Russian_headlines_agree_with_their_subject(string step, TreatyMilestone stage, string start)
    {
        var official = AlertFormatter.SampleChange.Sources[1] with { Reports = stage };
        var change = AlertFormatter.SampleChange with { Milestone = stage, Step = step, Sources = [official] };

        var html = RepositoryTemplates.Formatter().Format(change, Russian).Parts[0];

        Assert.StartsWith(start, html);
        PostRules.AssertFollowed(html, "ru", change);
    }

    [Fact]
    public void Two_states_signing_a_bilateral_treaty_agree_in_the_plural_and_the_next_step_is_ratification()
    {
        var names = new TreatyNameTable().Add("ru-kp-partnership-2024", "ru", "Договор о всеобъемлющем стратегическом партнерстве между Российской Федерацией и Корейской Народно-Демократической Республикой");
        var change = AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef("ru-kp-partnership-2024", "Treaty on Comprehensive Strategic Partnership"),
            Action = TreatyAction.Signature,
            States = ["RU", "KP"],
            Milestone = TreatyMilestone.Unknown,
            Step = null,
        };

        var html = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith("✍️ <b>Россия и КНДР подписали договор «Договор о всеобъемлющем стратегическом партнерстве", html);
    }

    [Fact]
    public void A_stage_only_one_outlet_claims_is_attributed_to_it()
    {
        var report = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Effective };
        var change = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Effective, Step = "in_effect", Level = SourceLevel.Media, Sources = [report], Contexts = null };

        var english = RepositoryTemplates.Formatter().Format(change, English).Parts[0];
        var russian = RepositoryTemplates.Formatter().Format(change, Russian).Parts[0];

        Assert.StartsWith("📤 <b>Russia withdrew from the European Convention for the Prevention of Torture (ETS 126)</b>, <a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a> reports; no official confirmation yet", english);
        Assert.Contains("— по сообщению <a href=\"https://www.themoscowtimes.com/", russian);
        PostRules.AssertFollowed(english, "en", change);
        PostRules.AssertFollowed(russian, "ru", change);
    }

    [Fact]
    public void Two_independent_outlets_or_an_official_item_carry_the_claim_themselves()
    {
        var first = AlertFormatter.SampleChange.Sources[0] with { Reports = TreatyMilestone.Effective };
        var second = new SourceRef("tass", "https://tass.com/politics/1", "Russia leaves the convention", first.Published, SourceLevel.Media, "en", TreatyMilestone.Effective);
        var change = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Effective, Step = "in_effect", Level = SourceLevel.Media, Sources = [first, second], Contexts = null };

        var html = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.DoesNotContain("reports; no official", html);
        Assert.Contains(">TASS</a>", html);
    }

    [Fact]
    public void Reports_of_an_earlier_stage_are_not_cited_for_a_later_one()
    {
        var proposal = AlertFormatter.SampleChange.Sources[0];
        var law = AlertFormatter.SampleChange.Sources[1] with { Reports = TreatyMilestone.Enacted };
        var change = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Enacted, Step = "law_signed", Sources = [proposal, law] };

        var html = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.DoesNotContain("themoscowtimes", html);
        Assert.Contains("Next: notification to the Secretary General of the Council of Europe.", html);
    }

    [Fact]
    public void Text_from_sources_is_escaped_and_the_result_is_valid_telegram_html()
    {
        var change = AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef("unknown", "Treaty <b>on</b> \"Trade\" & Cooperation"),
            States = ["RU", "BY"],
            Contexts = new Dictionary<string, string> { ["en"] = "a <script>alert(1)</script> & \"quoted\" summary" },
            Sources = [new SourceRef("x", "https://example.org/a?b=1&c=\"2\"", "t", null, SourceLevel.Media)],
        };

        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);

        Assert.True(TelegramHtml.IsValid(html, out var error), error);
        Assert.Contains("Russia and Belarus proposed withdrawal from the Treaty &lt;b&gt;on&lt;/b&gt; &quot;Trade&quot; &amp; Cooperation</b>", html);
        // A summary's markup is not the outlet's text: tags go, the rest is escaped.
        Assert.Contains("a alert(1) &amp; &quot;quoted&quot; summary", html);
        Assert.DoesNotContain("script", html);
        Assert.Contains("href=\"https://example.org/a?b=1&amp;c=%222%22\"", html);
        Assert.DoesNotContain("unknown", html);
        Assert.EndsWith("#Russia #Belarus #withdrawal", html);
    }

    [Fact]
    public void Links_that_are_not_http_are_not_made_links()
    {
        var change = AlertFormatter.SampleChange with
        {
            Sources = [new SourceRef("evil", "javascript:alert(1)", "t", null, SourceLevel.Official)],
        };

        var html = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.DoesNotContain("javascript", html);
        Assert.Contains("Source: evil (official)", html);
    }

    [Fact]
    public void Update_reply_names_the_new_step_its_date_and_what_comes_next()
    {
        var change = AlertFormatter.SampleChange with { Revision = 3, Milestone = TreatyMilestone.Legislative, Step = "duma_reading_1", StepDate = new DateOnly(2025, 9, 16), Contexts = null };

        var html = Assert.Single(RepositoryTemplates.Formatter().FormatUpdate(change, TreatyMilestone.Proposed, English).Parts);

        Assert.Equal(
            "📤 <b>Update: Russia's State Duma passed a bill on withdrawal from the European Convention for the Prevention of Torture (ETS 126) in the first reading</b>\n"
            + "Date: 16 September 2025.\n"
            + "Next: the State Duma's final reading, then the Federation Council.",
            html);
    }

    [Fact]
    public void A_context_in_another_language_is_never_quoted()
    {
        var change = AlertFormatter.SampleChange with { Contexts = new Dictionary<string, string> { ["ru"] = "Правительство одобрило и представило Президенту предложение о денонсации конвенции." } };

        var english = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);
        var russian = Assert.Single(RepositoryTemplates.Formatter().Format(change, Russian).Parts);

        Assert.DoesNotContain("Правительство одобрило", english);
        Assert.Contains("Дата: 23 августа 2025 г. Правительство одобрило и представило Президенту предложение о денонсации конвенции.", russian);
    }

    [Fact]
    public void A_notified_withdrawal_names_the_day_it_takes_effect()
    {
        var notified = AlertFormatter.SampleChange.Sources[1] with { Reports = TreatyMilestone.Notified };
        var change = AlertFormatter.SampleChange with { Milestone = TreatyMilestone.Notified, Step = "depositary_notified", EffectiveDate = new DateOnly(2026, 11, 1), Sources = [notified], Contexts = null };

        var html = RepositoryTemplates.Formatter().Format(change, Russian).Parts[0];

        Assert.Contains("Далее: выход вступит в силу 1 ноября 2026 г.", html);
    }

    [Fact]
    public void Long_context_is_shortened_to_one_line()
    {
        var change = AlertFormatter.SampleChange with { Contexts = new Dictionary<string, string> { ["en"] = string.Join(" ", Enumerable.Repeat("word", 400)) } };

        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);

        Assert.Contains("word…", html);
        Assert.True(TelegramHtml.VisibleLength(html) < 1000);
    }

    [Fact]
    public void Shipped_templates_validate()
    {
        RepositoryTemplates.Formatter().ValidateTemplates([English, Russian]);
    }

    [Fact]
    public void A_broken_template_is_reported_at_validation_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("alerts-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "en.liquid"), "{{ marker }} <b>{{ treaty.name }}</b>");
            File.WriteAllText(Path.Combine(dir, "unclosed.liquid"), "{% if is_update %}never closed");
            File.WriteAllText(Path.Combine(dir, "badhtml.liquid"), "{{ marker }} <br> {{ treaty.name }}");
            File.WriteAllText(Path.Combine(dir, "typo.liquid"), "{{ marker }} {{ treaty.nmae }}");
            var formatter = new AlertFormatter(new AlertTemplates(dir));
            formatter.ValidateTemplates([English]);

            var ex = Assert.Throws<AlertTemplateException>(() => formatter.ValidateTemplates(
            [
                English,
                new ChannelDefinition { Id = "a", ChatId = "1", Template = "unclosed" },
                new ChannelDefinition { Id = "b", ChatId = "2", Template = "badhtml" },
                new ChannelDefinition { Id = "c", ChatId = "3", Template = "typo" },
                new ChannelDefinition { Id = "d", ChatId = "4", Template = "missing" },
            ]));

            Assert.Contains("unclosed.liquid", ex.Message);
            Assert.Contains("badhtml.liquid", ex.Message);
            Assert.Contains("typo.liquid", ex.Message);
            Assert.Contains("missing.liquid", ex.Message);
            Assert.DoesNotContain("en.liquid", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_template_rendering_invalid_html_at_runtime_falls_back_to_plain_text()
    {
        var dir = Directory.CreateTempSubdirectory("alerts-templates-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "en.liquid"), "{{ marker }} <b>{{ treaty.name }}</i> a < b");
            var alert = new AlertFormatter(new AlertTemplates(dir)).Format(AlertFormatter.SampleChange, English);

            Assert.NotNull(alert.TemplateProblem);
            Assert.Equal("📤 European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment a &lt; b", Assert.Single(alert.Parts));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
