using System.Text.Json;
using Alerts.Core.Detection;

namespace Alerts.Core.Tests.Detection;

/// <summary>
/// Which treaty and which states on news phrasing beyond the corpora (session 8): the catalogue's popular names, a name
/// read with its system's word ("UN", "Council of Europe"), a venue that is not the actor, and many unnamed states that are
/// no single actor. Sentences written for these tests, not corpus items.
/// </summary>
public class UnseenResolutionTests
{
    [Theory]
    [InlineData("Vietnam ratifies UN convention against cybercrime", "un:XVIII-16")]
    [InlineData("Russia signs UN cybercrime convention", "un:XVIII-16")]
    [InlineData("Россия подписала Конвенцию ООН против киберпреступности", "un:XVIII-16")]
    [InlineData("Brazil ratifies High Seas Treaty", "un:XXI-10")]
    [InlineData("Chile ratifies the BBNJ Agreement", "un:XXI-10")]
    [InlineData("Палау ратифицировала Соглашение об открытом море", "un:XXI-10")]
    [InlineData("Nicaragua announces withdrawal from UNESCO", "unesco-constitution")]
    [InlineData("США объявили о выходе из ЮНЕСКО", "unesco-constitution")]
    [InlineData("Kazakhstan ratifies nuclear ban treaty", "un:XXVI-9")]
    [InlineData("Казахстан ратифицировал Договор о запрещении ядерного оружия", "un:XXVI-9")]
    [InlineData("Finland's parliament approves withdrawal from landmine ban treaty", "un:XXVI-5")]
    [InlineData("Nigeria signs African Continental Free Trade Area agreement", "afcfta")]
    [InlineData("Armenia freezes participation in CSTO", "csto-charter")]
    [InlineData("Moldova leaves the Commonwealth of Independent States", "cis-charter")]
    [InlineData("Country X ratifies the Biological Weapons Convention", "bwc")]
    public void Widely_reported_treaties_are_found_by_their_popular_English_and_Russian_names(string title, string id)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(id, d.Treaty.Id);
    }

    [Fact]
    public void A_name_the_un_index_cut_short_is_the_title_before_its_semicolon()
    {
        var entry = DetectionTestData.Detector.Catalog.Find("un:XVIII-16")!;
        Assert.Equal("United Nations Convention against Cybercrime", entry.NameEn);
        Assert.False(string.IsNullOrEmpty(entry.NameRu));
    }

    [Theory]
    [InlineData("Istanbul hosts talks as Ukraine signs agreement in Istanbul")]
    [InlineData("Ukraine signs agreement in Istanbul")]
    [InlineData("Brazil joins cybercrime talks")]
    public void A_topic_or_a_city_is_no_treaty_name(string title)
    {
        Assert.DoesNotContain(DetectionTestData.Detect(title), d => d.Treaty.Id is "coe:210" or "coe:185");
    }

    [Fact]
    public void A_name_written_after_un_is_not_the_council_of_europes_treaty_of_the_same_words()
    {
        // A catalogue of two systems' treaties whose names share words, without the UN treaty's popular name: the qualifier
        // alone must keep the CoE entry out.
        var catalog = TreatyCatalog.Parse("""
            {"treaties": [
              {"id": "coe:185", "system": "coe", "names": {"en": "Convention on Cybercrime", "ru": "Конвенция о киберпреступности"}},
              {"id": "un:IV-9", "system": "un", "names": {"en": "Convention against Torture", "ru": ""}}
            ]}
            """);
        var detector = new TreatyDetector(catalog);

        Assert.Equal("coe:185", Assert.Single(detector.Detect(new DetectionInput("Brazil ratifies the Convention on Cybercrime", ""))).Treaty.Id);
        Assert.DoesNotContain(detector.Detect(new DetectionInput("Vietnam ratifies the UN Convention on Cybercrime", "")), d => d.Treaty.Id == "coe:185");
        Assert.DoesNotContain(detector.Detect(new DetectionInput("Vietnam ratifies the United Nations Convention on Cybercrime", "")), d => d.Treaty.Id == "coe:185");
        Assert.DoesNotContain(detector.Detect(new DetectionInput("Brazil ratifies the Council of Europe Convention against Torture", "")), d => d.Treaty.Id == "un:IV-9");
        Assert.Equal("un:IV-9", Assert.Single(detector.Detect(new DetectionInput("Brazil ratifies the Convention against Torture", ""))).Treaty.Id);
        Assert.Null(catalog.ResolveId("UN convention on cybercrime"));
        Assert.Equal("coe:185", catalog.ResolveId("Convention on Cybercrime"));
    }

    [Theory]
    [InlineData("UN cybercrime convention signed in Hanoi", "")]
    [InlineData("Cybercrime convention signed at ceremony in Hanoi", "The United Nations Convention against Cybercrime was signed in Hanoi.")]
    public void A_city_after_in_is_the_venue_not_the_actor(string title, string summary)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Equal("un:XVIII-16", d.Treaty.Id);
        Assert.DoesNotContain("VN", d.States);
    }

    [Theory]
    [InlineData("Russia signs UN convention against cybercrime in Hanoi", new[] { "RU" })]
    [InlineData("Nigeria signs African Continental Free Trade Area agreement at summit in Niamey", new[] { "NG" })]
    [InlineData("Sweden formally joins NATO", new[] { "SE" })]
    [InlineData("Moscow suspends New START", new[] { "RU" })]
    [InlineData("Palau ratifies High Seas Treaty", new[] { "PW" })]
    [InlineData("Vanuatu ratifies the Rome Statute", new[] { "VU" })]
    [InlineData("Вануату ратифицировало Римский статут", new[] { "VU" })]
    [InlineData("Парламент Намибии ратифицировал Парижское соглашение", new[] { "NA" })]
    [InlineData("Marshall Islands ratify the Paris Agreement", new[] { "MH" })]
    [InlineData("Litwa wystąpiła z konwencji o amunicji kasetowej", new[] { "LT" })]
    [InlineData("Łotwa wypowiada konwencję ottawską", new[] { "LV" })]
    public void The_actor_is_the_state_before_the_action_not_the_place_or_the_leader_visiting(string title, string[] states)
    {
        var d = Assert.Single(DetectionTestData.Detect(title));
        Assert.Equal(states, d.States);
        Assert.All(d.States, s => Assert.True(Alerts.Core.Formatting.StateNames.IsKnown(s), $"{s} has no name"));
    }

    [Theory]
    [InlineData("65 countries sign UN cybercrime convention in Hanoi", "")]
    [InlineData("Dozens of states sign the UN Convention against Cybercrime, Vietnam says", "")]
    [InlineData("EU members ratify the Istanbul Convention despite Hungary's objections", "")]
    [InlineData("More than 60 countries ratify the High Seas Treaty after Morocco", "")]
    [InlineData("Более 60 стран подписали в Ханое конвенцию ООН против киберпреступности", "")]
    [InlineData("Страны НАТО приостановили участие в ДОВСЕ", "Россия вышла из договора ранее.")]
    public void Many_unnamed_states_are_no_single_actor(string title, string summary)
    {
        var d = Assert.Single(DetectionTestData.Detect(title, summary));
        Assert.Empty(d.States);
    }

    [Fact]
    public void The_builder_names_a_cut_un_title_by_its_part_before_the_semicolon_and_keeps_topics_out_of_the_aliases()
    {
        var dir = Directory.CreateTempSubdirectory("catalog-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "coe_treaties_en_ru.csv"), """
                Numero_traite,Mention,Libelle_titre_ENG,Libelle_titre_RUS,Libelle_titre_FRE,Nom_commun_ENG,Date_ste,Date_vigueur_ste,Numero_traite_parent,Lien_pdf_traite_RUS
                185,ETS,Convention on Cybercrime (ETS No. 185),Конвенция о компьютерных преступлениях (СEД № 185),Convention sur la cybercriminalité,Cybercrime,2001-11-23,2004-07-01,,
                210,CETS,Council of Europe Convention on preventing and combating violence against women and domestic violence (CETS No. 210),Конвенция Совета Европы о насилии (СДСE № 210),Convention,Istanbul Convention,2011-05-11,2014-08-01,,

                """);
            File.WriteAllText(Path.Combine(dir.FullName, "un_mtdsg_index.json"), """
                {"treaties": [
                  {"ref": "XVIII-16", "title": "United Nations Convention against Cybercrime; Strengthening International Cooperation for Combating Certain Crimes in Electro", "place_date": "... New York, 24 December 2024"},
                  {"ref": "XXVI-8", "title": "Arms Trade Treaty", "place_date": "New York, 2 April 2013"}
                ]}
                """);
            File.WriteAllText(Path.Combine(dir.FullName, "key_treaties.csv"), """
                system,id,short,title_en,title_ru,date_opened_or_place,source
                CoE,CETS 210,Istanbul,Convention,,2011-05-11,x

                """);
            var manual = Path.Combine(dir.FullName, "manual.json");
            File.WriteAllText(manual, """{"extraAliases": {}, "treaties": []}""");

            var (json, _) = CatalogBuild.Build(dir.FullName, manual);
            var catalog = TreatyCatalog.Parse(json);
            using var doc = JsonDocument.Parse(json);
            var un = doc.RootElement.GetProperty("treaties").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "un:XVIII-16");

            Assert.Equal("United Nations Convention against Cybercrime", catalog.Find("un:XVIII-16")!.NameEn);
            Assert.Equal("New York, 24 December 2024", un.GetProperty("placeAndDate").GetString());
            Assert.Equal("Arms Trade Treaty", catalog.Find("un:XXVI-8")!.NameEn);
            Assert.Contains("Cybercrime", catalog.Find("coe:185")!.ShortNamesEn);
            Assert.DoesNotContain("Cybercrime", catalog.Find("coe:185")!.AliasesEn);
            Assert.Contains("Istanbul Convention", catalog.Find("coe:210")!.AliasesEn);
            Assert.DoesNotContain("Istanbul", catalog.Find("coe:210")!.AliasesEn);
            Assert.Null(catalog.ResolveId("talks in Istanbul on cybercrime"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
