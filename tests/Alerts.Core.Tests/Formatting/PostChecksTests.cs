using Alerts.Core.Formatting;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Formatting;

/// <summary>The structural checks find what they are for: each rule broken once, on a hand-written post.</summary>
public class PostChecksTests
{
    private static readonly TreatyChange Seed = AlertFormatter.SampleChange;

    [Fact]
    public void A_russian_post_quoting_english_outside_a_link_is_mixed()
    {
        const string html = "<b>Правительство России предложило выйти</b>\nДата: 23 августа 2025 г. Prime Minister signed a decree.\n<a href=\"http://government.ru/docs/all/160982/\">Правительство России</a>";

        Assert.Contains(PostChecks.Check(html, "ru", Seed), p => p.StartsWith(PostChecks.MixedLanguage, StringComparison.Ordinal));
    }

    [Fact]
    public void Latin_link_texts_in_a_russian_post_are_allowed()
    {
        const string html = "<b>Правительство России предложило выйти</b>\nДата: 23 августа 2025 г.\n<a href=\"http://government.ru/docs/all/160982/\">Правительство России</a> · <a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a>";

        Assert.Empty(PostChecks.Check(html, "ru", Seed));
    }

    [Fact]
    public void A_news_link_before_the_decree_and_a_missing_date_are_reported()
    {
        const string html = "<b>The government of Russia proposed withdrawal</b>\n<a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a> · <a href=\"http://government.ru/docs/all/160982/\">Government of Russia</a>";

        var problems = PostChecks.Check(html, "en", Seed);

        Assert.Contains(problems, p => p.StartsWith(PostChecks.OfficialNotFirst, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(PostChecks.NoDate, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stage_no_cited_item_states_is_unsupported()
    {
        var change = Seed with { Milestone = TreatyMilestone.Effective, Sources = [Seed.Sources[0]] };
        const string html = "<b>Russia withdrew</b>\nDate: 23 August 2025.\n<a href=\"https://www.themoscowtimes.com/2025/08/26/russia-to-quit-europes-anti-torture-convention-a90280\">The Moscow Times</a>";

        Assert.Contains(PostChecks.Check(html, "en", change), p => p.StartsWith(PostChecks.Unsupported, StringComparison.Ordinal));
    }
}
