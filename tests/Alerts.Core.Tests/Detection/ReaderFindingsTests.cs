using System.Text.Json;
using Alerts.Core.Detection;
using Alerts.Core.Messages;

namespace Alerts.Core.Tests.Detection;

/// <summary>
/// Detection faults found by reading the posts (issue #12): Russian state names in every form, one catalogue entry per
/// treaty, the more specific instrument, a bilateral treaty known by its parties, the acting state of a Russian act.
/// Sentences written for these tests, not corpus items.
/// </summary>
public class ReaderFindingsTests
{
    [Theory]
    [InlineData("Филиппины ратифицировали конвенцию о правах ребенка", "PH")]
    [InlineData("Власти Филиппин ратифицировали конвенцию о правах ребенка", "PH")]
    [InlineData("Нидерланды вышли из Оттавской конвенции", "NL")]
    [InlineData("Багамы присоединились к Римскому статуту", "BS")]
    [InlineData("Мальдивы ратифицировали Римский статут", "MV")]
    [InlineData("Сейшелы ратифицировали Римский статут", "SC")]
    [InlineData("ОАЭ ратифицировали Парижское соглашение", "AE")]
    [InlineData("Перу ратифицировало Римский статут", "PE")]
    [InlineData("Чили ратифицировало Парижское соглашение", "CL")]
    [InlineData("Конго ратифицировало Парижское соглашение", "CG")]
    [InlineData("Парламент Гвинеи-Бисау ратифицировал Римский статут", "GW")]
    [InlineData("Парламент Шри-Ланки ратифицировал Римский статут", "LK")]
    public void Russian_plural_indeclinable_and_hyphenated_state_names_are_states(string title, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal([state], d.States);
    }

