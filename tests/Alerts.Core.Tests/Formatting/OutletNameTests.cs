using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

/// <summary>An outlet outside the name table is named by its source (configured name, else its feed's title), not its host.</summary>
public class OutletNameTests
{
    private static readonly ChannelDefinition English = new() { Id = "en", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru", ChatId = "-1002", Language = "ru" };

    [Theory]
    [InlineData(null, "The Daily Example - World News", "The Daily Example")]
    [InlineData(null, "NYT > World News", "NYT")]
    [InlineData(null, "Lenta.ru : Новости", "Lenta.ru")]
    [InlineData(null, "Новости — Городские страницы", "Городские страницы")]
    [InlineData(null, "  The\tDaily\u200B Example ", "The Daily Example")]
    [InlineData("Daily Example Weekly", "The Daily Example - World", "Daily Example Weekly")]
    [InlineData(null, "News", null)]
    [InlineData(null, "https://dailyexample.org/rss", null)]
    [InlineData(null, "", null)]
    [InlineData(null, null, null)]
    public void A_source_is_named_by_its_configured_name_else_the_outlet_part_of_its_feeds_title(string? configured, string? feedTitle, string? expected)
        => Assert.Equal(expected, OutletNames.OfSource(configured, feedTitle));

    [Fact]
    public void A_feed_title_longer_than_a_name_is_no_name()
        => Assert.Null(OutletNames.OfSource(null, new string('x', OutletNames.MaxLength + 1)));

    [Theory]
    [InlineData("https://dailyexample.org/a", "The Daily Example", "en", "The Daily Example")]
    [InlineData("https://dailyexample.org/a", "The Daily Example", "ru", "The Daily Example")]
    [InlineData("https://gorod.example/a", "Городские страницы", "ru", "Городские страницы")]
    [InlineData("https://gorod.example/a", "Городские страницы", "en", "Gorodskie stranitsy")]
    [InlineData("https://www.themoscowtimes.com/a", "TMT feed", "en", "The Moscow Times")]
    [InlineData("https://tass.ru/a", "ТАСС: Главное", "ru", "ТАСС")]
    [InlineData("https://dailyexample.org/a", null, "en", "Dailyexample.org")]
    // A language edition is the same outlet (session 8: Latvia's LSM was "Eng.lsm.lv").
    [InlineData("https://eng.lsm.lv/article/a", null, "en", "Lsm.lv")]
    [InlineData("https://ru.euronews.com/a", null, "ru", "Euronews")]
    public void The_name_table_comes_first_then_the_sources_own_name_in_the_channels_script_then_the_site(string link, string? outlet, string language, string expected)
    {
        var source = new SourceRef("daily", link, "t", null, SourceLevel.Media, "en", Outlet: outlet);
        Assert.Equal(expected, OutletNames.For(source, language));
    }

    [Fact]
    public void A_post_lists_the_outlet_by_its_name_in_both_languages()
    {
        var story = new SourceRef("daily", "https://dailyexample.org/2025/08/26/quit", "Russia to Quit Europe's Anti-Torture Convention",
            new DateTimeOffset(2025, 8, 26, 10, 14, 0, TimeSpan.Zero), SourceLevel.Media, "en", TreatyMilestone.Proposed, "The Daily Example");
        var change = AlertFormatter.SampleChange with { Sources = [story] };
        var formatter = RepositoryTemplates.Formatter();

        var en = string.Concat(formatter.Format(change, English).Parts);
        var ru = string.Concat(formatter.Format(change, Russian).Parts);

        Assert.Contains(">The Daily Example</a>", en, StringComparison.Ordinal);
        Assert.Contains(">The Daily Example</a>", ru, StringComparison.Ordinal);
        Assert.DoesNotContain(">Dailyexample.org</a>", en, StringComparison.Ordinal);
    }
}
