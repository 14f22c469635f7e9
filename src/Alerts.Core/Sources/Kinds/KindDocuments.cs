using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Feeds;

namespace Alerts.Core.Sources.Kinds;

/// <summary>What the parsers of the non-feed kinds share: reading the body safely, cleaning text, dates.</summary>
internal static partial class KindDocuments
{
    /// <summary>Moscow has kept UTC+3 all year since 2014; Russian official dates are Moscow dates.</summary>
    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    static KindDocuments()
    {
        // windows-1251 and koi8-r pages: the code pages are in the framework but not registered by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Parses a JSON body, refusing what is plainly not JSON with a message that says what came instead.</summary>
    public static JsonDocument ReadJson(ReadOnlySpan<byte> content, string? contentType, string kind)
    {
        CheckSize(content, kind);
        var body = SkipBomAndWhitespace(content);
        if (body.IsEmpty)
        {
            throw new FeedFormatException($"{kind}: the response body is empty; expected JSON");
        }
        if (body[0] == (byte)'<')
        {
            // The portals answer unknown API paths and overload with their HTML application shell and status 200.
            throw new FeedFormatException($"{kind}: expected JSON but the server sent an HTML or XML document ({Describe(contentType)}, starts with \"{Snippet(body)}\")");
        }
        try
        {
            return JsonDocument.Parse(body.ToArray(), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FeedFormatException($"{kind}: the response is not valid JSON ({Describe(contentType)}): {ex.Message}", ex);
        }
    }

    /// <summary>Decodes an HTML body: BOM, then the Content-Type charset, then a meta charset near the top, else UTF-8.</summary>
    public static string DecodeHtml(ReadOnlySpan<byte> content, string? contentType, string kind)
    {
        CheckSize(content, kind);
        var encoding = EncodingFromBom(content, out var bomLength)
            ?? EncodingFromName(CharsetOf(contentType))
            ?? EncodingFromName(MetaCharset(content))
            ?? Encoding.UTF8;
        var text = encoding.GetString(content[bomLength..]);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FeedFormatException($"{kind}: the response body is empty; expected an HTML page");
        }
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("{") || start.StartsWith("["))
        {
            throw new FeedFormatException($"{kind}: expected an HTML page but the server sent JSON ({Describe(contentType)})");
        }
        return text;
    }

    public static void CheckItemCount(int count, string kind)
    {
        if (count > KindLimits.MaxItems)
        {
            throw new FeedFormatException($"{kind}: the document holds {count} items, more than the limit of {KindLimits.MaxItems}; refused as not the expected listing");
        }
    }

    /// <summary>One line of plain text: line breaks (the Duma's bare <c>\r</c> included) and runs of white space become one space.</summary>
    public static string CleanText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var cleaned = Whitespace().Replace(text, " ").Trim();
        return cleaned.Length <= KindLimits.MaxTextLength ? cleaned : cleaned[..KindLimits.MaxTextLength].TrimEnd() + "…";
    }

    /// <summary>
    /// The calendar date at the start of <paramref name="text"/> (<c>2026-01-17</c>, <c>2026-01-17T00:00:00</c>) as midnight
    /// at <paramref name="offset"/>. The day is kept as written: an API's date is a date, not an instant to convert.
    /// </summary>
    public static DateTimeOffset? DateAtMidnight(string? text, TimeSpan offset)
    {
        if (text is null || text.Length < 10
            || !DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), offset);
    }

    /// <summary>A string property, or null when it is absent, null or not a string.</summary>
    public static string? Str(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An object property, or null when it is absent or not an object.</summary>
    public static JsonElement? Obj(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>The start of a body for an error message: printable, one line, short.</summary>
    public static string Snippet(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
        return Snippet(text);
    }

    public static string Snippet(string text)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }

    /// <summary>What a JSON root is, for an error message.</summary>
    public static string Shape(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => "an object with " + string.Join(", ", root.EnumerateObject().Take(5).Select(p => '"' + p.Name + '"')),
        JsonValueKind.Array => $"an array of {root.GetArrayLength()}",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static void CheckSize(ReadOnlySpan<byte> content, string kind)
    {
        if (content.Length > KindLimits.MaxDocumentBytes)
        {
            throw new FeedFormatException($"{kind}: the document is {content.Length} bytes, over the limit of {KindLimits.MaxDocumentBytes}");
        }
    }

    private static string Describe(string? contentType) => string.IsNullOrWhiteSpace(contentType) ? "no Content-Type" : "Content-Type " + contentType.Trim();

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\xEF\xBB\xBF"u8))
        {
            content = content[3..];
        }
        var i = 0;
        while (i < content.Length && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return content[i..];
    }

    private static Encoding? EncodingFromBom(ReadOnlySpan<byte> content, out int length)
    {
        (Encoding? encoding, length) = content switch
        {
            _ when content.StartsWith("\xEF\xBB\xBF"u8) => (Encoding.UTF8, 3),
            _ when content.StartsWith("\xFF\xFE"u8) => (Encoding.Unicode, 2),
            _ when content.StartsWith("\xFE\xFF"u8) => (Encoding.BigEndianUnicode, 2),
            _ => ((Encoding?)null, 0),
        };
        return encoding;
    }

    private static Encoding? EncodingFromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? CharsetOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }
        var match = CharsetParameter().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>A <c>meta charset</c> in the first 2 KB, read as ASCII (the declaration itself always is).</summary>
    private static string? MetaCharset(ReadOnlySpan<byte> content)
    {
        var head = Encoding.ASCII.GetString(content[..Math.Min(content.Length, 2048)]);
        var match = MetaCharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"[\s\u00A0\u2028\u2029]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"charset\s*=\s*[""']?([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9._:\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
