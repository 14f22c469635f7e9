using Alerts.Core.Detection;

namespace Alerts.Core.Tests.Detection;

public class TreatyCatalogTests
{
    private static TreatyCatalog Catalog => DetectionTestData.Detector.Catalog;

    [Fact]
    public void Every_council_of_europe_treaty_of_the_source_list_is_in_the_catalogue_with_english_and_russian_titles()
    {
        var lines = File.ReadAllLines(Path.Combine(DetectionTestData.CatalogSourceDir, "coe_treaties_en_ru.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(232, lines.Count);
        foreach (var line in lines)
        {
            var number = line.Split(',')[0].TrimStart('0');
            var entry = Catalog.Find("coe:" + number);
            Assert.NotNull(entry);
            Assert.False(string.IsNullOrWhiteSpace(entry.NameEn), number);
            Assert.False(string.IsNullOrWhiteSpace(entry.NameRu), number);
            Assert.DoesNotContain("ETS No", entry.NameEn, StringComparison.Ordinal);
            Assert.False(entry.NameRu.Any(c => c is 'E' or 'C'), $"Latin letter left in the Russian title of {number}");
            Assert.NotNull(entry.DenunciationEffect);
        }
    }

    [Fact]
    public void The_builder_makes_the_committed_catalogue_from_the_copied_source_lists_and_its_manual_file()
    {
        // Hand edits belong in tools/CatalogBuilder/manual-treaties.json (tags, names, aliases), not in config/treaties.json,
        // or the next rebuild from the depositaries' lists drops them.
        var (built, count) = CatalogBuild.Build(DetectionTestData.CatalogSourceDir,
            Path.Combine(DetectionTestData.RepoRoot, "tools", "CatalogBuilder", "manual-treaties.json"));

        Assert.Equal(File.ReadAllText(DetectionTestData.CataloguePath).ReplaceLineEndings("\n"), built.ReplaceLineEndings("\n"));
        Assert.Equal(count, Catalog.Entries.Count);
    }

    [Fact]
    public void Un_treaties_of_the_index_are_in_the_catalogue_under_their_mtdsg_reference()
    {
        Assert.Equal("Comprehensive Nuclear-Test-Ban Treaty", Catalog.Find("un:XXVI-4")!.NameEn);
        Assert.Equal("Rome Statute of the International Criminal Court", Catalog.Find("un:XVIII-10")!.NameEn);
        Assert.NotNull(Catalog.Find("un:IV-9"));
        Assert.True(Catalog.Entries.Count(e => e.Id.StartsWith("un:", StringComparison.Ordinal)) >= 244);
    }

    [Theory]
    [InlineData("coe:126", "European Convention for the Prevention of Torture and Inhuman or Degrading Treatment or Punishment", "Европейская конвенция по предупреждению пыток и бесчеловечного или унижающего достоинство обращения или наказания")]
    [InlineData("new-start", null, "Договор между Российской Федерацией и Соединенными Штатами Америки о мерах по дальнейшему сокращению и ограничению стратегических наступательных вооружений")]
    [InlineData("cfe", "Treaty on Conventional Armed Forces in Europe", "Договор об обычных вооруженных силах в Европе")]
    public void Hand_added_and_listed_treaties_carry_both_names(string id, string? en, string ru)
    {
        var entry = Catalog.Find(id);
        Assert.NotNull(entry);
        if (en is not null)
        {
            Assert.Equal(en, entry.NameEn);
        }
        Assert.Equal(ru, entry.NameRu);
    }

    [Theory]
    [InlineData("European Convention on Human Rights", "coe:5")]
    [InlineData("ECHR", "coe:5")]
    [InlineData("Европейская конвенция о защите прав человека", "coe:5")]
    [InlineData("Anti-Torture Convention", "coe:126")]
    [InlineData("ETS No. 126", "coe:126")]
    [InlineData("New START Treaty (2010)", "new-start")]
    [InlineData("СНВ-3", "new-start")]
    [InlineData("ДОВСЕ", "cfe")]
    [InlineData("Договор по открытому небу", "open-skies")]
    [InlineData("ДВЗЯИ", "un:XXVI-4")]
    [InlineData("INF Treaty", "inf")]
    [InlineData("РСМД", "inf")]
    [InlineData("Rome Statute of the International Criminal Court (1998)", "un:XVIII-10")]
    [InlineData("Paris Agreement", "paris-agreement")]
    [InlineData("Ottawa Convention", "un:XXVI-5")]
    [InlineData("Istanbul Convention", "coe:210")]
    [InlineData("North Atlantic Treaty (NATO, 1949)", "north-atlantic-treaty")]
    [InlineData("Protocol to the North Atlantic Treaty on the Accession of Finland (2022)", "nato-accession-fi")]
    [InlineData("Black Sea Grain Initiative (2022)", "black-sea-grain-initiative")]
    [InlineData("Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP, 2018)", "cptpp")]
    [InlineData("Council of Europe treaties (21 conventions incl. ECHR ETS 005, Statute ETS 001)", "coe-treaties")]
    [InlineData("Statute of the Council of Europe (ETS 001, 1949)", "coe:1")]
    public void Names_and_aliases_resolve_to_ids(string name, string id)
    {
        Assert.Equal(id, Catalog.ResolveId(name));
    }

    [Fact]
    public void Short_acronyms_match_only_in_capitals()
    {
        Assert.Null(Catalog.ResolveId("who knows"));
        Assert.Equal("un:IX-1", Catalog.ResolveId("WHO"));
        Assert.Null(Catalog.ResolveId("EU–Chile Advanced Framework Agreement")); // a party's name inside another treaty's name
    }

    [Fact]
    public void A_catalogue_too_large_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var f = File.OpenWrite(path))
            {
                f.SetLength(TreatyCatalog.MaxFileBytes + 1);
            }
            Assert.Throws<InvalidDataException>(() => TreatyCatalog.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
