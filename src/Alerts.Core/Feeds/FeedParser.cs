using System.Buffers;

namespace Alerts.Core.Feeds;

/// <summary>
/// Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1, telling them apart from the document itself.
/// Throws <see cref="FeedFormatException"/> for what is not a feed (an HTML error page, an empty or
/// truncated body); repairs what it can of malformed XML and says so in <see cref="ParsedFeed.Warnings"/>.
/// </summary>
public static class FeedParser
{
    /// <summary>Largest document read from a stream; the HTTP reader enforces its own, usually smaller, cap.</summary>
    public const int MaxDocumentBytes = 32 * 1024 * 1024;

    /// <param name="content">The body as received.</param>
    /// <param name="contentType">The HTTP Content-Type, for its charset; null when unknown.</param>
    /// <param name="baseUri">The document's URL (or Content-Location), against which relative links resolve.</param>
    public static ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType = null, Uri? baseUri = null)
        => ParseDocument(content, contentType, baseUri, null, keepItems: true).ToParsedFeed();

    /// <summary>
    /// Hands each item of an RSS or Atom document to <paramref name="onItem"/> as soon as it is read and keeps none of
    /// them, so a large document's items need not all stay alive until its end. Returns the feed (format, title,
    /// language, warnings) with <see cref="ParsedFeed.Items"/> holding only the items that were not handed out (all of a
    /// JSON Feed's, none of a streamed document's); or null when some item handed out is not the item
    /// <see cref="Parse(ReadOnlySpan{byte}, string?, Uri?)"/> gives (a feed language met after items without their own,
    /// a repaired re-reading), and the caller reads the document again with <c>Parse</c>.
    /// </summary>
    public static ParsedFeed? ParseStreaming(ReadOnlySpan<byte> content, string? contentType, Uri? baseUri, Action<FeedItem> onItem)
    {
        var document = ParseDocument(content, contentType, baseUri, onItem);
        return document.HandedOutFinal ? document.ToParsedFeed() : null;
    }

    public static ParsedFeed Parse(Stream content, string? contentType = null, Uri? baseUri = null)
        => ParseDocument(ReadAll(content), contentType, baseUri, null, keepItems: true).ToParsedFeed();

    /// <summary>The full reading (feed-level fields, text types, encoding) used by the conformance suite.</summary>
    public static FeedDocument ParseDocument(ReadOnlySpan<byte> content, string? contentType = null, Uri? baseUri = null)
        => ParseDocument(content, contentType, baseUri, null);

    /// <param name="keepItems">Keep each RSS/Atom entry's item instead of the entry (<see cref="FeedDocument.KeptItems"/>).</param>
    private static FeedDocument ParseDocument(ReadOnlySpan<byte> content, string? contentType, Uri? baseUri, Action<FeedItem>? onItem, bool keepItems = false)
    {
        var start = SkipBomAndWhitespace(content);
        if (start >= content.Length)
        {
            throw new FeedFormatException("not a feed: the document is empty");
        }
        var warnings = new List<string>();
        if (content[start] == (byte)'{')
        {
            var bom = content.StartsWith("\uFEFF"u8) ? 3 : 0;
            return JsonFeedReader.Read(content[bom..].ToArray(), baseUri, warnings);
        }
        var chars = FeedEncoding.DecodePooled(content, contentType, warnings, out var encodingName, out var length);
        try
        {
            return XmlFeedReader.Read(chars.AsMemory(0, length), encodingName, baseUri, warnings, onItem, keepItems);
        }
        finally
        {
            // Every string read was copied out of the buffer, so it can go back to the pool.
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static byte[] ReadAll(Stream content)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw new FeedFormatException($"feed document is larger than {MaxDocumentBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static int SkipBomAndWhitespace(ReadOnlySpan<byte> content)
    {
        var i = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < content.Length && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        // UTF-16/32 documents carry zero bytes; they are never JSON here and never empty.
        return i;
    }
}
