using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Integration.Tests.Posting;

/// <summary>The fake must be strict where Telegram is, or the delivery tests prove nothing.</summary>
public sealed class FakeTelegramServerTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _telegram.DisposeAsync();
    }

    private string Url(string method, string? token = null) => $"{_telegram.BaseUrl}/bot{token ?? _telegram.Token}/{method}";

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(string method, Dictionary<string, string> form, string? token = null)
    {
        using var response = await _http.PostAsync(Url(method, token), new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task Speaks_form_json_and_query_with_message_ids_per_chat()
    {
        var form = await PostFormAsync("sendMessage", new() { ["chat_id"] = "-100", ["text"] = "<b>a</b>", ["parse_mode"] = "HTML", ["reply_parameters"] = "{\"message_id\":7,\"allow_sending_without_reply\":true}" });
        using var json = await _http.PostAsync(Url("sendMessage"), new StringContent("{\"chat_id\":-100,\"text\":\"b\",\"link_preview_options\":{\"is_disabled\":true}}", Encoding.UTF8, "application/json"));
        using var query = await _http.GetAsync(Url("sendMessage") + "?chat_id=-200&text=c");

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal(1, form.Body["result"]!["message_id"]!.GetValue<long>());
        Assert.Equal("a", form.Body["result"]!["text"]!.GetValue<string>());
        Assert.Equal(-100, form.Body["result"]!["chat"]!["id"]!.GetValue<long>());
        Assert.Equal(2, JsonNode.Parse(await json.Content.ReadAsStringAsync())!["result"]!["message_id"]!.GetValue<long>());
        Assert.Equal(1, JsonNode.Parse(await query.Content.ReadAsStringAsync())!["result"]!["message_id"]!.GetValue<long>());
        Assert.Equal([null, true, null], _telegram.Calls.Select(c => c.LinkPreviewDisabled));
        Assert.Null(_telegram.Messages("-100")[0].ReplyToMessageId); // target missing, sent without reply as asked
    }

    [Fact]
    public async Task Refuses_a_wrong_token_a_missing_reply_target_and_invalid_html()
    {
        var wrongToken = await PostFormAsync("sendMessage", new() { ["chat_id"] = "1", ["text"] = "x" }, token: "1:wrong-token-value");
        var noTarget = await PostFormAsync("sendMessage", new() { ["chat_id"] = "1", ["text"] = "x", ["reply_to_message_id"] = "5" });
        var badHtml = await PostFormAsync("sendMessage", new() { ["chat_id"] = "1", ["text"] = "<b>x</i>", ["parse_mode"] = "HTML" });
        var edit = await PostFormAsync("editMessageText", new() { ["chat_id"] = "1", ["message_id"] = "9", ["text"] = "x" });

        Assert.Equal((HttpStatusCode.Unauthorized, false), (wrongToken.Status, wrongToken.Body["ok"]!.GetValue<bool>()));
        Assert.Equal("Bad Request: message to be replied not found", noTarget.Body["description"]!.GetValue<string>());
        Assert.StartsWith("Bad Request: can't parse entities: ", badHtml.Body["description"]!.GetValue<string>());
        Assert.Equal("Bad Request: message to edit not found", edit.Body["description"]!.GetValue<string>());
        Assert.Equal(0, _telegram.PostedCount);
    }

    [Fact]
    public async Task Enforces_the_flood_limits_when_asked()
    {
        _telegram.Limits = new FakeTelegramLimits { GlobalPerSecond = 3 };

        var first = await PostFormAsync("sendMessage", new() { ["chat_id"] = "1", ["text"] = "x" });
        var sameChat = await PostFormAsync("sendMessage", new() { ["chat_id"] = "1", ["text"] = "y" });
        var others = new List<HttpStatusCode>();
        for (var i = 2; i <= 4; i++)
        {
            others.Add((await PostFormAsync("sendMessage", new() { ["chat_id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = "z" })).Status);
        }

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameChat.Status);
        Assert.Equal(1, sameChat.Body["parameters"]!["retry_after"]!.GetValue<int>());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], others);
        Assert.Equal(2, _telegram.TooManyRequestsCount);
    }

    [Fact]
    public async Task Faults_apply_to_the_next_calls_in_order_and_per_chat_until_cleared()
    {
        _telegram.FailNext(new FakeTelegramFault.ServerError(500), times: 2);
        _telegram.FailChat("9", new FakeTelegramFault.Kicked());

        var statuses = new List<HttpStatusCode>();
        foreach (var chat in new[] { "1", "1", "1", "9" })
        {
            statuses.Add((await PostFormAsync("sendMessage", new() { ["chat_id"] = chat, ["text"] = "x" })).Status);
        }
        _telegram.ClearFaults();
        statuses.Add((await PostFormAsync("sendMessage", new() { ["chat_id"] = "9", ["text"] = "x" })).Status);

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public void Html_rules_match_the_bot_api_documentation()
    {
        Assert.True(FakeTelegramHtml.TryParse("<b>b</b> <a href=\"https://x.y/?a=1&amp;b=2\">l</a> &lt;&gt;&amp;&quot;&#39;&#x1F534;", out var plain, out _));
        Assert.Equal("b l <>&\"'🔴", plain);
        Assert.False(FakeTelegramHtml.TryParse("<p>x</p>", out _, out var unsupported));
        Assert.Contains("Unsupported start tag \"p\"", unsupported);
        Assert.False(FakeTelegramHtml.TryParse("a & b", out _, out _));
        Assert.False(FakeTelegramHtml.TryParse("<b>open", out _, out _));
    }
}
