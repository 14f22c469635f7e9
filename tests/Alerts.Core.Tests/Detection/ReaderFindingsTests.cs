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
