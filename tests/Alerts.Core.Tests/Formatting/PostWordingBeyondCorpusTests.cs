using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Formatting;

/// <summary>
/// Wording rules found by reading posts as an editor and a Russian-speaking subscriber would, on cases the dev corpora
/// do not hold (issue #12 item 3): the effect date names what takes effect, the next step fits the procedure step,
/// a decree is not called a law, a treaty known only in English keeps its kind in Russian, entry into force names the
/// treaty once, every state the detector finds has a name, dates and outlet labels stay in the post's language.
/// </summary>
public class PostWordingBeyondCorpusTests
{
    private static readonly ChannelDefinition English = new() { Id = "en-main", ChatId = "-1001", Language = "en" };
    private static readonly ChannelDefinition Russian = new() { Id = "ru-main", ChatId = "-1002", Language = "ru" };

    private static TreatyNameTable Names(string id, string english, string russian, string system, string? denunciation = null)
    {
        var table = new TreatyNameTable().Add(id, "en", new TreatyName(english) { System = system, DenunciationEffect = denunciation });
        return russian.Length == 0 ? table : table.Add(id, "ru", new TreatyName(russian) { System = system, DenunciationEffect = denunciation });
    }

    private static TreatyChange Change(string treatyId, TreatyAction action, string[] states, TreatyMilestone stage, string? step = null, string title = "A report")
    {
        var source = new SourceRef("news", "https://www.bbc.co.uk/news/world-1", title, new DateTimeOffset(2019, 11, 4, 20, 0, 0, TimeSpan.Zero), SourceLevel.Media, "en", stage);
        return AlertFormatter.SampleChange with
        {
            Treaty = new TreatyRef(treatyId, treatyId), Action = action, States = states, Milestone = stage, Step = step,
            Sources = [source], Contexts = null, Title = title, StepDate = new DateOnly(2019, 11, 4),
        };
    }

    [Fact]
    public void The_effect_date_of_a_notified_withdrawal_says_the_withdrawal_takes_effect_not_entry_into_force()
    {
        // «Далее: вступление в силу …» after a withdrawal read as the treaty entering into force.
        var names = Names("paris-agreement", "Paris Agreement", "Парижское соглашение", "multilateral", "withdrawal one year after notification (Article 28)");
        var change = Change("paris-agreement", TreatyAction.Withdrawal, ["US"], TreatyMilestone.Notified, ProcedureSteps.DepositaryNotified) with { EffectiveDate = new DateOnly(2020, 11, 4) };

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.Contains("\nNext: the withdrawal takes effect on 4 November 2020.", en);
        Assert.Contains("\nДалее: выход вступит в силу 4 ноября 2020 г.", ru);
        Assert.DoesNotContain("вступление в силу", ru);
    }

    [Fact]
    public void The_effect_date_of_a_notified_accession_says_the_treaty_enters_into_force_for_the_state()
    {
        var names = Names("north-atlantic-treaty", "North Atlantic Treaty", "Североатлантический договор", "multilateral");
        var change = Change("north-atlantic-treaty", TreatyAction.Accession, ["FI"], TreatyMilestone.Notified, ProcedureSteps.DepositaryNotified) with { EffectiveDate = new DateOnly(2023, 4, 4) };

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.Contains("\nNext: the North Atlantic Treaty enters into force for Finland on 4 April 2023.", en);
        Assert.Contains("\nДалее: договор вступит в силу для Финляндии 4 апреля 2023 г.", ru);
    }

