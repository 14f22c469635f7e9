namespace Alerts.Core.Feeds;

/// <summary>One entry of a feed or listing, as the source gave it (text already decoded, HTML stripped from the summary).</summary>
public sealed record FeedItem
{
    /// <summary>The source's own identifier (RSS guid, Atom id, JSON Feed id); may be empty.</summary>
    public string Id { get; init; } = "";
    /// <summary>The item's link exactly as in the feed (absolute when the feed gave a base).</summary>
    public string Link { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>Plain-text summary or description.</summary>
    public string Summary { get; init; } = "";
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>BCP 47 language from the item or feed, when stated.</summary>
    public string? Language { get; init; }
}

/// <summary>What a parser made of a document: items, and warnings for what it had to skip or repair.</summary>
public sealed record ParsedFeed(string Format, string Title, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Warnings)
{
    public string? Language { get; init; }
}

/// <summary>The document is not a feed this parser reads, or is broken beyond recovery.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
