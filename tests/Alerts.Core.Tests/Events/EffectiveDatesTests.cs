using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Tests.Detection;

namespace Alerts.Core.Tests.Events;

public sealed class EffectiveDatesTests
{
    private static readonly DateOnly Published = new(2025, 10, 3);

    [Theory]
    [InlineData("Денонсация конвенции вступает в силу с 1 января 2027 года", "2027-01-01")]
    [InlineData("Россия перестанет быть участником конвенции с 1 марта", "2026-03-01")]
    [InlineData("Russia's withdrawal from the convention takes effect on March 1, 2026", "2026-03-01")]
    [InlineData("The denunciation will take effect on 1 January 2027.", "2027-01-01")]
    [InlineData("Russia will cease to be a party to the treaty on 16.03.2026", "2026-03-16")]
    [InlineData("С 1 мая 2026 г. выход России из соглашения вступит в силу", "2026-05-01")]
    [InlineData("Russia's exit becomes effective from 2026-02-01", "2026-02-01")]
    public void Stated_dates_are_read(string text, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), EffectiveDates.FromText(text, "", Published));
    }

    [Theory]
    [InlineData("Федеральный закон вступает в силу со дня его официального опубликования")]
    [InlineData("Закон о денонсации вступает в силу с 1 января 2026 года")]
    [InlineData("The law takes effect on 1 January 2026")]
    [InlineData("Путин подписал закон 29 сентября. Денонсация вступит в силу позже")]
    [InlineData("Russia withdrew from the convention")]
    public void Dates_of_the_law_or_without_an_effect_cue_are_not_taken(string text)
    {
        Assert.Null(EffectiveDates.FromText(text, "", Published));
    }

    [Fact]
    public void A_date_without_a_year_is_the_next_such_day()
    {
        Assert.Equal(new DateOnly(2026, 3, 1), EffectiveDates.FromText("", "Денонсация вступит в силу 1 марта", Published));
        Assert.Equal(new DateOnly(2025, 12, 1), EffectiveDates.FromText("", "Денонсация вступит в силу 1 декабря", Published));
    }

    [Theory]
    // The catalogue's typical Council of Europe clause: first day of the month after six months.
    [InlineData("typical CoE final clause: effective on the first day of the month following the expiration of a period after receipt of the notification (six months in most conventions, twelve in some); check the treaty's denunciation article", "2026-05-01")]
    [InlineData("withdrawal 150 days after notice (Article XIX(2))", "2026-03-02")]
    [InlineData("withdrawal six months after notice (Article XV(2))", "2026-04-03")]
    [InlineData("withdrawal one year after notification (Article 28)", "2026-10-03")]
    [InlineData("denunciation after five years as a party, on six months' notice (Article 58)", "2026-04-03")]
    public void Notice_periods_from_the_catalogue(string effect, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), EffectiveDates.FromNoticePeriod(effect, Published));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("withdrawal at the end of the financial year if notified in its first nine months, otherwise at the end of the next financial year (Article 7)")]
    public void No_period_no_date(string? effect)
    {
        Assert.Null(EffectiveDates.FromNoticePeriod(effect, Published));
    }
    [Theory]
    // The withdrawal clauses the UN index does not give, kept in tools/CatalogBuilder/manual-treaties.json with their
    // article: Hungary notified the Rome Statute's depositary on 2 June 2025 and left on 2 June 2026 (Article 127).
    [InlineData("un:XVIII-10", "2025-06-02", "2026-06-02")]
    [InlineData("un:XXVI-8", "2025-01-01", "2025-04-01")]
    [InlineData("un:XXVI-3", "2025-01-01", "2025-04-01")]
    [InlineData("un:XXVI-4", "2025-01-01", "2025-07-01")]
    [InlineData("un:V-2", "2025-01-01", "2026-01-01")]
    public void The_shipped_catalogue_gives_the_notice_period_of_much_reported_UN_treaties(string id, string notified, string effective)
    {
        var entry = TreatyCatalog.Load(DetectionTestData.CataloguePath).Find(id);
        Assert.NotNull(entry);
        Assert.Equal(DateOnly.Parse(effective, System.Globalization.CultureInfo.InvariantCulture),
            EffectiveDates.FromNoticePeriod(entry.DenunciationEffect, DateOnly.Parse(notified, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
