using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Alerts.Integration.Tests.Functions;

/// <summary>
/// An HTTP trigger's request as the worker hands it to a function (<see cref="HttpRequestData"/>): method, URL, headers
/// and a body stream, with <see cref="CreateResponse"/> giving a response whose status and body the test reads.
/// </summary>
internal sealed class HttpTriggerRequest : HttpRequestData
{
    private HttpTriggerRequest(string method, Uri url, HttpHeadersCollection headers, Stream body) : base(new HttpTriggerContext())
    {
        Method = method;
        Url = url;
        Headers = headers;
        Body = body;
    }

    /// <summary>A POST of <paramref name="body"/> (UTF-8 JSON) with the given headers (a null value leaves the header out).</summary>
    public static HttpTriggerRequest Post(string path, string body, params (string Name, string? Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var collection = new HttpHeadersCollection { { "Content-Type", "application/json" }, { "Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                collection.Add(name, value);
            }
        }
        return new HttpTriggerRequest("POST", new Uri("https://alerts.example.org/api/" + path), collection, new MemoryStream(bytes));
    }

    public override Stream Body { get; }
    public override HttpHeadersCollection Headers { get; }
    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];
    public override Uri Url { get; }
    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];
    public override string Method { get; }

    public override HttpResponseData CreateResponse() => new Response(FunctionContext);

    private sealed class Response(FunctionContext context) : HttpResponseData(context)
    {
        public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;
        public override HttpHeadersCollection Headers { get; set; } = [];
        public override Stream Body { get; set; } = new MemoryStream();
        public override HttpCookies Cookies => throw new NotSupportedException();
    }

    private sealed class HttpTriggerContext : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();
        public override string FunctionId => throw new NotSupportedException();
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
