using System.Net;
using System.Text;
using Alerts.Core.Feeds;
using Alerts.Core.Sources;
using Alerts.Core.Sources.Kinds;
using Alerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Sources;

public sealed class HttpSourceReaderTests : IAsyncLifetime
{
    private LoopbackFeedServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _server = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ISourceReader Reader(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Fetch:ContactUrl"] = "https://alerts.example.org/contact" };
        foreach (var (key, value) in settings) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSourceReading(configuration);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<ISourceReader>();
    }

    private SourceDefinition Source(string path, bool allowPrivate = true) => new()
    {
        Id = "test-" + path.Trim('/').Replace('/', '-').Replace('.', '-'),
        Url = _server.Url(path).ToString(),
        AllowPrivateNetwork = allowPrivate,
    };

    [Fact]
    public async Task Fetches_then_answers_not_modified_then_sees_a_change()
    {
        _server.Serve("/bbc.xml", FeedTestData.Bytes("feeds/bbc-news.xml"), "application/rss+xml; charset=utf-8");
        var reader = Reader();
        var source = Source("/bbc.xml");

        var first = await reader.ReadAsync(source, SourceValidators.None);
        Assert.Equal(SourceReadStatus.Fetched, first.Status);
        Assert.True(first.Items.Count > 10);
        Assert.NotNull(first.Validators.ETag);
        Assert.NotNull(first.Validators.LastModified);

        var second = await reader.ReadAsync(source, first.Validators);
        Assert.Equal(SourceReadStatus.NotModified, second.Status);
        Assert.Equal(304, second.HttpStatus);

        var byDateOnly = await reader.ReadAsync(source, first.Validators with { ETag = null });
        Assert.Equal(SourceReadStatus.NotModified, byDateOnly.Status);

        _server.Replace("/bbc.xml", FeedTestData.Bytes("feeds/moscowtimes.xml"));
        var third = await reader.ReadAsync(source, first.Validators);
        Assert.Equal(SourceReadStatus.Fetched, third.Status);
        Assert.NotEqual(first.Validators.ETag, third.Validators.ETag);
        Assert.Equal(4, _server.RequestCount("/bbc.xml"));
        Assert.Equal(first.Validators.ETag, _server.LastRequestHeaders("/bbc.xml")["if-none-match"]);
    }

    [Fact]
    public async Task Council_of_europe_sources_send_the_public_token_and_ask_for_json_and_the_token_stays_with_the_first_host()
    {
        _server.Serve("/WS_LFRConventions/api/signatures", File.ReadAllBytes(RepositoryPaths.TestData("kinds", "coe_signatures_005_published_rows.json")), "application/json; charset=utf-8");
        _server.Redirect("/moved/api/signatures", _server.Url("/WS_LFRConventions/api/signatures").ToString());
        var reader = Reader();
        var source = new SourceDefinition
        {
            Id = "coe-signatures-005",
            Kind = CoeSignatures.Kind,
            Url = _server.Url("/WS_LFRConventions/api/signatures?numSTE=005&langue=ENG").ToString(),
            AllowPrivateNetwork = true,
            Options = new(StringComparer.OrdinalIgnoreCase) { [CoeSignatures.TokenOption] = "CoeTreatyOffice:Token" },
        };

        var result = await reader.ReadAsync(source, SourceValidators.None);

        Assert.Equal(SourceReadStatus.Fetched, result.Status);
        Assert.Equal(6, result.Items.Count);
        var headers = _server.LastRequestHeaders("/WS_LFRConventions/api/signatures");
        Assert.Equal(CoeSignatures.PublicToken, headers["token"]);
        Assert.Equal("application/json", headers["accept"]);

        source.Url = _server.Url("/moved/api/signatures?numSTE=005&langue=ENG").ToString();
        var redirected = await reader.ReadAsync(source, SourceValidators.None);

        Assert.Equal(SourceReadStatus.Fetched, redirected.Status);
        Assert.Equal(CoeSignatures.PublicToken, _server.LastRequestHeaders("/moved/api/signatures")["token"]);
        Assert.False(_server.LastRequestHeaders("/WS_LFRConventions/api/signatures").ContainsKey("token"), "the token must not follow a redirect");
        Assert.Equal("application/json", _server.LastRequestHeaders("/WS_LFRConventions/api/signatures")["accept"]);
    }

