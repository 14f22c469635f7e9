using System.Buffers;
using System.Text;

namespace Alerts.Core.Feeds;

/// <summary>What became of reading one chunk of a <see cref="FeedSplit"/>.</summary>
public enum FeedChunkStatus
{
    /// <summary>Every item of the chunk was handed out, and each is the item the whole document's reading gives.</summary>
    Final,

    /// <summary>The items handed out are not final (a feed language met after them): read the chunk again without handing out.</summary>
    NotFinal,

    /// <summary>The chunk did not read as the plan expected (a warning, an error, another item count): read the whole document instead.</summary>
    Refused,
}

/// <summary>
/// One large RSS 2.0 or Atom document cut into runs of whole items, so that the runs can be parsed on several cores.
/// Each chunk is read as a document of its own: the original bytes before the first item (declaration, root and
/// channel start tags with their namespaces, xml:lang and xml:base, the feed's own elements), the chunk's items, and
/// the original bytes after the last item (feed elements that follow the items, such as a late &lt;language&gt;, and
/// the closing tags). Every chunk therefore sees the feed-level facts of the whole document, and is read by the public
/// <see cref="FeedParser"/>, not by a second parser.
/// <para>
/// A plan is made only when a small scanner, aware of comments, CDATA sections, processing instructions and quoted
/// attribute values, finds every item as a child of one container (the channel, or the root), one after the other with
/// nothing but whitespace, comments and processing instructions between them. Anything unusual (a DOCTYPE, RSS 1.0,
/// JSON, an encoding that is not ASCII-compatible, a tag the scanner cannot match) makes no plan. A chunk whose reading
/// gives any warning, fails, or yields another number of items than the scanner counted is <see cref="FeedChunkStatus.Refused"/>:
/// the caller then reads the whole document, so a split reading never differs from the whole one.
/// </para>
/// </summary>
public sealed class FeedSplit
{
    /// <summary>The XML reader's limit on a document's characters (no more than its bytes in the encodings split here).</summary>
    private const int MaxDocumentChars = 64 * 1024 * 1024;

    private readonly ReadOnlyMemory<byte> _content;
    private readonly string? _contentType;
    private readonly int _runStart;
    private readonly int _runEnd;
    private readonly int[] _cuts;
    private readonly int[] _counts;

    private FeedSplit(ReadOnlyMemory<byte> content, string? contentType, int runStart, int runEnd, int[] cuts, int[] counts)
    {
        _content = content;
        _contentType = contentType;
        _runStart = runStart;
        _runEnd = runEnd;
        _cuts = cuts;
        _counts = counts;
    }

    /// <summary>How many chunks the document is cut into (at least two).</summary>
    public int Count => _counts.Length;

    /// <summary>Items the scanner found in chunk <paramref name="index"/>.</summary>
    public int ItemCount(int index) => _counts[index];

    /// <summary>Items the scanner found in the document.</summary>
    public int TotalItems => _counts.Sum();

    /// <summary>Bytes every chunk repeats: the document before its first item and after its last.</summary>
    public int FrameBytes => _runStart + (_content.Length - _runEnd);

    /// <summary>
    /// Plans chunks of whole items, each ended at the first item end at least <paramref name="chunkBytes"/> bytes after its
    /// start; null when the document is smaller than <paramref name="minDocumentBytes"/>, would make fewer than two chunks,
    /// or is not a document this class splits safely. Every chunk repeats <see cref="FrameBytes"/>: the caller weighs that.
    /// </summary>
    public static FeedSplit? TryPlan(byte[] content, string? contentType, int minDocumentBytes, int chunkBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        return TryPlan(content.AsMemory(), contentType, minDocumentBytes, chunkBytes);
    }

