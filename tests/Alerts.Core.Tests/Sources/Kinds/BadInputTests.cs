using System.Text;
using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;

namespace Alerts.Core.Tests.Sources.Kinds;

/// <summary>What the internet sends instead of the expected document: each one a clear format error, for every kind.</summary>
public sealed class BadInputTests
{
    private static readonly SourceKinds Kinds = SourceKinds.CreateDefault();

    private static SourceDefinition SourceFor(string kind) => kind switch
    {
        "pravo-api" => KindData.Source(kind, PravoApi.DocumentsUrl("international")),
        "duma-api" => KindData.Source(kind, "http://api.duma.gov.ru/api/search.json"),
        "coe-signatures" => KindData.Source(kind, CoeSignatures.SignaturesUrl(126)),
        "untc-notifications" => KindData.Source(kind, UntcNotificationsParser.LatestUrl),
        _ => KindData.Source(kind, "https://example.org/list", options: new() { ["item"] = "li" }),
    };

    private static FeedFormatException Refused(string kind, byte[] body, string? contentType = "application/json")
        => Assert.Throws<FeedFormatException>(() => Kinds.Find(kind)!.Parse(body, contentType, SourceFor(kind)));

    [Theory]
    [InlineData("pravo-api")]
    [InlineData("duma-api")]
    [InlineData("coe-signatures")]
    public void Html_shell_where_json_was_expected(string kind)
    {
        var ex = Refused(kind, KindData.Read("law7_document_detail_sample_ACTUALLY_HTML.html"), "text/html");

        Assert.StartsWith(kind + ": expected JSON but the server sent an HTML", ex.Message);
    }

    [Theory]
    [InlineData("pravo-api")]
    [InlineData("duma-api")]
    [InlineData("coe-signatures")]
    [InlineData("untc-notifications")]
    [InlineData("html-list")]
    public void Empty_body(string kind)
    {
        var ex = Refused(kind, Encoding.UTF8.GetBytes("  \r\n"), null);

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pravo-api")]
    [InlineData("duma-api")]
    [InlineData("coe-signatures")]
    public void Truncated_json(string kind)
    {
        var whole = KindData.Read("law7_documents_search_sample.json");

        var ex = Refused(kind, whole[..(whole.Length / 2)]);

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pravo-api", """[1,2,3]""")]
    [InlineData("pravo-api", """{"items":{"eoNumber":"1"}}""")]
    [InlineData("duma-api", """{"laws":"none"}""")]
    [InlineData("duma-api", "42")]
    [InlineData("coe-signatures", """{"rows":[]}""")]
    public void Wrong_json_shape(string kind, string json)
    {
        var ex = Refused(kind, Encoding.UTF8.GetBytes(json));

        Assert.Contains("expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_documents()
    {
        var json = new StringBuilder("{\"items\":[");
        for (var i = 0; i <= KindLimits.MaxItems; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"eoNumber\":\"").Append(i).Append("\",\"complexName\":\"Указ\"}");
        }
        var ex = Refused("pravo-api", Encoding.UTF8.GetBytes(json.Append("]}").ToString()));

        Assert.Contains("1001 items, more than the limit of 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_bills()
    {
        var laws = string.Join(",", Enumerable.Range(0, KindLimits.MaxItems + 1).Select(i => $"{{\"number\":\"{i}-8\",\"name\":\"О ратификации\"}}"));

        var ex = Refused("duma-api", Encoding.UTF8.GetBytes($"{{\"laws\":[{laws}]}}"));

        Assert.Contains("more than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_depositary_facts()
    {
        var rows = string.Join(",", Enumerable.Range(0, 400).Select(i => $"{{\"CodePays\":\"S{i}\",\"LibPaysOrga\":\"State {i}\",\"DateSignature\":\"2000-01-01\",\"DateConsentement\":\"2001-01-01\",\"DateEntreeVigueur\":\"2001-05-01\"}}"));

        var ex = Refused("coe-signatures", Encoding.UTF8.GetBytes($"[[{rows}]]"));

        Assert.Contains("more than the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_list_entries_and_notifications()
    {
        var list = "<ul>" + string.Concat(Enumerable.Range(0, KindLimits.MaxItems + 1).Select(i => $"<li><a href=\"/{i}\">Entry {i}</a></li>")) + "</ul>";
        Assert.Contains("more than the limit", Refused("html-list", Encoding.UTF8.GetBytes(list), "text/html").Message, StringComparison.Ordinal);

        var table = "<table>" + string.Concat(Enumerable.Range(1, KindLimits.MaxItems + 1).Select(i => $"<tr><td>C.N.{i}.2026.TREATIES-IV.9</td><td>01/10/2026</td><td>State: Ratification</td></tr>")) + "</table>";
        Assert.Contains("more than the limit", Refused("untc-notifications", Encoding.UTF8.GetBytes(table), "text/html").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_body()
    {
        var body = new byte[KindLimits.MaxDocumentBytes + 1];
        body.AsSpan().Fill((byte)' ');
        body[^1] = (byte)'{';

        // The feed parser (rss) has no cap of its own: the reader's Fetch:MaxBytes bounds every body.
        foreach (var kind in Kinds.Kinds.Where(k => k != SourceKinds.Rss))
        {
            Assert.Contains("over the limit", Refused(kind, body).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deeply_nested_json()
    {
        var json = new string('[', 200) + new string(']', 200);

        var ex = Refused("coe-signatures", Encoding.UTF8.GetBytes(json));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