    [Fact]
    public async Task Sends_a_user_agent_naming_the_product_and_contact()
    {
        _server.Serve("/ua.xml", FeedTestData.Bytes("feeds/official-ru.xml"));
        await Reader(("Fetch:UserAgent", "TreatyAlerts/2.0")).ReadAsync(Source("/ua.xml"), SourceValidators.None);
        Assert.Equal("TreatyAlerts/2.0 (+https://alerts.example.org/contact)", _server.LastRequestHeaders("/ua.xml")["user-agent"]);
    }

    [Fact]
    public async Task Retry_after_in_seconds_is_returned_with_429()
    {
        _server.Fail("/busy.xml", 429, retryAfter: "120");
        var result = await Reader().ReadAsync(Source("/busy.xml"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_as_http_date_is_measured_from_the_injected_clock()
    {
        _server.Fail("/down.xml", 503, retryAfter: _time.GetUtcNow().AddMinutes(5).ToString("R"));
        var result = await Reader().ReadAsync(Source("/down.xml"), SourceValidators.None);
        Assert.Equal(503, result.HttpStatus);
        Assert.Equal(TimeSpan.FromMinutes(5), result.RetryAfter);
    }

    [Fact]
    public async Task Server_error_fails_and_keeps_the_old_validators()
    {
        _server.Fail("/broken.xml", 500);
        var old = new SourceValidators("\"abc\"", "Tue, 01 Sep 2026 10:00:00 GMT");
        var result = await Reader().ReadAsync(Source("/broken.xml"), old);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Equal(500, result.HttpStatus);
        Assert.Equal(old, result.Validators);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>", "text/html; charset=utf-8")]
    [InlineData("", "application/rss+xml")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut off", "application/rss+xml")]
    public async Task A_200_that_is_not_a_feed_fails_instead_of_returning_no_items(string body, string contentType)
    {
        _server.Serve("/oops.xml", Encoding.UTF8.GetBytes(body), contentType);
        var result = await Reader().ReadAsync(Source("/oops.xml"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Contains("not a feed", result.Error ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Oversize_body_is_cut_off(bool chunked)
    {
        var big = new byte[200 * 1024];
        Array.Fill(big, (byte)' ');
        _server.Serve("/big.xml", big, "application/rss+xml", chunked);
        var result = await Reader(("Fetch:MaxBytes", "65536")).ReadAsync(Source("/big.xml"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("larger than 65536 bytes", result.Error);
    }

    [Fact]
    public async Task Redirects_are_followed_up_to_the_limit()
    {
        _server.Serve("/final.xml", FeedTestData.Bytes("feeds/official-ru.xml"));
        _server.Redirect("/r1", "/r2", 301);
        _server.Redirect("/r2", _server.Url("/final.xml").ToString(), 308);
        var result = await Reader().ReadAsync(Source("/r1"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Fetched, result.Status);
        Assert.Equal(1, _server.RequestCount("/final.xml"));
    }

    [Fact]
    public async Task Redirect_loop_stops_after_five_hops()
    {
        _server.Redirect("/loop-a", "/loop-b");
        _server.Redirect("/loop-b", "/loop-a");
        var result = await Reader().ReadAsync(Source("/loop-a"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("too many redirects", result.Error);
        Assert.Equal(6, _server.RequestCount("/loop-a") + _server.RequestCount("/loop-b"));
    }

    [Fact]
    public async Task Slow_server_times_out()
    {
        _server.Serve("/slow.xml", FeedTestData.Bytes("feeds/official-ru.xml"));
        _server.Delay("/slow.xml", TimeSpan.FromSeconds(20));
        var result = await Reader(("Fetch:TimeoutSeconds", "1")).ReadAsync(Source("/slow.xml"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("timed out", result.Error);
    }

    [Fact]
    public async Task Loopback_is_refused_without_opt_in_and_no_request_is_made()
    {
        _server.Serve("/private.xml", FeedTestData.Bytes("feeds/official-ru.xml"));
        var reader = Reader();
        var byAddress = await reader.ReadAsync(Source("/private.xml", allowPrivate: false), SourceValidators.None);
        var localhost = new SourceDefinition { Id = "localhost", Url = $"http://localhost:{_server.BaseUri.Port}/private.xml" };
        var byLocalhost = await reader.ReadAsync(localhost, SourceValidators.None);
        Assert.All(new[] { byAddress, byLocalhost }, r =>
        {
            Assert.Equal(SourceReadStatus.Failed, r.Status);
            Assert.Contains("refused", r.Error);
        });
        Assert.Equal(0, _server.RequestCount("/private.xml"));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/feed.xml")]
    [InlineData("http://127.0.0.1/feed.xml")]
    [InlineData("http://[::1]/feed.xml")]
    [InlineData("http://[::ffff:192.168.1.1]/feed.xml")]
    [InlineData("http://100.64.0.1/feed.xml")]
    public async Task Private_and_metadata_addresses_are_refused(string url)
    {
        var result = await Reader().ReadAsync(new SourceDefinition { Id = "ssrf", Url = url }, SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("refused", result.Error);
    }

    [Theory]
    [InlineData("ftp://example.org/feed.xml")]
    [InlineData("file:///etc/passwd")]
    public async Task Only_http_and_https_urls_are_read(string url)
    {
        var result = await Reader().ReadAsync(new SourceDefinition { Id = "scheme", Url = url }, SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("http", result.Error);
    }

    [Fact]
    public async Task Https_to_http_redirect_is_refused()
    {
        var handler = new RedirectingHandler(new Uri("http://example.org/feed.xml"));
        var reader = new HttpSourceReader(new SingleClientFactory(new HttpClient(handler)), new SourceKinds([new FeedContentParser()]), new ConfigurationBuilder().Build(),
            Options.Create(new FetchOptions { ContactUrl = "https://alerts.example.org/" }), _time, NullLogger<HttpSourceReader>.Instance);
        var result = await reader.ReadAsync(new SourceDefinition { Id = "tls", Url = "https://example.org/feed.xml" }, SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("https to http", result.Error);
        Assert.Equal(1, handler.Requests);
    }

    [Theory]
    [InlineData("feeds/official-ru.windows-1251.xml", "application/xml")]
    [InlineData("feeds/official-ru.koi8-r.xml", "application/rss+xml; charset=koi8-r")]
    public async Task Legacy_cyrillic_encodings_are_decoded(string file, string contentType)
    {
        _server.Serve("/cyr.xml", FeedTestData.Bytes(file), contentType);
        var result = await Reader().ReadAsync(Source("/cyr.xml"), SourceValidators.None);
        Assert.Equal(SourceReadStatus.Fetched, result.Status);
        Assert.StartsWith("О внесении изменений", result.Items[0].Title);
    }

    [Fact]
    public async Task Unknown_kind_fails_with_a_clear_error()
    {
        var source = Source("/x.xml");
        source.Kind = "carrier-pigeon";
        var result = await Reader().ReadAsync(source, SourceValidators.None);
        Assert.Contains("no parser for source kind 'carrier-pigeon'", result.Error);
    }

    [Fact]
    public void Malformed_contact_url_fails_validation_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddSourceReading(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Fetch:ContactUrl"] = "not a url" }).Build());
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FetchOptions>>().Value);
        Assert.Contains("ContactUrl", error.Message);
    }

    [Fact]
    public void Without_a_contact_url_the_user_agent_still_names_the_product()
    {
        var services = new ServiceCollection();
        services.AddSourceReading(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
        Assert.StartsWith("TreatyAlerts/", options.UserAgentHeader, StringComparison.Ordinal);
        Assert.DoesNotContain("(+", options.UserAgentHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parser_that_throws_becomes_a_failed_result()
    {
        _server.Serve("/any.xml", FeedTestData.Bytes("feeds/official-ru.xml"));
        Reader();
        var reader = new HttpSourceReader(_services.GetRequiredService<IHttpClientFactory>(), new SourceKinds([new ThrowingParser()]), new ConfigurationBuilder().Build(),
            _services.GetRequiredService<IOptions<FetchOptions>>(), _time, NullLogger<HttpSourceReader>.Instance);
        var source = Source("/any.xml");
        source.Kind = "boom";
        var result = await reader.ReadAsync(source, SourceValidators.None);
        Assert.Equal(SourceReadStatus.Failed, result.Status);
        Assert.Contains("parser for kind 'boom' failed", result.Error);
    }

    private sealed class ThrowingParser : ISourceKind
    {
        public string Kind => "boom";

        public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings) => SourceRequest.Get(configuredUri, "*/*");

        public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
            => throw new InvalidOperationException("defect");
    }

    private sealed class RedirectingHandler(Uri target) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = target;
            return Task.FromResult(response);
        }
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