    /// <summary>
    /// <see cref="TryPlan(byte[], string?, int, int)"/> over bytes held elsewhere (a file mapped into memory): the plan reads
    /// them again for every chunk, so they must stay readable and unchanged while it is used.
    /// </summary>
    public static FeedSplit? TryPlan(ReadOnlyMemory<byte> content, string? contentType, int minDocumentBytes, int chunkBytes)
    {
        // Past the XML reader's character limit the whole reading fails where the parts would not.
        if (content.Length < Math.Max(minDocumentBytes, 1) || content.Length > MaxDocumentChars || chunkBytes <= 0 || !AsciiCompatible(content.Span, contentType, out var start))
        {
            return null;
        }
        var scan = new ItemScanner(content);
        if (!scan.Run(start))
        {
            return null;
        }
        var ends = scan.ItemEnds;
        var runStart = scan.RunStart;
        var runEnd = ends[^1];
        var target = chunkBytes;
        var cuts = new List<int> { runStart };
        var counts = new List<int>();
        var inChunk = 0;
        foreach (var end in ends)
        {
            inChunk++;
            if (end - cuts[^1] >= target && end < runEnd)
            {
                cuts.Add(end);
                counts.Add(inChunk);
                inChunk = 0;
            }
        }
        if (inChunk > 0)
        {
            cuts.Add(runEnd);
            counts.Add(inChunk);
        }
        return counts.Count < 2 ? null : new FeedSplit(content, contentType, runStart, runEnd, [.. cuts], [.. counts]);
    }

