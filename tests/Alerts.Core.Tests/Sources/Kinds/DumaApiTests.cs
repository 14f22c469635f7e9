using Alerts.Core.Feeds;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

public sealed class DumaApiTests
{
    private const string ConfiguredUrl = "http://api.duma.gov.ru/api/search.json?name=%D1%80%D0%B0%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%86&sort=last_event_date&limit=20";

    private static readonly Alerts.Core.Sources.SourceDefinition Source = KindData.Source("duma-api", ConfiguredUrl, "ru",
        new() { ["token"] = "Duma:Token", ["appToken"] = "Duma:AppToken" });

    private readonly DumaApiParser _parser = new();

    [Fact]
    public void Real_search_response_gives_one_item_per_bill()
    {
        var feed = _parser.Parse(KindData.Read("government-rus_mock_api_laws_page_1.json"), "application/json", Source);

        Assert.Equal(20, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("149922-8", first.Id);
        Assert.Equal("http://sozd.parlament.gov.ru/bill/149922-8", first.Link);
        Assert.Equal("О внесении изменений в Федеральный закон \"Об образовании в Российской Федерации\"", first.Title);
        Assert.Equal("Внесение законопроекта в Государственную Думу", first.Summary);
        Assert.Equal(new DateTimeOffset(2022, 6, 23, 0, 0, 0, TimeSpan.FromHours(3)), first.Published);
        Assert.Equal("ru", first.Language);
    }

    [Fact]
    public void Bill_names_with_carriage_returns_are_cleaned()
    {
        var feed = _parser.Parse(KindData.Read("government-rus_mock_api_laws_page_1.json"), "application/json", Source);

        var ratification = Assert.Single(feed.Items, i => i.Title.StartsWith("О ратификации Протокола о прекращении действия Соглашения", StringComparison.Ordinal));
        Assert.Contains("Соглашения о взаимном обеспечении сохранности межгосударственных секретов в области", ratification.Title, StringComparison.Ordinal);
        Assert.All(feed.Items, i => Assert.DoesNotContain('\r', i.Title));
    }

    [Fact]
    public void Summary_carries_the_last_stage_and_its_decision()
    {
        var feed = _parser.Parse(KindData.Read("government-rus_mock_api_search_positive.json"), "application/json", Source);

        var bill = Assert.Single(feed.Items, i => i.Id == "7902-3");
        Assert.Equal("Рассмотрение законопроекта в первом чтении: снять законопроект с рассмотрения Государственной Думы в связи с отзывом субъектом права законодательной инициативы", bill.Summary);
        Assert.Equal(new DateTimeOffset(2013, 9, 19, 0, 0, 0, TimeSpan.FromHours(3)), bill.Published);
    }

    [Fact]
    public void Record_without_url_links_to_the_bill_page()
    {
        var json = """{"count":1,"page":1,"laws":[{"number":"1084263-8","name":"О денонсации\rКонвенции","url":null,"lastEvent":{"stage":{"name":"Рассмотрение законопроекта во втором чтении"},"solution":"принять закон во втором чтении","date":"2025-12-10"}}]}""";

        var item = Assert.Single(_parser.Parse(KindData.Utf8(json), "application/json", Source).Items);

        Assert.Equal("https://sozd.duma.gov.ru/bill/1084263-8", item.Link);
        Assert.Equal("О денонсации Конвенции", item.Title);
        Assert.Equal(new DateTimeOffset(2025, 12, 10, 0, 0, 0, TimeSpan.FromHours(3)), item.Published);
    }

    [Fact]
    public void Votes_response_is_not_a_bill_list()
    {
        var json = """{"totalCount":"1","page":"1","pageSize":"20","votes":[]}""";

        var ex = Assert.Throws<FeedFormatException>(() => _parser.Parse(KindData.Utf8(json), "application/json", Source));

        Assert.Contains("\"laws\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_url_gets_the_secrets_from_the_named_settings()
    {
        var settings = new Dictionary<string, string?> { ["Duma:Token"] = "abc123", ["Duma:AppToken"] = "app456" };

        var credentials = DumaApi.ResolveCredentials(Source, name => settings.GetValueOrDefault(name));
        var url = DumaApi.SearchUrl(Source.Url, credentials);

        Assert.Equal("http://api.duma.gov.ru/api/abc123/search.json?name=%D1%80%D0%B0%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%86&sort=last_event_date&limit=20&app_token=app456", url);
        Assert.Equal("http://api.duma.gov.ru/api/***/search.json?name=%D1%80%D0%B0%D1%82%D0%B8%D1%84%D0%B8%D0%BA%D0%B0%D1%86&sort=last_event_date&limit=20&app_token=***", DumaApi.Redact(url));
        Assert.DoesNotContain("abc123", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("app456", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_odd_secret_fails_naming_the_setting_not_the_value()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => DumaApi.ResolveCredentials(Source, _ => null));
        Assert.Contains("'Duma:Token'", missing.Message, StringComparison.Ordinal);

        var odd = Assert.Throws<InvalidOperationException>(() =>
            DumaApi.ResolveCredentials(Source, name => name == "Duma:Token" ? "x/../secret?y" : "app456"));
        Assert.Contains("'Duma:Token'", odd.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", odd.Message, StringComparison.Ordinal);

        var unnamed = KindData.Source("duma-api", ConfiguredUrl, "ru");
        var noOption = Assert.Throws<InvalidOperationException>(() => DumaApi.ResolveCredentials(unnamed, _ => "abc"));
        Assert.Contains("option 'token'", noOption.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_url_must_end_in_search_json_and_not_carry_the_app_token()
    {
        var credentials = new DumaCredentials("abc123", "app456");

        Assert.Throws<ArgumentException>(() => DumaApi.SearchUrl("http://api.duma.gov.ru/api/topics.json", credentials));
        Assert.Throws<ArgumentException>(() => DumaApi.SearchUrl("http://api.duma.gov.ru/api/search.json?app_token=leak", credentials));
        Assert.Equal("http://api.duma.gov.ru/api/abc123/search.json?app_token=app456", DumaApi.SearchUrl("http://api.duma.gov.ru/api/search.json", credentials));
    }
}
