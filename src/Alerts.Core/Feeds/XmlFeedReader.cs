using System.Net;
using System.Text;
using System.Xml;

namespace Alerts.Core.Feeds;

/// <summary>
/// Streaming reader for RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 on <see cref="XmlReader"/>.
/// DTDs are ignored and never fetched; a document that declares entities in its DTD is refused outright.
/// Why one class over 300 lines: it is a single forward pass over one <see cref="XmlReader"/> whose state (the
/// document being filled, the Atom dialect found, the base URI, one shared text buffer) every element handler shares; splitting it
/// would pass that state between classes on the hot path. Left as is on purpose (issue #15); figures in docs/PERFORMANCE.md.
/// </summary>
internal sealed class XmlFeedReader
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string Atom03Ns = "http://purl.org/atom/ns#";
    private const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Rss10Ns = "http://purl.org/rss/1.0/";
    private const string Rss090Ns = "http://my.netscape.com/rdf/simple/0.9/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string DctermsNs = "http://purl.org/dc/terms/";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 64L * 1024 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        CloseInput = true,
    };

    private readonly StringBuilder _buffer = new();
    private Action<FeedItem>? _onItem;
    private bool _keepItems;
    private readonly Uri? _documentBase;
    private FeedDocument _document = null!;
    private bool _rootSeen;
    private bool _containerClosed;
    private ReadOnlyMemory<char> _text;
    private string _atomNs = AtomNs;
    private string _rootName = "";

    // A base that is not http(s) (javascript:, data:, file:) is never used to resolve links.
    private XmlFeedReader(Uri? documentBase) => _documentBase = documentBase is not null && IsWeb(documentBase) ? documentBase : null;

    private static bool IsWeb(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static FeedDocument Read(string text, string encodingName, Uri? baseUri, List<string> warnings)
        => Read(text.AsMemory(), encodingName, baseUri, warnings);

    /// <param name="text">The decoded document; it may live in a pooled buffer, so nothing read keeps a reference to it.</param>
    /// <param name="onItem">Handed each entry's item as it is read, on the first reading only (a repaired re-reading makes new
    /// items); the items handed out are counted, not kept (<see cref="FeedParser.ParseStreaming"/>).</param>
    /// <param name="keepItems">Without <paramref name="onItem"/>: keep each entry's item instead of the entry
    /// (<see cref="FeedDocument.KeptItems"/>), in every reading.</param>
    public static FeedDocument Read(ReadOnlyMemory<char> text, string encodingName, Uri? baseUri, List<string> warnings, Action<FeedItem>? onItem = null, bool keepItems = false)
    {
        RefuseEntityDeclarations(text.Span);
        var reader = new XmlFeedReader(baseUri) { _onItem = onItem, _keepItems = keepItems && onItem is null };
        XmlException? error;
        try
        {
            return reader.ReadAll(text, encodingName, warnings);
        }
        catch (XmlException e)
        {
            error = e;
        }
        // The rare repair path works on a string of its own.
        var repaired = XmlRepair.RepairEntities(text.ToString(), out var repairs);
        if (repairs > 0)
        {
            var second = new XmlFeedReader(baseUri) { _keepItems = reader._keepItems };
            var repairWarnings = new List<string>(warnings) { $"repaired {repairs} undefined entity or bare '&' reference(s)" };
            // Items the first reading handed out without keeping them are not the re-reading's.
            var reread = reader._document is { HandedOut: > 0 };
            try
            {
                var document = second.ReadAll(repaired.AsMemory(), encodingName, repairWarnings);
                document.Reread = reread;
                return document;
            }
            catch (XmlException e)
            {
                error = e;
                reader = second;
                warnings = repairWarnings;
            }
            if (reread)
            {
                var recovered = reader.Recover(error, warnings);
                recovered.Reread = true;
                return recovered;
            }
        }
        return reader.Recover(error, warnings);
    }

    private FeedDocument Recover(XmlException error, List<string> warnings)
    {
        if (!_rootSeen)
        {
            throw new FeedFormatException(LooksLikeHtmlPage(_text.Span)
                ? "not a feed: the document is an HTML page"
                : $"not a feed: the document is not well-formed XML ({error.Message})", error);
        }
        // "</rss" or "</feed" without its '>' at the very end is a harmless slip, not a truncation.
        var endsWithRootEnd = _text.Span.TrimEnd().EndsWith("</" + _rootName, StringComparison.Ordinal);
        if (!_containerClosed && !endsWithRootEnd && _document.EntryCount == 0)
        {
            throw new FeedFormatException($"not a feed: the document is broken or truncated before any item ({error.Message})", error);
        }
        _document.Warnings.Clear();
        _document.Warnings.AddRange(warnings);
        _document.Warnings.Add($"malformed XML at line {error.LineNumber}, position {error.LinePosition}: kept {_document.EntryCount} item(s) read before it ({error.Message})");
        return _document;
    }

    private FeedDocument ReadAll(ReadOnlyMemory<char> text, string encodingName, List<string> warnings)
    {
        _text = text;
        using var r = XmlReader.Create(new CharMemoryReader(text), s_settings);
        if (!MoveToRoot(r))
        {
            throw new FeedFormatException(text.Span.Trim().IsEmpty ? "not a feed: the document is empty" : "not a feed: the document has no root element");
        }
        _rootSeen = false;
        var local = r.LocalName;
        var ns = r.NamespaceURI;
        var scope = Scope.Of(r, new Scope(_documentBase, null));
        _rootName = r.Name;
        if (local.Equals("rss", StringComparison.OrdinalIgnoreCase) || local == "channel" && IsRss(ns))
        {
            _document = NewDocument(RssVersion(r.GetAttribute("version"), text.Span), encodingName, warnings);
            _rootSeen = true;
            if (local == "channel")
            {
                ReadChannel(r, scope);
            }
            else
            {
                ReadChildren(r, child =>
                {
                    if (child.LocalName == "channel" && IsRss(child.NamespaceURI)) ReadChannel(child, Scope.Of(child, scope));
                    else if (child.LocalName == "item" && IsRss(child.NamespaceURI)) ReadRssItem(child, Scope.Of(child, scope));
                    else child.Skip();
                });
            }
        }
        else if (local == "RDF" && ns == RdfNs)
        {
            _document = NewDocument(r.LookupNamespace("") == Rss090Ns ? "rss090" : "rss10", encodingName, warnings);
            _rootSeen = true;
            ReadChildren(r, child =>
            {
                if (child.NamespaceURI == Rss090Ns) _document.Version = "rss090";
                if (child.LocalName == "channel" && IsRss(child.NamespaceURI)) ReadChannel(child, Scope.Of(child, scope));
                else if (child.LocalName == "item" && IsRss(child.NamespaceURI)) ReadRssItem(child, Scope.Of(child, scope));
                else child.Skip();
            });
            _containerClosed = true;
        }
        else if (local == "feed")
        {
            // Pre-standard Atom drafts used other namespaces; the root's own namespace is taken as Atom's.
            _atomNs = ns;
            _document = NewDocument(ns == AtomNs ? "atom10" : "atom03", encodingName, warnings);
            _rootSeen = true;
            ReadAtomFeed(r, scope);
        }
        else
        {
            throw new FeedFormatException(local.Equals("html", StringComparison.OrdinalIgnoreCase)
                ? "not a feed: the document is an HTML page"
                : $"not a feed: the root element is <{r.Name}>, not rss, RDF or Atom feed");
        }
        // Anything after the root element is read so that trailing garbage is reported.
        while (r.Read())
        {
        }
        return _document;
    }

    private static FeedDocument NewDocument(string version, string encodingName, List<string> warnings)
    {
        var document = new FeedDocument { Version = version, Encoding = encodingName };
        document.Warnings.AddRange(warnings);
        return document;
    }

    private static bool MoveToRoot(XmlReader r)
    {
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }
        return false;
    }

    private static string RssVersion(string? version, ReadOnlySpan<char> text)
    {
        var v = version?.Trim() ?? "";
        return v switch
        {
            "" => "rss",
            "0.91" => text[..Math.Min(text.Length, 2048)].Contains("Netscape", StringComparison.OrdinalIgnoreCase) ? "rss091n" : "rss091u",
            "0.90" => "rss090",
            "0.92" => "rss092",
            "0.93" => "rss093",
            "0.94" => "rss094",
            _ when v.StartsWith('2') => "rss20",
            "1.0" => "rss10",
            _ => "rss",
        };
    }

    private static bool IsRss(string ns) => ns.Length == 0 || ns == Rss10Ns || ns == Rss090Ns
        || ns.Contains("backend.userland.com/rss", StringComparison.OrdinalIgnoreCase)
        || ns.Contains("blogs.law.harvard.edu/tech/rss", StringComparison.OrdinalIgnoreCase);

    private void ReadChannel(XmlReader r, Scope scope)
    {
        var document = _document;
        ReadChildren(r, child =>
        {
            var ns = child.NamespaceURI;
            var name = child.LocalName;
            if (IsRss(ns))
            {
                switch (name)
                {
                    case "title": document.Title = GuessType(ReadText(child, out var m), m); return;
                    case "link":
                        var link = Resolve(ReadText(child, out _), Scope.Of(child, scope).Base);
                        document.Link = link;
                        document.Links.Add(link);
                        return;
                    case "description": { var value = new FeedText(ReadText(child, out _), FeedText.Html); document.Subtitle ??= value; } return;
                    case "language": { var value = NullIfEmpty(ReadText(child, out _)); document.Language ??= value; } return;
                    case "pubDate": { var value = FeedDates.Parse(ReadText(child, out _)); document.Published ??= value; } return;
                    case "lastBuildDate": { var value = FeedDates.Parse(ReadText(child, out _)); document.Updated ??= value; } return;
                    case "item": ReadRssItem(child, Scope.Of(child, scope)); return;
                }
            }
            else if (ns == DcNs || ns == DctermsNs)
            {
                switch (name)
                {
                    case "title": { var value = GuessType(ReadText(child, out var m), m); document.Title ??= value; } return;
                    case "description": { var value = new FeedText(ReadText(child, out _), FeedText.Html); document.Subtitle ??= value; } return;
                    case "language": { var value = NullIfEmpty(ReadText(child, out _)); document.Language ??= value; } return;
                    case "date" or "modified": { var value = FeedDates.Parse(ReadText(child, out _)); document.Updated ??= value; } return;
                    case "issued": { var value = FeedDates.Parse(ReadText(child, out _)); document.Published ??= value; } return;
                }
            }
            else if (ns is AtomNs or Atom03Ns && name == "link")
            {
                var (href, rel) = ReadAtomLink(child, scope);
                if (href is not null)
                {
                    document.Links.Add(href);
                    if (rel == "alternate") document.Link ??= href;
                }
                return;
            }
            child.Skip();
        });
        _containerClosed = true;
    }

    private void ReadRssItem(XmlReader r, Scope scope)
    {
        var entry = new FeedEntry { Language = scope.Language };
        var about = r.GetAttribute("about", RdfNs);
        string? guid = null;
        var guidIsPermaLink = true;
        FeedText? description = null;
        // A loop rather than a callback: no closure and delegate per item.
        var open = EnterChildren(r, out var depth);
        while (open && NextChild(r, depth))
        {
            var child = r;
            var ns = child.NamespaceURI;
            var name = child.LocalName;
            if (IsRss(ns))
            {
                switch (name)
                {
                    case "title": entry.Title = GuessType(ReadText(child, out var m), m); continue;
                    case "link":
                        entry.Link = Resolve(ReadText(child, out _), Scope.Of(child, scope).Base);
                        entry.Links.Add(entry.Link);
                        continue;
                    case "guid":
                        guidIsPermaLink = !string.Equals(child.GetAttribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                        guid = ReadText(child, out _).Trim();
                        continue;
                    case "description" or "summary":
                        // The first of <description> and <summary> is the summary, the other becomes content.
                        var text = new FeedText(ReadText(child, out _), FeedText.Html);
                        if (entry.Summary is null) entry.Summary = text;
                        else entry.Contents.Add(text);
                        continue;
                    case "body": entry.Contents.Add(new FeedText(ReadText(child, out var bodyMarkup), bodyMarkup ? FeedText.Xhtml : FeedText.Html)); continue;
                    case "fullitem": entry.Contents.Add(new FeedText(ReadText(child, out _), FeedText.Html)); continue;
                    case "pubDate": { var value = FeedDates.Parse(ReadText(child, out _)); entry.Published ??= value; } continue;
                    case "language": entry.Language = NullIfEmpty(ReadText(child, out _)) ?? entry.Language; continue;
                }
            }
            else if (ns == DcNs || ns == DctermsNs)
            {
                switch (name)
                {
                    case "title": { var value = GuessType(ReadText(child, out var m), m); entry.Title ??= value; } continue;
                    case "description": { var value = new FeedText(ReadText(child, out _), FeedText.Html); description ??= value; } continue;
                    case "date" or "modified": { var value = FeedDates.Parse(ReadText(child, out _)); entry.Updated ??= value; } continue;
                    case "issued": { var value = FeedDates.Parse(ReadText(child, out _)); entry.Published ??= value; } continue;
                    case "language": entry.Language = NullIfEmpty(ReadText(child, out _)) ?? entry.Language; continue;
                    case "identifier": { var value = ReadText(child, out _).Trim(); guid ??= value; } continue;
                }
            }
            else if (ns == ContentNs && name == "encoded")
            {
                entry.Contents.Add(new FeedText(ReadText(child, out _), FeedText.Html));
                continue;
            }
            else if (ns == XhtmlNs && name == "body")
            {
                entry.Contents.Add(new FeedText(ReadText(child, out _), FeedText.Xhtml));
                continue;
            }
            else if (ns is AtomNs or Atom03Ns && name == "link")
            {
                var (href, rel) = ReadAtomLink(child, scope);
                if (href is not null)
                {
                    entry.Links.Add(href);
                    if (rel == "alternate") entry.Link ??= href;
                }
                continue;
            }
            child.Skip();
        }
        if (description is not null && entry.Summary is null)
        {
            entry.Summary = description;
        }
        entry.Id = !string.IsNullOrEmpty(guid) ? guid : NullIfEmpty(about);
        if (string.IsNullOrEmpty(entry.Link) && guidIsPermaLink && !string.IsNullOrEmpty(guid) && IsAbsoluteHttp(guid))
        {
            entry.Link = guid;
        }
        AddEntry(entry);
    }

    private void AddEntry(FeedEntry entry)
    {
        if (_keepItems)
        {
            (_document.KeptItems ??= []).Add((entry.ToFeedItem(_document.Language), entry.Language));
            return;
        }
        if (_onItem is null)
        {
            _document.Entries.Add(entry);
            return;
        }
        // Streamed: the item is handed out and counted; neither it nor its entry is kept.
        _document.NoteHandedOut(entry.Language is null);
        _onItem(entry.ToFeedItem(_document.Language));
    }

    private void ReadAtomFeed(XmlReader r, Scope scope)
    {
        var document = _document;
        document.Language = scope.Language;
        ReadChildren(r, child =>
        {
            var ns = child.NamespaceURI;
            if (ns is AtomNs or Atom03Ns || ns.Length == 0 || ns == _atomNs)
            {
                var childScope = Scope.Of(child, scope);
                switch (child.LocalName)
                {
                    case "title": document.Title = ReadAtomText(child, ns == Atom03Ns); return;
                    case "subtitle" or "tagline": document.Subtitle = ReadAtomText(child, ns == Atom03Ns); return;
                    case "id": document.Id = ResolveId(ReadText(child, out _), childScope.Base); return;
                    case "updated" or "modified": document.Updated = FeedDates.Parse(ReadText(child, out _)); return;
                    case "published" or "issued": document.Published = FeedDates.Parse(ReadText(child, out _)); return;
                    case "link":
                        var (href, rel) = ReadAtomLink(child, scope);
                        if (href is not null)
                        {
                            document.Links.Add(href);
                            if (rel == "alternate") document.Link ??= href;
                        }
                        return;
                    case "entry": ReadAtomEntry(child, childScope); return;
                }
            }
            else if (ns == DcNs && child.LocalName == "language")
            {
                var language = NullIfEmpty(ReadText(child, out _));
                document.Language ??= language;
                return;
            }
            child.Skip();
        });
        _containerClosed = true;
    }

    private void ReadAtomEntry(XmlReader r, Scope scope)
    {
        var entry = new FeedEntry { Language = scope.Language };
        // A loop rather than a callback: no closure and delegate per item.
        var open = EnterChildren(r, out var depth);
        while (open && NextChild(r, depth))
        {
            var child = r;
            var ns = child.NamespaceURI;
            if (ns is AtomNs or Atom03Ns || ns.Length == 0 || ns == _atomNs)
            {
                var childScope = Scope.Of(child, scope);
                switch (child.LocalName)
                {
                    case "title": entry.Title = ReadAtomText(child, ns == Atom03Ns); continue;
                    case "id": entry.Id = ResolveId(ReadText(child, out _), childScope.Base); continue;
                    case "summary": entry.Summary = ReadAtomText(child, ns == Atom03Ns); continue;
                    case "content": entry.Contents.Add(ReadAtomText(child, ns == Atom03Ns)); continue;
                    case "published" or "issued": entry.Published = FeedDates.Parse(ReadText(child, out _)); continue;
                    case "updated" or "modified": entry.Updated = FeedDates.Parse(ReadText(child, out _)); continue;
                    case "link":
                        var (href, rel) = ReadAtomLink(child, scope);
                        if (href is not null)
                        {
                            entry.Links.Add(href);
                            if (rel == "alternate") entry.Link ??= href;
                        }
                        continue;
                }
            }
            else if (ns == DcNs && child.LocalName == "language")
            {
                entry.Language = NullIfEmpty(ReadText(child, out _)) ?? entry.Language;
                continue;
            }
            child.Skip();
        }
        AddEntry(entry);
    }

    private (string? Href, string Rel) ReadAtomLink(XmlReader r, Scope parent)
    {
        var scope = Scope.Of(r, parent);
        var href = r.GetAttribute("href");
        var rel = r.GetAttribute("rel")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(rel) || rel == "http://www.iana.org/assignments/relation/alternate")
        {
            rel = "alternate";
        }
        if (href is null)
        {
            // Some Atom 0.3 feeds put the URL in the element's text.
            var text = ReadText(r, out _).Trim();
            href = text.Length > 0 ? text : null;
        }
        else
        {
            r.Skip();
        }
        return (href is null ? null : Resolve(href, scope.Base), rel);
    }

    private FeedText ReadAtomText(XmlReader r, bool atom03)
    {
        var type = r.GetAttribute("type")?.Trim().ToLowerInvariant();
        var mode = atom03 ? r.GetAttribute("mode")?.Trim().ToLowerInvariant() : null;
        var value = ReadText(r, out var markup);
        var binaryType = type is not null && type.Contains('/') && !type.StartsWith("text/", StringComparison.Ordinal)
            && !type.EndsWith("xml", StringComparison.Ordinal);
        if (mode == "base64" || (!atom03 && binaryType && !markup))
        {
            try
            {
                value = Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
            }
            catch (FormatException)
            {
                _document.Warnings.Add("an Atom 0.3 base64 text construct is not valid base64; kept as text");
            }
        }
        var mediaType = type switch
        {
            "xhtml" or "application/xhtml+xml" => FeedText.Xhtml,
            "html" or "text/html" => FeedText.Html,
            _ => markup ? FeedText.Xhtml : binaryType ? type! : FeedText.Plain,
        };
        if (mediaType == FeedText.Html && markup)
        {
            // type="html" wrapped in an element: the wrapper's text is the HTML.
            value = HtmlText.ToPlainText(value);
        }
        if (mode == "xml" && mediaType == FeedText.Html)
        {
            mediaType = FeedText.Xhtml;
        }
        return new FeedText(value, mediaType);
    }

    private static FeedText GuessType(string value, bool markup)
        => new(value, markup || HtmlText.LooksLikeHtml(value) ? FeedText.Html : FeedText.Plain);

    /// <summary>Calls <paramref name="onChild"/> for each child element; the callback consumes the element.</summary>
    private static void ReadChildren(XmlReader r, Action<XmlReader> onChild)
    {
        var open = EnterChildren(r, out var depth);
        while (open && NextChild(r, depth))
        {
            onChild(r);
        }
    }

    /// <summary>Moves into an element's content; false, and past the element, when it is empty.</summary>
    private static bool EnterChildren(XmlReader r, out int depth)
    {
        depth = r.Depth;
        var empty = r.IsEmptyElement;
        r.Read();
        return !empty;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="depth"/>, which the caller then consumes; false,
    /// and past the element's end, when there is none.
    /// </summary>
    private static bool NextChild(XmlReader r, int depth)
    {
        while (!r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                return true;
            }
            var end = r.NodeType == XmlNodeType.EndElement && r.Depth == depth;
            r.Read();
            if (end)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// The content of a text element. Child elements (inline XHTML, unescaped HTML) are kept as markup
    /// and reported through <paramref name="markup"/>; text is then escaped so the whole stays one HTML fragment.
    /// </summary>
    private string ReadText(XmlReader r, out bool markup)
    {
        markup = false;
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        var depth = r.Depth;
        r.Read();
        if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
        {
            var first = r.Value;
            r.Read();
            if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
            {
                r.Read();
                return first;
            }
            _buffer.Clear();
            AppendEscaped(_buffer, first);
        }
        else if (r.NodeType == XmlNodeType.EndElement && r.Depth == depth)
        {
            r.Read();
            return "";
        }
        else
        {
            _buffer.Clear();
        }
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    AppendEscaped(_buffer, r.Value);
                    break;
                case XmlNodeType.Element:
                    markup = true;
                    _buffer.Append('<').Append(r.LocalName);
                    var empty = r.IsEmptyElement;
                    if (r.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (r.Prefix == "xmlns" || r.LocalName == "xmlns") continue;
                            _buffer.Append(' ').Append(r.LocalName).Append("=\"");
                            AppendEscaped(_buffer, r.Value);
                            _buffer.Append('"');
                        }
                        while (r.MoveToNextAttribute());
                        r.MoveToElement();
                    }
                    _buffer.Append(empty ? " />" : ">");
                    break;
                case XmlNodeType.EndElement:
                    _buffer.Append("</").Append(r.LocalName).Append('>');
                    break;
            }
            r.Read();
        }
        r.Read();
        var result = _buffer.ToString();
        return markup ? result : WebUtility.HtmlDecode(result);
    }

    private static void AppendEscaped(StringBuilder buffer, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': buffer.Append("&amp;"); break;
                case '<': buffer.Append("&lt;"); break;
                case '>': buffer.Append("&gt;"); break;
                case '"': buffer.Append("&quot;"); break;
                default: buffer.Append(c); break;
            }
        }
    }

    private static string Resolve(string href, Uri? baseUri)
    {
        var value = href.Trim();
        if (baseUri is null || (value.Length > 0 && Uri.TryCreate(value, UriKind.Absolute, out var absolute) && !absolute.IsFile && absolute.Scheme != "file" && IsSchemeExplicit(value)))
        {
            return value;
        }
        return Uri.TryCreate(baseUri, value, out var resolved) ? resolved.ToString() : value;
    }

    // Uri treats "/path" as an absolute file URI on Unix; only a written scheme makes a link absolute.
    private static bool IsSchemeExplicit(string value)
    {
        var colon = value.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(value[0]) && value.AsSpan(0, colon).IndexOfAny('/', '?', '#') < 0;
    }

    private static string? ResolveId(string id, Uri? baseUri)
    {
        var value = id.Trim();
        if (value.Length == 0)
        {
            return null;
        }
        // Only ids that are relative references (no scheme) are resolved; tag: and urn: ids stay as written.
        return IsSchemeExplicit(value) || baseUri is null ? value : Resolve(value, baseUri);
    }

    private static bool LooksLikeHtmlPage(ReadOnlySpan<char> text)
    {
        var head = text[..Math.Min(text.Length, 2048)];
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsAbsoluteHttp(string value)
        => value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void RefuseEntityDeclarations(ReadOnlySpan<char> text)
    {
        var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (doctype < 0)
        {
            return;
        }
        var rest = text[doctype..];
        var close = rest.IndexOf('>');
        var subset = rest.IndexOf('[');
        if (subset < 0 || (close >= 0 && close < subset))
        {
            return; // a DOCTYPE without an internal subset is harmless and ignored
        }
        var inner = rest[subset..];
        var subsetEnd = inner.IndexOf(']');
        if ((subsetEnd < 0 ? inner : inner[..subsetEnd]).Contains("<!ENTITY", StringComparison.Ordinal))
        {
            throw new FeedFormatException("refused: the document declares entities in its DTD (entity expansion and external entities are never processed)");
        }
    }

    private readonly record struct Scope(Uri? Base, string? Language)
    {
        public static Scope Of(XmlReader r, Scope parent)
        {
            if (!r.HasAttributes)
            {
                return parent;
            }
            var xmlBase = r.GetAttribute("base", XmlNs);
            var lang = r.GetAttribute("lang", XmlNs);
            if (xmlBase is null && lang is null)
            {
                return parent;
            }
            var baseUri = parent.Base;
            if (xmlBase is not null)
            {
                var trimmed = xmlBase.Trim();
                if (parent.Base is not null && Uri.TryCreate(parent.Base, trimmed, out var combined) && IsWeb(combined))
                {
                    baseUri = combined;
                }
                else if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && IsSchemeExplicit(trimmed) && IsWeb(absolute))
                {
                    baseUri = absolute;
                }
            }
            return new Scope(baseUri, string.IsNullOrWhiteSpace(lang) ? parent.Language : lang.Trim());
        }
    }
}