    [Theory]
    [InlineData(ProcedureSteps.LowerHouseAdopted)]
    [InlineData(ProcedureSteps.UpperHouseApproved)]
    public void A_law_a_parliament_passed_outside_russia_waits_only_for_the_head_of_state(string step)
    {
        // "The parliament of Armenia passed the law …" was followed by "Next: the final vote …": the vote had been taken.
        var names = Names("un:XVIII-10", "Rome Statute of the International Criminal Court", "Римский статут", "un");
        var change = Change("un:XVIII-10", TreatyAction.Ratification, ["AM"], TreatyMilestone.Legislative, step);

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.Contains("\nNext: the head of state's signature.", en);
        Assert.Contains("\nДалее: подпись главы государства.", ru);
        Assert.DoesNotContain("final vote", en);
        // A bill the parliament only took up still has its final vote ahead.
        Assert.Contains("Next: the final vote and the head of state's signature.", RepositoryTemplates.Formatter(names).Format(change with { Step = null }, English).Parts[0]);
    }

    [Fact]
    public void A_decree_the_president_signed_is_not_called_a_law()
    {
        // dev2: «Путин подписал указ о приостановлении РФ выполнения ДРСМД» was posted as "signed the law".
        var names = Names("inf", "Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles", "Договор о ликвидации ракет средней и меньшей дальности", "bilateral");
        var decree = Change("inf", TreatyAction.Suspension, ["RU"], TreatyMilestone.Enacted, ProcedureSteps.LawSigned, "Путин подписал указ о приостановлении РФ выполнения ДРСМД");
        var law = decree with { Title = "Путин подписал закон о приостановлении ДРСМД", Sources = [decree.Sources[0] with { Title = "Путин подписал закон о приостановлении ДРСМД" }] };

        var formatter = RepositoryTemplates.Formatter(names);

        Assert.StartsWith("⏸ <b>The President of Russia signed a decree on suspension of the Treaty on the Elimination", formatter.Format(decree, English).Parts[0]);
        Assert.StartsWith("⏸ <b>Президент России подписал указ о приостановлении действия договора «Договор о ликвидации", formatter.Format(decree, Russian).Parts[0]);
        Assert.StartsWith("⏸ <b>Президент России подписал закон о приостановлении", formatter.Format(law, Russian).Parts[0]);
        Assert.StartsWith("⏸ <b>The President of Russia signed the law on suspension", formatter.Format(law, English).Parts[0]);
    }

    [Theory]
    [InlineData("Convention on Cluster Munitions", "📤 <b>Нидерланды заявили о намерении выйти из конвенции</b>")]
    [InlineData("Optional Protocol to the Vienna Convention on Diplomatic Relations", "📤 <b>Нидерланды заявили о намерении выйти из протокола</b>")]
    [InlineData("Constitution of the World Health Organization", "📤 <b>Нидерланды заявили о намерении выйти из устава</b>")]
    public void A_treaty_without_a_russian_name_keeps_its_kind_and_the_headline_ends_cleanly(string english, string expected)
    {
        // Was «…выйти из договора </b>»: the generic «договор» for a convention, and a space before the tag.
        var names = Names("un:x", english, "", "un");
        var change = Change("un:x", TreatyAction.Withdrawal, ["NL"], TreatyMilestone.Announced) with { Treaty = new TreatyRef("un:x", english) };

        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith(expected, ru);
        Assert.Empty(PostChecks.Check(ru, "ru", change));
    }

    [Fact]
    public void Entry_into_force_names_the_treaty_once_in_the_nominative()
    {
        // Was «Договор «Договор о всеобъемлющем стратегическом партнерстве …» вступил в силу».
        var names = Names("ru-kp", "Treaty on Comprehensive Strategic Partnership", "Договор о всеобъемлющем стратегическом партнерстве между Российской Федерацией и КНДР", "bilateral");
        var change = Change("ru-kp", TreatyAction.EntryIntoForce, ["RU", "KP"], TreatyMilestone.Effective, ProcedureSteps.InEffect);
        var paris = Names("paris-agreement", "Paris Agreement", "Парижское соглашение", "multilateral");

        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];
        var parisRu = RepositoryTemplates.Formatter(paris).Format(change with { Treaty = new TreatyRef("paris-agreement", "Paris Agreement") }, Russian).Parts[0];