    /// <summary>
    /// Reads chunk <paramref name="index"/> as a document of its own. With <paramref name="onItem"/>, its items are handed
    /// out as they are read (<see cref="FeedParser.ParseStreaming"/>) and <paramref name="feed"/> holds none; without,
    /// <paramref name="feed"/> holds them all (<see cref="FeedParser.Parse(ReadOnlySpan{byte}, string?, Uri?)"/>).
    /// <paramref name="feed"/> is null unless the status is <see cref="FeedChunkStatus.Final"/>. Safe to call from several threads.
    /// </summary>
    public FeedChunkStatus ReadChunk(int index, Uri? baseUri, Action<FeedItem>? onItem, out ParsedFeed? feed)
    {
        feed = null;
        var whole = _content.Span;
        var middle = whole.Slice(_cuts[index], _cuts[index + 1] - _cuts[index]);
        var length = _runStart + middle.Length + (_content.Length - _runEnd);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            whole[.._runStart].CopyTo(buffer);
            middle.CopyTo(buffer.AsSpan(_runStart));
            whole[_runEnd..].CopyTo(buffer.AsSpan(_runStart + middle.Length));
            var document = buffer.AsSpan(0, length);
            ParsedFeed? read;
            var handedOut = 0;
            try
            {
                if (onItem is null)
                {
                    read = FeedParser.Parse(document, _contentType, baseUri);
                }
                else
                {
                    read = FeedParser.ParseStreaming(document, _contentType, baseUri, item =>
                    {
                        handedOut++;
                        onItem(item);
                    });
                    if (read is null)
                    {
                        return handedOut == _counts[index] ? FeedChunkStatus.NotFinal : FeedChunkStatus.Refused;
                    }
                }
            }
            catch (FeedFormatException)
            {
                return FeedChunkStatus.Refused;
            }
            if (read.Warnings.Count > 0 || handedOut + read.Items.Count != _counts[index] || (onItem is not null && read.Items.Count > 0))
            {
                return FeedChunkStatus.Refused;
            }
            feed = read;
            return FeedChunkStatus.Final;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The encoding the whole document is read in (no BOM or charset other than UTF-8 or a single-byte code page) keeps
    /// ASCII markup as ASCII bytes, so the scanner can work on the bytes and every chunk is decoded as the whole would be.
    /// </summary>
    private static bool AsciiCompatible(ReadOnlySpan<byte> content, string? contentType, out int start)
    {
        start = 0;
        var warnings = new List<string>();
        var decision = FeedEncoding.Choose(content, contentType, warnings);
        if (warnings.Count > 0)
        {
            return false;
        }
        if (decision.Encoding is UTF8Encoding)
        {
            start = decision.PreambleLength;
            return true;
        }
        if (!decision.Encoding.IsSingleByte || decision.PreambleLength != 0)
        {
            return false;
        }
        Span<byte> ascii = stackalloc byte[0x7F - 0x20];
        for (var i = 0; i < ascii.Length; i++)
        {
            ascii[i] = (byte)(0x20 + i);
        }
        return decision.Encoding.GetString(ascii) == Encoding.ASCII.GetString(ascii);
    }

    /// <summary>
    /// One forward pass over the bytes that matches every tag, and notes where the run of items starts and where each
    /// item ends. It accepts a subset of well-formed XML; whatever it does not accept makes no plan.
    /// </summary>
    private sealed class ItemScanner(ReadOnlyMemory<byte> content)
    {
        private readonly List<(int Start, int Length)> _open = [];
        private byte[] _item = [];
        private byte[] _itemOpen = [];
        private byte[] _itemClose = [];
        private int _itemDepth = -1;
        private int _container = -1;
        private bool _inItem;
        private bool _afterRun;

        public int RunStart { get; private set; } = -1;

        public List<int> ItemEnds { get; } = [];

        public bool Run(int position)
        {
            var text = content.Span;
            var rootSeen = false;
            while (true)
            {
                var rest = text[position..];
                var lt = rest.IndexOf((byte)'<');
                var run = lt < 0 ? rest : rest[..lt];
                if (!run.IsEmpty && !_inItem && (_open.Count == 0 || _open.Count == _itemDepth) && run.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                {
                    if (_open.Count == 0)
                    {
                        return false; // text outside the root element
                    }
                    _afterRun |= RunStart >= 0;
                }
                if (lt < 0)
                {
                    break;
                }
                position += lt;
                rest = text[position..];
                if (rest.StartsWith("<!--"u8))
                {
                    if (!Skip(text, ref position, 4, "-->"u8))
                    {
                        return false;
                    }
                }
                else if (rest.StartsWith("<![CDATA["u8))
                {
                    if (_open.Count == 0 || !Skip(text, ref position, 9, "]]>"u8))
                    {
                        return false;
                    }
                    _afterRun |= RunStart >= 0 && !_inItem && _open.Count == _itemDepth;
                }
                else if (rest.StartsWith("<?"u8))
                {
                    if (!Skip(text, ref position, 2, "?>"u8))
                    {
                        return false;
                    }
                }
                else if (rest.StartsWith("<!"u8))
                {
                    return false; // a DOCTYPE, or markup this scanner does not read
                }
                else if (rest.StartsWith("</"u8))
                {
                    if (!EndTag(text, ref position))
                    {
                        return false;
                    }
                    if (_open.Count == 0)
                    {
                        rootSeen = true;
                    }
                }
                else
                {
                    if (rootSeen && _open.Count == 0)
                    {
                        return false; // a second root element
                    }
                    if (!StartTag(text, ref position))
                    {
                        return false;
                    }
                    if (_open.Count == 0)
                    {
                        rootSeen = true; // an empty root element
                    }
                }
            }
            return rootSeen && _open.Count == 0 && RunStart >= 0 && !_inItem;
        }

        private static bool Skip(ReadOnlySpan<byte> text, ref int position, int opener, ReadOnlySpan<byte> closer)
        {
            var end = text[(position + opener)..].IndexOf(closer);
            if (end < 0)
            {
                return false;
            }
            position += opener + end + closer.Length;
            return true;
        }

        private static int NameEnd(ReadOnlySpan<byte> text, int from)
        {
            var end = text[from..].IndexOfAny(" \t\r\n/>"u8);
            return end < 0 ? -1 : from + end;
        }

        private bool EndTag(ReadOnlySpan<byte> text, ref int position)
        {
            var nameStart = position + 2;
            var nameEnd = NameEnd(text, nameStart);
            if (nameEnd < 0 || _open.Count == 0)
            {
                return false;
            }
            var (start, length) = _open[^1];
            if (!text.Slice(nameStart, nameEnd - nameStart).SequenceEqual(text.Slice(start, length)))
            {
                return false; // not the element that is open
            }
            var close = text[nameEnd..].IndexOfAnyExcept(" \t\r\n"u8);
            if (close < 0 || text[nameEnd + close] != (byte)'>')
            {
                return false;
            }
            position = nameEnd + close + 1;
            _open.RemoveAt(_open.Count - 1);
            if (_inItem && _open.Count == _itemDepth)
            {
                _inItem = false;
                ItemEnds.Add(position);
            }
            else if (RunStart >= 0 && _open.Count < _itemDepth)
            {
                _afterRun = true; // the container is closed: no item may follow
            }
            return true;
        }

        private bool StartTag(ReadOnlySpan<byte> text, ref int position)
        {
            var tagStart = position;
            var nameStart = position + 1;
            var nameEnd = NameEnd(text, nameStart);
            if (nameEnd <= nameStart)
            {
                return false;
            }
            var name = text[nameStart..nameEnd];
            var i = nameEnd;
            string? version = null;
            bool empty;
            while (true)
            {
                var next = text[i..].IndexOfAnyExcept(" \t\r\n"u8);
                if (next < 0)
                {
                    return false;
                }
                i += next;
                if (text[i] == (byte)'>')
                {
                    empty = false;
                    i++;
                    break;
                }
                if (text[i] == (byte)'/')
                {
                    if (i + 1 >= text.Length || text[i + 1] != (byte)'>')
                    {
                        return false;
                    }
                    empty = true;
                    i += 2;
                    break;
                }
                // name = "value" or name = 'value'; a '>' inside the value is text.
                var equals = text[i..].IndexOf((byte)'=');
                if (equals <= 0)
                {
                    return false;
                }
                var attribute = text.Slice(i, equals).TrimEnd(" \t\r\n"u8);
                if (attribute.IndexOfAny(" \t\r\n<>/\"'"u8) >= 0)
                {
                    return false;
                }
                i += equals + 1;
                var quoteAt = text[i..].IndexOfAnyExcept(" \t\r\n"u8);
                if (quoteAt < 0)
                {
                    return false;
                }
                i += quoteAt;
                var quote = text[i];
                if (quote is not ((byte)'"' or (byte)'\''))
                {
                    return false;
                }
                var valueEnd = text[(i + 1)..].IndexOf(quote);
                if (valueEnd < 0)
                {
                    return false;
                }
                if (_open.Count == 0 && attribute.SequenceEqual("version"u8))
                {
                    version = Encoding.ASCII.GetString(text.Slice(i + 1, valueEnd)).Trim();
                }
                i += valueEnd + 2;
            }
            position = i;
            var depth = _open.Count;
            if (depth == 0)
            {
                // RSS 2.0 (and 0.92-0.94, or no version) or Atom; 0.91 is told apart by the document's first characters,
                // which a chunk does not share, and RSS 1.0 is RDF.
                if (name.SequenceEqual("rss"u8) && version != "0.91")
                {
                    _item = "item"u8.ToArray();
                    _itemOpen = "<item"u8.ToArray();
                    _itemClose = "</item"u8.ToArray();
                }
                else if (name.SequenceEqual("feed"u8))
                {
                    _item = "entry"u8.ToArray();
                    _itemOpen = "<entry"u8.ToArray();
                    _itemClose = "</entry"u8.ToArray();
                }
                else
                {
                    return false;
                }
            }
            else if (!_inItem && name.SequenceEqual(_item) && (depth == 1 || (depth == 2 && _item is [(byte)'i', ..] && IsOpen(1, "channel"u8, text))))
            {
                // An item of the container (the root, or RSS's channel).
                var container = depth == 1 ? _open[0].Start : _open[1].Start;
                if (RunStart < 0)
                {
                    RunStart = tagStart;
                    _itemDepth = depth;
                    _container = container;
                }
                else if (_afterRun || container != _container || depth != _itemDepth)
                {
                    return false; // items not in one run of one container
                }
                if (empty)
                {
                    ItemEnds.Add(position);
                    return true;
                }
                var end = SkipItem(text, position);
                if (end > 0)
                {
                    position = end;
                    ItemEnds.Add(end);
                    return true;
                }
                _inItem = true;
            }
            else if (!_inItem && RunStart >= 0 && depth == _itemDepth)
            {
                _afterRun = true; // a feed element after the first item: any later item would not be in one run
            }
            if (!empty)
            {
                _open.Add((nameStart, nameEnd - nameStart));
            }
            return true;
        }

        /// <summary>
        /// The common item: no comment, CDATA section, processing instruction or element of the item's name before the
        /// first end tag of that name, which then closes it (the XML reader of the part checks the rest). Returns the
        /// position after that end tag, or -1 when the item must be scanned tag by tag.
        /// </summary>
        private int SkipItem(ReadOnlySpan<byte> text, int from)
        {
            var rest = text[from..];
            var close = rest.IndexOf(_itemClose);
            if (close < 0)
            {
                return -1;
            }
            var inner = rest[..close];
            if (inner.IndexOf("<!"u8) >= 0 || inner.IndexOf("<?"u8) >= 0 || inner.IndexOf(_itemOpen) >= 0)
            {
                return -1;
            }
            var after = from + close + _itemClose.Length;
            var gt = text[after..].IndexOfAnyExcept(" \t\r\n"u8);
            return gt >= 0 && text[after + gt] == (byte)'>' ? after + gt + 1 : -1;
        }

        private bool IsOpen(int depth, ReadOnlySpan<byte> name, ReadOnlySpan<byte> text)
            => text.Slice(_open[depth].Start, _open[depth].Length).SequenceEqual(name);
    }
}
