using System.Text.RegularExpressions;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Addresses of the State Duma API (api.duma.gov.ru). It needs two secrets, a token in the path and an
/// <c>app_token</c> in the query; sources.json only names the configuration settings that hold them.
/// </summary>
public static partial class DumaApi
{
    public const string Kind = "duma-api";

    /// <summary>Source option naming the configuration setting that holds the API token (e.g. <c>Duma:Token</c>).</summary>
    public const string TokenOption = "token";

    /// <summary>Source option naming the configuration setting that holds the application token (e.g. <c>Duma:AppToken</c>).</summary>
    public const string AppTokenOption = "appToken";

    /// <summary>Public page of a bill when the record carries no URL.</summary>
    public static string BillUrl(string number) => $"https://sozd.duma.gov.ru/bill/{Uri.EscapeDataString(number)}";

    /// <summary>
    /// Reads the two secrets from configuration through the setting names in the source's options.
    /// Errors name the option and the setting, never a value.
    /// </summary>
    public static DumaCredentials ResolveCredentials(SourceDefinition source, Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(setting);
        return new DumaCredentials(Resolve(source, TokenOption, setting), Resolve(source, AppTokenOption, setting));
    }

    /// <summary>
    /// The request URL: the configured public URL (<c>http://api.duma.gov.ru/api/search.json?name=...&amp;limit=20</c>)
    /// with the token put in the path and the app token added to the query. The result holds secrets: never log it
    /// (log <see cref="Redact"/>'s result or the configured URL instead).
    /// </summary>
    public static string SearchUrl(string configuredUrl, DumaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!Uri.TryCreate(configuredUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The Duma source URL must be an absolute http(s) URL.", nameof(configuredUrl));
        }
        var path = uri.AbsolutePath;
        const string endpoint = "/search.json";
        if (!path.EndsWith(endpoint, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The Duma source URL must end in '{endpoint}' (the token is inserted before it), got path '{path}'.", nameof(configuredUrl));
        }
        var query = uri.Query.TrimStart('?');
        if (AppTokenParameter().IsMatch(query))
        {
            throw new ArgumentException("The Duma source URL must not carry app_token: it comes from configuration.", nameof(configuredUrl));
        }
        var prefix = path[..^endpoint.Length];
        var separator = query.Length == 0 ? "" : "&";
        return $"{uri.Scheme}://{uri.Authority}{prefix}/{credentials.Token}{endpoint}?{query}{separator}app_token={credentials.AppToken}";
    }

    /// <summary>A request URL with the token and the app token replaced by <c>***</c>, fit for logs and errors.</summary>
    public static string Redact(string url)
        => AppTokenValue().Replace(TokenSegment().Replace(url, "/***/search.json"), "${1}***");

    private static string Resolve(SourceDefinition source, string option, Func<string, string?> setting)
    {
        if (!source.Options.TryGetValue(option, out var settingName) || string.IsNullOrWhiteSpace(settingName))
        {
            throw new InvalidOperationException($"Source '{source.Id}': option '{option}' must name the configuration setting that holds the Duma API {option}.");
        }
        var value = setting(settingName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Source '{source.Id}': configuration setting '{settingName}' (named by option '{option}') is not set.");
        }
        value = value.Trim();
        if (!TokenValue().IsMatch(value))
        {
            // Checked so that a pasted value cannot change the path or the query; the value itself stays out of the message.
            throw new InvalidOperationException($"Source '{source.Id}': configuration setting '{settingName}' does not look like a Duma API token (letters and digits only).");
        }
        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,128}$")]
    private static partial Regex TokenValue();

    [GeneratedRegex(@"(^|&)app_token=", RegexOptions.IgnoreCase)]
    private static partial Regex AppTokenParameter();

    [GeneratedRegex(@"/[^/?#]+/search\.json")]
    private static partial Regex TokenSegment();

    [GeneratedRegex(@"([?&]app_token=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex AppTokenValue();
}

/// <summary>The Duma API's two secrets. <see cref="ToString"/> hides them so that logging the record by mistake leaks nothing.</summary>
public sealed record DumaCredentials(string Token, string AppToken)
{
    public override string ToString() => "DumaCredentials { Token = ***, AppToken = *** }";
}
