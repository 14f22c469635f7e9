using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Core.Feeds;

/// <summary>
/// Stable identity of an item across polls (the key under which it is remembered) and a hash
/// of its visible content (to tell an edit from a new item).
/// </summary>
public static partial class ItemIdentity
{
    // Parameters that say how a reader arrived, not what the page is.
    private static readonly HashSet<string> s_trackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "ref", "ref_src", "cmpid", "cmp", "ito", "ocid", "rss", "feed", "spm", "sr_share", "share",
    };

    /// <summary>The key an item is remembered by: its normalised link, else its id, else its title.</summary>
    public static string Key(FeedItem item)
    {
        var basis = !string.IsNullOrWhiteSpace(item.Link) ? NormaliseLink(item.Link)
            : !string.IsNullOrWhiteSpace(item.Id) ? "id:" + item.Id.Trim()
            : "title:" + item.Title.Trim();
        return Hash(basis);
    }

    /// <summary>Hash of what a subscriber would see: title and summary.</summary>
    public static string ContentHash(FeedItem item) => Hash(item.Title.Trim() + "\n" + item.Summary.Trim());

    /// <summary>
    /// The link reduced to what identifies the page: scheme, <c>www.</c>, default port, fragment, trailing slash
    /// and tracking parameters (utm_*, fbclid, gclid...) dropped, the remaining query parameters sorted.
    /// A Moscow Times article is its <c>aNNNNN</c> id, so a headline edit that changes the slug keeps the key.
    /// </summary>
    public static string NormaliseLink(string link)
    {
        var trimmed = link.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return trimmed;
        }
        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        var port = uri.Port is 80 or 443 ? "" : ":" + uri.Port;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (host == "themoscowtimes.com" && MoscowTimesArticle().Match(path) is { Success: true } article)
        {
            return host + "/" + article.Groups[1].Value;
        }
        var query = NormaliseQuery(uri.Query);
        return host + port + path + (query.Length > 0 ? "?" + query : "");
    }

    private static string NormaliseQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }
        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return string.Join('&', kept);
    }

    private static bool IsTracking(string name)
        => name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("at_", StringComparison.OrdinalIgnoreCase) // BBC's at_medium, at_campaign
        || s_trackingParameters.Contains(name);

    private static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    // /2023/11/07/russia-hands-jehovahs-witness-follower-7-year-jail-term-for-extremism-a83025
    [GeneratedRegex(@"^/\d{4}/\d{2}/\d{2}/(?:[^/]*-)?(a\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MoscowTimesArticle();
}
