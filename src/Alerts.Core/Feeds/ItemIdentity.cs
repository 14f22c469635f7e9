using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core.Feeds;

/// <summary>
/// Stable identity of an item across polls (the key under which it is remembered) and a hash
/// of its visible content (to tell an edit from a new item).
/// </summary>
public static class ItemIdentity
{
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

    /// <summary>Lowercases scheme and host, drops <c>www.</c>, the fragment and a trailing slash.</summary>
    public static string NormaliseLink(string link)
    {
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri))
        {
            return link.Trim();
        }
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        return host + path + uri.Query;
    }

    private static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
