using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

public class AlertFormatterTests
{
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru" };

    [Fact]
    public void Seed_story_in_english_reads_like_the_ngo_post()
    {
        var alert = RepositoryTemplates.Formatter().Format(AlertFormatter.SampleChange, English);

        var html = Assert.Single(alert.Parts);
        Assert.Null(alert.TemplateProblem);
        Assert.Equal(
            "🔴 <b>Russia moves to withdraw from the European Convention for the Prevention of Torture (ETS 126)</b>\n"
            + "Stage: government proposal — the Prime Minister signed a decree proposing that the President submit the denunciation to the State Duma. Next: a bill in the Duma.\n"
            + "\n"
            + "Sources: <a href=\"http://government.ru/docs/all/159000/\">government.ru</a> (official) · "
            + "<a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90317\">themoscowtimes.com</a> (media)\n"
            + "#Russia #CPT #withdrawal",
            html);
    }

    [Fact]
    public void Seed_story_in_russian_uses_the_russian_name_and_phrases()
    {
        var html = Assert.Single(RepositoryTemplates.Formatter().Format(AlertFormatter.SampleChange, Russian).Parts);

        Assert.StartsWith("🔴 <b>Россия готовит выход из договора «Европейская конвенция по предупреждению пыток» (ETS 126)</b>\nСтадия: предложение правительства", html);
        Assert.Contains("Далее: законопроект в Госдуме.", html);
        Assert.Contains("(официальный)", html);
        Assert.EndsWith("#Россия #ЕКПП #выход", html);
    }

    [Fact]
    public void Unknown_treaty_names_fall_back_to_the_name_in_the_change()
    {
        var html = Assert.Single(RepositoryTemplates.Formatter(TreatyNameTable.Empty).Format(AlertFormatter.SampleChange, Russian).Parts);

        Assert.Contains("«European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment» (ETS 126)", html);
        Assert.EndsWith("#Россия #ETS126 #выход", html);
    }

    [Theory]
    [InlineData(TreatyAction.Ratification, TreatyStage.Enacted, "🟢 <b>Russia ratifies the")]
    [InlineData(TreatyAction.Accession, TreatyStage.Proposed, "🟢 <b>Russia moves to accede to the")]
    [InlineData(TreatyAction.Signature, TreatyStage.Effective, "✍️ <b>Russia signs the")]
    [InlineData(TreatyAction.EntryIntoForce, TreatyStage.Effective, "⚖️ <b>Russia brings into force the")]
    [InlineData(TreatyAction.Suspension, TreatyStage.Enacted, "🔴 <b>Russia suspends the")]
    [InlineData(TreatyAction.Deratification, TreatyStage.Legislative, "🔴 <b>Russia moves to revoke its ratification of the")]
    public void First_line_carries_the_action_marker_and_verb(TreatyAction action, TreatyStage stage, string start)
    {
        var change = AlertFormatter.SampleChange with { Action = action, Stage = stage };

        var html = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.StartsWith(start, html);
    }

    [Fact]
    public void Text_from_sources_is_escaped_and_the_result_is_valid_telegram_html()
    {
        var change = AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef("unknown", "Treaty <b>on</b> \"Trade\" & Cooperation"),
            States = ["RU", "BY"],
            Summary = "a <script>alert(1)</script> & \"quoted\" summary",
            Sources = [new SourceRef("x", "https://example.org/a?b=1&c=\"2\"", "t", null, SourceLevel.Media)],
        };

        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);

        Assert.True(TelegramHtml.IsValid(html, out var error), error);
        Assert.Contains("Russia and Belarus moves to withdraw from the Treaty &lt;b&gt;on&lt;/b&gt; &quot;Trade&quot; &amp; Cooperation</b>", html);
        Assert.Contains("a &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; summary", html);
        Assert.Contains("href=\"https://example.org/a?b=1&amp;c=%222%22\"", html);
        Assert.DoesNotContain("(unknown)", html);
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
        Assert.Contains("Sources: evil (official)", html);
    }

    [Fact]
    public void Update_reply_names_the_new_stage()
    {
        var change = AlertFormatter.SampleChange with { Revision = 2, Stage = TreatyStage.Legislative, Summary = "the Duma passed the bill in the first reading." };

        var html = Assert.Single(RepositoryTemplates.Formatter().FormatUpdate(change, TreatyStage.Proposed, English).Parts);

        Assert.Equal(
            "🔴 <b>Update: Russia moves to withdraw from the European Convention for the Prevention of Torture (ETS 126)</b>\n"
            + "Stage: in parliament — the Duma passed the bill in the first reading. Next: the final vote and the head of state's signature.",
            html);
    }

    [Fact]
    public void A_context_line_without_a_full_stop_gets_one_before_the_next_step()
    {
        var change = AlertFormatter.SampleChange with { Summary = "Распоряжение от 26 августа 2025 года" };
        var html = Assert.Single(RepositoryTemplates.Formatter().Format(change, English).Parts);
        Assert.Contains("Распоряжение от 26 августа 2025 года. Next:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_context_is_shortened_to_one_line()
    {
        var change = AlertFormatter.SampleChange with { Summary = string.Join(" ", Enumerable.Repeat("word", 400)) };

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
            Assert.Equal("🔴 European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment a &lt; b", Assert.Single(alert.Parts));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