    [Theory]
    [InlineData("Республика Того ратифицировала Римский статут", "TG")]
    [InlineData("Парламент Республики Того ратифицировал Парижское соглашение", "TG")]
    [InlineData("Демократическая Республика Конго ратифицировала Парижское соглашение", "CD")]
    [InlineData("Парламент Демократической Республики Конго ратифицировал Римский статут", "CD")]
    [InlineData("ДР Конго ратифицировала Римский статут", "CD")]
    [InlineData("Республика Конго ратифицировала Парижское соглашение", "CG")]
    [InlineData("Корейская Народно-Демократическая Республика вышла из Договора о нераспространении ядерного оружия", "KP")]
    [InlineData("Республика Корея ратифицировала Парижское соглашение", "KR")]
    [InlineData("Южный Судан ратифицировал Парижское соглашение", "SS")]
    [InlineData("Судан ратифицировал Парижское соглашение", "SD")]
    [InlineData("Папуа — Новая Гвинея ратифицировала Парижское соглашение", "PG")]
    [InlineData("Гвинея ратифицировала Парижское соглашение", "GN")]
    [InlineData("Togo ratifies the Rome Statute", "TG")]
    [InlineData("Democratic Republic of the Congo ratifies the Paris Agreement", "CD")]
    [InlineData("DR Congo ratifies the Rome Statute", "CD")]
    [InlineData("Republic of the Congo ratifies the Paris Agreement", "CG")]
    [InlineData("Democratic People's Republic of Korea withdraws from the Treaty on the Non-Proliferation of Nuclear Weapons", "KP")]
    [InlineData("Republic of Korea ratifies the Paris Agreement", "KR")]
    [InlineData("South Sudan ratifies the Paris Agreement", "SS")]
    [InlineData("Sudan ratifies the Paris Agreement", "SD")]
    [InlineData("Papua New Guinea ratifies the Paris Agreement", "PG")]
    [InlineData("Guinea ratifies the Paris Agreement", "GN")]
    [InlineData("Экваториальная Гвинея ратифицировала Парижское соглашение", "GQ")]
    [InlineData("Congo-Kinshasa ratifies the Rome Statute", "CD")]
    [InlineData("Ireland ratifies the Rome Statute", "IE")]
    [InlineData("Northern Ireland ratifies the Paris Agreement", "GB")]
    public void A_state_whose_name_holds_another_states_name_is_itself_in_both_languages(string title, string state)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal([state], d.States);
        Assert.True(Alerts.Core.Formatting.StateNames.IsKnown(state), $"{state} has no name");
    }

    [Theory]
    [InlineData("Бенин и Того ратифицировали Парижское соглашение", new[] { "BJ", "TG" })]
    [InlineData("Того и Гана ратифицировали Парижское соглашение", new[] { "TG", "GH" })]
    [InlineData("Гана, Того, Бенин ратифицировали Парижское соглашение", new[] { "GH", "TG", "BJ" })]
    [InlineData("Россия после того ратифицировала Парижское соглашение", new[] { "RU" })]
    [InlineData("Кроме того, Россия вышла из Договора по открытому небу", new[] { "RU" })]
    [InlineData("Кроме того, Республика Корея ратифицировала Парижское соглашение", new[] { "KR" })]
    public void Togo_is_a_state_in_a_states_context_and_the_pronoun_elsewhere(string title, string[] states)
    {
        var d = DetectionTestData.Detect(title);
        Assert.NotEmpty(d);
        Assert.Equal(states, d[0].States);
    }

    [Fact]
    public void A_list_with_an_indeclinable_and_a_hyphenated_name_keeps_every_state()
    {
        var d = Assert.Single(DetectionTestData.Detect("Мали, Буркина-Фасо и Нигер объявили о выходе из ЭКОВАС"));
        Assert.Equal(TreatyAction.Withdrawal, d.Action);
        Assert.Equal(["ML", "BF", "NE"], d.States);
    }

    [Fact]
    public void English_and_russian_names_of_one_treaty_give_one_id()
    {
        var en = Assert.Single(DetectionTestData.Detect("Lithuania withdraws from the Convention on Cluster Munitions"));
        var ru = Assert.Single(DetectionTestData.Detect("Литва вышла из Конвенции по кассетным боеприпасам"));
        Assert.Equal(en.Treaty.Id, ru.Treaty.Id);
        Assert.Equal("un:XXVI-6", en.Treaty.Id);
    }

    [Theory]
    [InlineData("Russia and North Korea sign comprehensive strategic partnership treaty", "", TreatyAction.Signature)]
    [InlineData("Russia, North Korea sign mutual defence treaty", "", TreatyAction.Signature)]
    [InlineData("Путин подписал закон о ратификации договора с КНДР", "", TreatyAction.Ratification)]
    public void An_unnamed_treaty_between_the_parties_of_a_catalogue_treaty_is_that_treaty(string title, string summary, TreatyAction action)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal("ru-kp-partnership-2024", d.Treaty.Id);
        Assert.Equal(action, d.Action);
        Assert.Contains("RU", d.States);
    }

    [Theory]
    [InlineData("Russia and North Korea sign visa agreement")] // other words than the catalogue treaty's names
    [InlineData("Russia and Iran sign comprehensive strategic partnership treaty")] // other parties
    [InlineData("Russia and the United States sign treaty")] // several catalogue treaties between them
    public void An_unnamed_treaty_that_does_not_fit_one_catalogue_treaty_stays_unknown(string title)
    {
        Assert.All(DetectionTestData.Detect(title), d => Assert.Equal(TreatyRef.UnknownId, d.Treaty.Id));
    }

    [Theory]
    [InlineData("Распоряжение о подписании Договора о всеобъемлющем стратегическом партнерстве с КНДР", "")]
    [InlineData("Подписан закон о ратификации Договора о всеобъемлющем стратегическом партнерстве между Российской Федерацией и КНДР", "Договор был подписан в Пхеньяне.")]
    [InlineData("Federal Law on ratification of the comprehensive strategic partnership treaty with North Korea", "")]
    public void A_russian_act_is_russias_whatever_other_state_it_names(string title, string summary)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal("ru-kp-partnership-2024", d.Treaty.Id);
        Assert.Equal("RU", d.States[0]);
    }

    [Theory]
    [InlineData("US withdraws from Optional Protocol to the Vienna Convention on Diplomatic Relations", "Optional Protocol to the Vienna Convention on Diplomatic Relations")]
    [InlineData("Poland ratifies amendment to the Rome Statute", "amendment to the Rome Statute")]
    public void An_instrument_of_a_named_treaty_is_not_that_treaty(string title, string name)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(TreatyRef.UnknownId, d.Treaty.Id);
        Assert.Equal(name, d.Treaty.Name);
    }

    [Fact]
    public void An_instrument_named_in_full_is_its_catalogue_entry()
    {
        var d = Assert.Single(DetectionTestData.Detect("US withdraws from Optional Protocol to the Vienna Convention on Diplomatic Relations concerning the Compulsory Settlement of Disputes"));
        Assert.Equal("un:III-5", d.Treaty.Id);
    }

    /// <summary>
    /// No treaty twice in the catalogue: no two entries share a depositary reference, and two entries share a normalised
    /// English or Russian name only when both are a depositary's own records of distinct instruments (the UN lists the 1925
    /// Opium Convention and its 1946 amended version under one title).
    /// </summary>
    [Fact]
    public void No_two_catalogue_entries_are_the_same_treaty()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(DetectionTestData.CataloguePath));
        var entries = doc.RootElement.GetProperty("treaties").EnumerateArray().Select(t => new
        {
            Id = t.GetProperty("id").GetString()!,
            Reference = t.TryGetProperty("reference", out var r) ? t.GetProperty("system").GetString() + ":" + r.GetString() : null,
            En = Key(t.GetProperty("names").GetProperty("en").GetString()),
            Ru = t.GetProperty("names").TryGetProperty("ru", out var ru) ? Key(ru.GetString()) : "",
        }).ToList();
        Assert.True(entries.Count > 400);
        var sharedReference = entries.Where(e => e.Reference is not null).GroupBy(e => e.Reference).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(sharedReference);
        static bool Depositary(string id) => id.StartsWith("un:", StringComparison.Ordinal) || id.StartsWith("coe:", StringComparison.Ordinal);
        foreach (var byName in new[] { entries.GroupBy(e => e.En), entries.Where(e => e.Ru.Length > 0).GroupBy(e => e.Ru) })
        {
            foreach (var group in byName.Where(g => g.Count() > 1))
            {
                Assert.True(group.All(e => Depositary(e.Id) && e.Reference is not null), $"one treaty, several entries: {string.Join(", ", group.Select(e => e.Id))}");
            }
        }
    }

    // The words of a name as the detector compares them: normalised, stop words dropped, stems.
    private static string Key(string? name)
    {
        var normalized = TextNormalizer.Normalize(name ?? "", out var cased);
        return string.Join(' ', TextTokens.Tokenize(normalized, cased).Where(t => !t.IsStop).Select(t => t.Stem));
    }
}
