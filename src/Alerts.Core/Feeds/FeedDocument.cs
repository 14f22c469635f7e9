namespace Alerts.Core.Feeds;

/// <summary>
/// Everything the feed parser read from a document, before it is reduced to <see cref="ParsedFeed"/>:
/// feed-level fields, every entry with its text constructs in their original type, and the encoding used.
/// </summary>
public sealed record FeedDocument
{
    /// <summary>Format code: rss090, rss091n, rss091u, rss092, rss093, rss094, rss20, rss (no version), rss10, atom03, atom10, json1, json11.</summary>
    public required string Version { get; set; }
    public required string Encoding { get; init; }
    public FeedText? Title { get; set; }
    public FeedText? Subtitle { get; set; }
    public string? Link { get; set; }
    public string? Id { get; set; }
    public string? Language { get; set; }
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public List<string> Links { get; } = [];
    public List<FeedEntry> Entries { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>How many entries were read, handed out or kept (as entries or as items).</summary>
    internal int EntryCount => HandedOut + Entries.Count + (KeptItems?.Count ?? 0);

    /// <summary>
    /// The items of a reading that keeps items instead of entries (<see cref="FeedParser.Parse(ReadOnlySpan{byte}, string?, Uri?)"/>),
    /// in order, each with its entry's own language: the raw text of every entry need not stay alive (and be copied by each
    /// garbage collection) until the end of a large document.
    /// </summary>
    internal List<(FeedItem Item, string? OwnLanguage)>? KeptItems { get; set; }

    /// <summary>
    /// Items handed out and not kept (<see cref="FeedParser.ParseStreaming"/>): neither they nor their entries stay alive
    /// (and get copied by each garbage collection) until the end of a large document.
    /// </summary>
    internal int HandedOut { get; private set; }

    /// <summary>Items were handed out by a first reading that a repaired re-reading replaced.</summary>
    internal bool Reread { get; set; }

    private bool _inherits;
    private bool _inheritedMixed;
    private string? _inherited;

    /// <summary>
    /// Counts an item handed out and not kept. An item without a language of its own took the feed's language known
    /// at that moment; it is final only if that is still the feed's language at the end of the document.
    /// </summary>
    internal void NoteHandedOut(bool inheritsLanguage)
    {
        HandedOut++;
        if (!inheritsLanguage)
        {
            return;
        }
        if (!_inherits)
        {
            _inherits = true;
            _inherited = Language;
        }
        else if (!string.Equals(_inherited, Language, StringComparison.Ordinal))
        {
            _inheritedMixed = true;
        }
    }

    /// <summary>Every item handed out and not kept is the item a full reading gives (same field values).</summary>
    internal bool HandedOutFinal => !Reread && (!_inherits || (!_inheritedMixed && string.Equals(_inherited, Language, StringComparison.Ordinal)));

    /// <summary>The reduced form the rest of the pipeline uses: plain-text titles and summaries.</summary>
    public ParsedFeed ToParsedFeed()
    {
        var items = new List<FeedItem>(Entries.Count + (KeptItems?.Count ?? 0));
        foreach (var (item, own) in KeptItems ?? [])
        {
            // Built with the feed language known when the entry was read: it stands when that is still the answer, else
            // it is the same item with the feed's language (everything else in it comes from the entry alone).
            var language = own ?? Language;
            items.Add(item.Language == language ? item : item with { Language = language });
        }
        foreach (var entry in Entries)
        {
            items.Add(entry.ToFeedItem(Language));
        }
        return new ParsedFeed(Version, Title?.ToPlainText() ?? "", items, Warnings) { Language = Language };
    }
}

/// <summary>One entry (RSS item, Atom entry, JSON Feed item) as read.</summary>
public sealed record FeedEntry
{
    public string? Id { get; set; }
    public string? Link { get; set; }
    public FeedText? Title { get; set; }
    public FeedText? Summary { get; set; }
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Updated { get; set; }
    public string? Language { get; set; }
    public List<string> Links { get; } = [];
    public List<FeedText> Contents { get; } = [];

    public FeedItem ToFeedItem(string? feedLanguage) => new()
    {
        Id = Id?.Trim() ?? "",
        Link = Link?.Trim() ?? "",
        Title = Title?.ToPlainText() ?? "",
        Summary = (Summary ?? (Contents.Count > 0 ? Contents[0] : null))?.ToPlainText() ?? "",
        // RSS 1.0 feeds date items with dc:date only; that is their publication date.
        Published = Published ?? Updated,
        Updated = Updated,
        Language = Language ?? feedLanguage,
    };
}

/// <summary>A text construct and its media type: <c>text/plain</c>, <c>text/html</c> or <c>application/xhtml+xml</c>.</summary>
public sealed record FeedText(string Value, string Type)
{
    public const string Plain = "text/plain";
    public const string Html = "text/html";
    public const string Xhtml = "application/xhtml+xml";

    /// <summary>Plain text for people: markup stripped from HTML and XHTML; other types (text, decoded base64) as they are.</summary>
    public string ToPlainText() => Type is Html or Xhtml ? HtmlText.ToPlainText(Value) : HtmlText.CollapseWhitespace(Value);
}