        Assert.StartsWith("⚖️ <b>Договор о всеобъемлющем стратегическом партнерстве между Российской Федерацией и КНДР вступил в силу</b>", ru);
        Assert.StartsWith("⚖️ <b>Парижское соглашение вступило в силу</b>", parisRu);
    }

    [Fact]
    public void Every_state_the_detector_names_has_a_name_in_both_languages()
    {
        // The lexicon's tables (English words and pairs, Russian and Polish word beginnings) map words to ISO codes.
        var codes = typeof(StateLexicon).GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .SelectMany(value => value switch
            {
                Dictionary<string, string> words => words.Values,
                (string Prefix, string Code)[] prefixes => prefixes.Select(p => p.Code),
                _ => [],
            })
            .Distinct()
            .ToList();
        Assert.Contains("RU", codes);
        Assert.True(codes.Count > 100, $"only {codes.Count} codes read from the lexicon");
        Assert.All(codes, code => Assert.True(StateNames.IsKnown(code), $"{code} has no name: a post would show the bare code"));
    }

    [Theory]
    [InlineData("GH", "Гана заявила", "Правительство Ганы")]
    [InlineData("TW", "Тайвань заявил", "Правительство Тайваня")]
    [InlineData("PE", "Перу заявило", "Правительство Перу")]
    [InlineData("BA", "Босния и Герцеговина заявила", "Правительство Боснии и Герцеговины")]
    public void New_state_names_agree_in_russian(string code, string announced, string government)
    {
        var names = Names("paris-agreement", "Paris Agreement", "Парижское соглашение", "multilateral");
        var change = Change("paris-agreement", TreatyAction.Withdrawal, [code], TreatyMilestone.Announced);

        Assert.StartsWith("📤 <b>" + announced + " о намерении выйти", RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0]);
        Assert.StartsWith("📤 <b>" + government + " предложило выйти",
            RepositoryTemplates.Formatter(names).Format(change with { Milestone = TreatyMilestone.Proposed, Step = ProcedureSteps.GovernmentProposal }, Russian).Parts[0]);
    }

    [Theory]
    [InlineData(2024, 1, 31, "31 января 2024 г.", "31 January 2024")]
    [InlineData(2024, 2, 29, "29 февраля 2024 г.", "29 February 2024")]
    [InlineData(2024, 3, 1, "1 марта 2024 г.", "1 March 2024")]
    [InlineData(2023, 12, 31, "31 декабря 2023 г.", "31 December 2023")]
    public void Dates_name_the_month_in_the_post_s_language_in_the_genitive(int year, int month, int day, string russian, string english)
    {
        Assert.Equal(russian, PostModel.FormatDate(new DateOnly(year, month, day), "ru"));
        Assert.Equal(english, PostModel.FormatDate(new DateOnly(year, month, day), "en"));
    }

    [Fact]
    public void An_english_post_names_a_cyrillic_domain_in_latin_letters()
    {
        const string link = "https://xn--80afdeock1adavfjdp2e8d.xn--p1ai/news/novosti-rossii-i-mira/x";
        var change = AlertFormatter.SampleChange with
        {
            Milestone = TreatyMilestone.Notified, Step = null, Contexts = null,
            Sources = [new SourceRef("news", link, "x", new DateTimeOffset(2020, 7, 7, 9, 0, 0, TimeSpan.Zero), SourceLevel.Media, "ru", TreatyMilestone.Notified)],
        };

        var en = RepositoryTemplates.Formatter().Format(change, English).Parts[0];

        Assert.Equal("Gorodskiestranitsy.rf", OutletNames.For(link, "en", "x"));
        Assert.Equal("Городскиестраницы.рф", OutletNames.For(link, "ru", "x"));
        Assert.DoesNotMatch("[А-Яа-яЁё]", en);
    }
    [Fact]
    public void The_background_line_names_the_place_of_adoption_in_russian_too()
    {
        // Was «Договор принят 10 сентября 1996 г.» beside "adopted in New York on 10 September 1996".
        var names = new TreatyNameTable()
            .Add("un:XXVI-4", "en", new TreatyName("Comprehensive Nuclear-Test-Ban Treaty") { System = "un", PlaceAndDate = "New York, 10 September 1996" })
            .Add("un:XXVI-4", "ru", new TreatyName("Договор о всеобъемлющем запрещении ядерных испытаний") { System = "un", PlaceAndDate = "New York, 10 September 1996" })
            .Add("un:y", "en", new TreatyName("Convention on Something") { System = "un", PlaceAndDate = "... Ulaanbaatar, 24 December 2024" })
            .Add("un:y", "ru", new TreatyName("Конвенция о чём-то") { System = "un", PlaceAndDate = "... Ulaanbaatar, 24 December 2024" });
        var change = Change("un:XXVI-4", TreatyAction.Deratification, ["RU"], TreatyMilestone.Announced);
        var other = change with { Treaty = new TreatyRef("un:y", "Convention on Something") };

        var formatter = RepositoryTemplates.Formatter(names);

        Assert.Contains("\nДоговор принят в Нью-Йорке 10 сентября 1996 г.\n", formatter.Format(change, Russian).Parts[0]);
        Assert.Contains("\nThe treaty was adopted in New York on 10 September 1996.\n", formatter.Format(change, English).Parts[0]);
        // A place the post cannot write in Russian is left out, and the index's elision never reaches a post.
        Assert.Contains("\nКонвенция принята 24 декабря 2024 г.\n", formatter.Format(other, Russian).Parts[0]);
        Assert.Contains("\nThe treaty was adopted in Ulaanbaatar on 24 December 2024.\n", formatter.Format(other, English).Parts[0]);
    }

    [Fact]
    public void The_other_party_takes_its_article_in_english()
    {
        var names = new TreatyNameTable()
            .Add("inf", "en", new TreatyName("INF Treaty") { System = "bilateral", Parties = ["RU", "US"] })
            .Add("inf", "ru", new TreatyName("Договор о ликвидации ракет средней и меньшей дальности") { System = "bilateral", Parties = ["RU", "US"] });
        var change = Change("inf", TreatyAction.Suspension, ["RU"], TreatyMilestone.Enacted, ProcedureSteps.LawSigned);

        Assert.Contains("\nNext: notification to the other party (the United States).", RepositoryTemplates.Formatter(names).Format(change, English).Parts[0]);
        Assert.Contains("\nДалее: уведомление другой стороны договора (США).", RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0]);
    }
    [Fact]
    public void A_state_announcing_withdrawal_from_a_treaty_with_a_notice_clause_gives_notice_next()
    {
        // "The United States announced plans for withdrawal from the Treaty on Open Skies" had no next step at all.
        var names = new TreatyNameTable()
            .Add("open-skies", "en", new TreatyName("Treaty on Open Skies") { System = "multilateral", DenunciationEffect = "withdrawal six months after notice (Article XV(2))" })
            .Add("open-skies", "ru", new TreatyName("Договор по открытому небу") { System = "multilateral", DenunciationEffect = "withdrawal six months after notice (Article XV(2))" })
            .Add("inf", "en", new TreatyName("INF Treaty") { System = "bilateral", Parties = ["RU", "US"], DenunciationEffect = "withdrawal six months after notice (Article XV(2))" })
            .Add("jcpoa", "en", new TreatyName("Joint Comprehensive Plan of Action") { System = "multilateral" });
        var formatter = RepositoryTemplates.Formatter(names);
        var openSkies = Change("open-skies", TreatyAction.Withdrawal, ["US"], TreatyMilestone.Announced);

        Assert.Contains("\nNext: notification to the depositary; the withdrawal takes effect 6 months later.", formatter.Format(openSkies, English).Parts[0]);
        Assert.Contains("\nДалее: уведомление депозитария; выход вступит в силу через 6 месяцев.", formatter.Format(openSkies, Russian).Parts[0]);
        Assert.Contains("\nNext: notification to the other party (Russia); the withdrawal takes effect 6 months later.",
            formatter.Format(openSkies with { Treaty = new TreatyRef("inf", "INF Treaty") }, English).Parts[0]);
        // No withdrawal clause known (a political deal): nothing is said.
        Assert.DoesNotContain("Next:", formatter.Format(openSkies with { Treaty = new TreatyRef("jcpoa", "JCPOA") }, English).Parts[0]);
        // Russia's own procedure comes first: the President's bill.
        Assert.Contains("\nNext: the President submits the bill to the State Duma.", formatter.Format(openSkies with { States = ["RU"] }, English).Parts[0]);
    }
    [Fact]
    public void One_source_is_introduced_in_the_singular()
    {
        var one = AlertFormatter.SampleChange with { Sources = [AlertFormatter.SampleChange.Sources[1]], Contexts = null };

        Assert.Contains("\nSource: <a href=\"http://government.ru/docs/all/160982/\">Government of Russia</a> (official)\n", RepositoryTemplates.Formatter().Format(one, English).Parts[0]);
        Assert.Contains("\nИсточник: <a href=\"http://government.ru/docs/all/160982/\">Правительство России</a> (официальный)\n", RepositoryTemplates.Formatter().Format(one, Russian).Parts[0]);
        Assert.Contains("\nSources: <a", RepositoryTemplates.Formatter().Format(AlertFormatter.SampleChange, English).Parts[0]);
    }

    // Session 8 (multi-step events beyond the corpora: tests/data/posts-beyond): a notice names whom it went to.
    [Theory]
    [InlineData("un", new[] { "HU" }, "📤 <b>Hungary notified the UN Secretary-General of withdrawal from the Rome Statute of the International Criminal Court</b>",
        "📤 <b>Венгрия уведомила Генерального секретаря ООН о выходе из статута «Римский статут»</b>")]
    [InlineData("un", new[] { "LT", "LV", "EE" }, "📤 <b>Lithuania, Latvia and Estonia notified the UN Secretary-General of withdrawal from",
        "📤 <b>Литва, Латвия и Эстония уведомили Генерального секретаря ООН о выходе из статута")]
    [InlineData("coe", new[] { "RU" }, "📤 <b>Russia notified the Secretary General of the Council of Europe of withdrawal from the Rome Statute",
        "📤 <b>Россия уведомила Генерального секретаря Совета Европы о выходе из статута")]
    [InlineData("other", new[] { "US" }, "📤 <b>The United States notified the depositary of withdrawal from the Rome Statute",
        "📤 <b>США уведомили депозитария о выходе из статута")]
    public void A_notified_withdrawal_names_the_secretary_general_the_notice_went_to(string system, string[] states, string english, string russian)
    {
        // Was "Hungary notified the depositary of withdrawal …" for a notice the UN Secretary-General received: a reader
        // had to know who the depositary is; the catalogue's system says it.
        var names = Names("un:XVIII-10", "Rome Statute of the International Criminal Court", "Римский статут", system);
        var change = Change("un:XVIII-10", TreatyAction.Withdrawal, states, TreatyMilestone.Notified, ProcedureSteps.DepositaryNotified);

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith(english, en);
        Assert.StartsWith(russian, ru);
        Assert.Empty(PostChecks.Check(en, "en", change));
        Assert.Empty(PostChecks.Check(ru, "ru", change));
    }

    [Fact]
    public void A_notified_withdrawal_from_a_bilateral_treaty_names_the_other_party()
    {
        var table = new TreatyNameTable()
            .Add("ru-us-plutonium-2000", "en", new TreatyName("Plutonium Management and Disposition Agreement") { System = "bilateral", Parties = ["RU", "US"] })
            .Add("ru-us-plutonium-2000", "ru", new TreatyName("Соглашение об утилизации плутония") { System = "bilateral", Parties = ["RU", "US"] });
        var change = Change("ru-us-plutonium-2000", TreatyAction.Withdrawal, ["RU"], TreatyMilestone.Notified);

        var en = RepositoryTemplates.Formatter(table).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(table).Format(change, Russian).Parts[0];

        Assert.StartsWith("📤 <b>Russia notified the United States of withdrawal from the Plutonium Management and Disposition Agreement</b>", en);
        Assert.StartsWith("📤 <b>Россия уведомила другую сторону договора (США) о выходе из соглашения «Соглашение об утилизации плутония»</b>", ru);
    }

    [Theory]
    [InlineData("un", TreatyAction.Ratification, "📥 <b>Ukraine deposited the instrument of ratification of the Rome Statute of the International Criminal Court with the UN Secretary-General</b>",
        "📥 <b>Украина сдала на хранение Генеральному секретарю ООН документ о ратификации статута «Римский статут»</b>")]
    [InlineData("coe", TreatyAction.Accession, "📥 <b>Ukraine deposited the instrument of accession to the Rome Statute of the International Criminal Court with the Secretary General of the Council of Europe</b>",
        "📥 <b>Украина сдала на хранение Генеральному секретарю Совета Европы документ о присоединении к статуту «Римский статут»</b>")]
    public void A_ratification_at_the_depositary_reads_as_the_instrument_deposited(string system, TreatyAction action, string english, string russian)
    {
        // Was "Ukraine notified the depositary of ratification of the Rome Statute …": a state joins by depositing its
        // instrument with the Secretary-General, as agencies and the depositary itself word it.
        var names = Names("un:XVIII-10", "Rome Statute of the International Criminal Court", "Римский статут", system);
        var change = Change("un:XVIII-10", action, ["UA"], TreatyMilestone.Notified, ProcedureSteps.DepositaryNotified) with { EffectiveDate = new DateOnly(2025, 1, 1) };

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith(english, en);
        Assert.StartsWith(russian, ru);
        Assert.Contains("\nNext: the Rome Statute of the International Criminal Court enters into force for Ukraine on 1 January 2025.", en);
        Assert.Empty(PostChecks.Check(en, "en", change));
        Assert.Empty(PostChecks.Check(ru, "ru", change));
    }

    [Fact]
    public void A_bill_submitted_outside_russia_names_the_state_and_the_vote_still_ahead()
    {
        // Hungary, 29 April 2025: «В парламент внесён законопроект…» did not say whose parliament, and "Next: the final
        // vote…" read as if a vote had been taken.
        var names = Names("un:XVIII-10", "Rome Statute of the International Criminal Court", "Римский статут", "un");
        var change = Change("un:XVIII-10", TreatyAction.Withdrawal, ["HU"], TreatyMilestone.Proposed, ProcedureSteps.BillSubmitted);

        var en = RepositoryTemplates.Formatter(names).Format(change, English).Parts[0];
        var ru = RepositoryTemplates.Formatter(names).Format(change, Russian).Parts[0];

        Assert.StartsWith("📤 <b>A bill on withdrawal from the Rome Statute of the International Criminal Court was submitted to parliament in Hungary</b>", en);
        Assert.StartsWith("📤 <b>В парламент Венгрии внесён законопроект о выходе из статута «Римский статут»</b>", ru);
        Assert.Contains("\nNext: the vote in parliament, then the head of state's signature.", en);
        Assert.Contains("\nДалее: голосование в парламенте, затем подпись главы государства.", ru);
        // Russia's bill goes to the Duma, as before.
        var russia = change with { States = ["RU"] };
        Assert.StartsWith("📤 <b>В Госдуму внесён законопроект", RepositoryTemplates.Formatter(names).Format(russia, Russian).Parts[0]);
        Assert.Contains("\nNext: readings in the State Duma, then the Federation Council.", RepositoryTemplates.Formatter(names).Format(russia, English).Parts[0]);
    }
}
