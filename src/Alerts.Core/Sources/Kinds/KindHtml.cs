using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Alerts.Core.Sources.Kinds;

/// <summary>HTML reading shared by the page-scraping kinds (AngleSharp: no scripts run, no resources loaded).</summary>
internal static class KindHtml
{
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
    };

    public static IHtmlDocument Parse(ReadOnlySpan<byte> content, string? contentType, string kind)
    {
        var text = KindDocuments.DecodeHtml(content, contentType, kind);
        return new HtmlParser(ParserOptions).ParseDocument(text);
    }

    /// <summary>Visible text of an element as one clean line.</summary>
    public static string Text(IElement? element) => element is null ? "" : KindDocuments.CleanText(element.TextContent);

    /// <summary>An href made absolute against the page URL; null unless it ends up http(s) (javascript:, mailto: and the like are dropped).</summary>
    public static string? ResolveLink(string pageUrl, string? href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }
        href = href.Trim();
        Uri? resolved;
        if (Uri.TryCreate(pageUrl, UriKind.Absolute, out var baseUri))
        {
            Uri.TryCreate(baseUri, href, out resolved);
        }
        else
        {
            Uri.TryCreate(href, UriKind.Absolute, out resolved);
        }
        return resolved is { Scheme: "http" or "https" } ? resolved.AbsoluteUri : null;
    }

    /// <summary>Runs a CSS selector from configuration, turning a syntax error into a format error that names the option.</summary>
    public static IHtmlCollection<IElement> Select(IParentNode scope, string selector, string option, string kind)
    {
        try
        {
            return scope.QuerySelectorAll(selector);
        }
        catch (DomException ex)
        {
            throw new Feeds.FeedFormatException($"{kind}: option '{option}' is not a valid CSS selector: '{selector}'", ex);
        }
    }
}
