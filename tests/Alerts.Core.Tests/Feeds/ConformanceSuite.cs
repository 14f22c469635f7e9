using System.Globalization;
using System.Text;
using System.Text.Json;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

/// <summary>
/// Evaluates a parser against the expectation records of tests/data/conformance (feedparser's suite and
/// JSON Feed documents). A record passes when the parser does not crash, reports malformed input as
/// expected (a warning or <see cref="FeedFormatException"/>), and every field expectation matches.
/// </summary>
public static class ConformanceSuite
{
    public sealed record Outcome(string File, string Group, bool Passed, string Reason);

    public delegate FeedDocument ParseFunction(byte[] content, string? contentType, Uri? baseUri);

    public static IReadOnlyList<Outcome> Run(string dataRoot, ParseFunction parse)
    {
        var outcomes = new List<Outcome>();
        foreach (var suite in new[] { "feedparser", "jsonfeed" })
        {
            var folder = Path.Combine(dataRoot, suite);
            foreach (var line in File.ReadLines(Path.Combine(folder, "expectations.jsonl")))
            {
                using var record = JsonDocument.Parse(line);
                outcomes.Add(Evaluate(folder, record.RootElement, parse));
            }
        }
        return outcomes;
    }

    private static Outcome Evaluate(string folder, JsonElement record, ParseFunction parse)
    {
        var file = record.GetProperty("file").GetString()!;
        var group = record.TryGetProperty("group", out var g) ? g.GetString()! : record.GetProperty("kind").GetString()!;
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));
        string? contentType = null;
        Uri? baseUri = null;
        var mode = record.TryGetProperty("input_mode", out var m) ? m.GetString() : "http";
        if (mode == "http" && record.TryGetProperty("http_headers", out var headers))
        {
            contentType = headers.TryGetProperty("Content-Type", out var ct) ? ct.GetString() : null;
            if (record.TryGetProperty("url", out var url))
            {
                baseUri = new Uri(url.GetString()!);
                // As an HTTP client would: Content-Location resolves against the URL; a non-web scheme is ignored.
                if (headers.TryGetProperty("Content-Location", out var location)
                    && Uri.TryCreate(baseUri, location.GetString()!, out var located) && located.Scheme is "http" or "https")
                {
                    baseUri = located;
                }
            }
        }
        FeedDocument? document = null;
        var rejected = false;
        try
        {
            document = parse(bytes, contentType, baseUri);
        }
        catch (FeedFormatException)
        {
            rejected = true;
        }
        catch (Exception e)
        {
            return new Outcome(file, group, false, "crashed: " + e.GetType().Name + ": " + e.Message);
        }
        var bozo = rejected || document!.Warnings.Count > 0;
        var bozoExpected = record.GetProperty("bozo_expected");
        if (bozoExpected.ValueKind == JsonValueKind.True && !bozo)
        {
            return new Outcome(file, group, false, "malformed input was not reported");
        }
        if (bozoExpected.ValueKind == JsonValueKind.False && bozo)
        {
            return new Outcome(file, group, false, rejected ? "rejected a well-formed document" : "warned on a well-formed document: " + string.Join("; ", document!.Warnings));
        }
        foreach (var expect in record.GetProperty("expect").EnumerateArray())
        {
            if (document is null)
            {
                return new Outcome(file, group, false, "rejected a document with expected values");
            }
            var failure = Check(document, expect);
            if (failure is not null)
            {
                return new Outcome(file, group, false, failure);
            }
        }
        return new Outcome(file, group, true, "");
    }

    private static string? Check(FeedDocument document, JsonElement expect)
    {
        var scope = expect.GetProperty("scope").GetString();
        var field = expect.GetProperty("field").GetString()!;
        var value = expect.GetProperty("value");
        var valueType = expect.TryGetProperty("value_type", out var vt) ? vt.GetString() : null;
        var absent = expect.TryGetProperty("op", out var op) && op.GetString() == "absent";
        var subindex = expect.TryGetProperty("subindex", out var si) && si.ValueKind == JsonValueKind.Number ? si.GetInt32() : 0;

        if (scope == "document")
        {
            return field switch
            {
                "encoding" => SameEncoding(value.GetString()!, document.Encoding) ? null : $"encoding {document.Encoding}, expected {value.GetString()}",
                "version" => document.Version == value.GetString() ? null : $"version {document.Version}, expected {value.GetString()}",
                "entry_count" => document.Entries.Count == value.GetInt32() ? null : $"{document.Entries.Count} entries, expected {value.GetInt32()}",
                _ => "unknown document field " + field,
            };
        }
        object? actual;
        if (scope == "feed")
        {
            actual = field switch
            {
                "title" => document.Title,
                "subtitle" => document.Subtitle,
                "link" => document.Link,
                "id" => document.Id,
                "links.href" => subindex < document.Links.Count ? document.Links[subindex] : null,
                "published_parsed" => document.Published,
                "updated_parsed" => document.Updated,
                _ => "unknown feed field " + field,
            };
        }
        else
        {
            var index = expect.GetProperty("index").GetInt32();
            if (index >= document.Entries.Count)
            {
                return $"entry {index} missing ({document.Entries.Count} entries)";
            }
            var entry = document.Entries[index];
            actual = field switch
            {
                "title" => entry.Title,
                "summary" => entry.Summary,
                "content" => subindex < entry.Contents.Count ? entry.Contents[subindex] : null,
                "link" => entry.Link,
                "id" => entry.Id,
                "links.href" => subindex < entry.Links.Count ? entry.Links[subindex] : null,
                "published_parsed" => entry.Published,
                "updated_parsed" => entry.Updated,
                _ => "unknown entry field " + field,
            };
        }
        if (absent)
        {
            return actual is null || actual is string { Length: 0 } ? null : $"{scope}.{field} present: {actual}";
        }
        var expected = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return actual switch
        {
            null => $"{scope}.{field} missing, expected '{expected}'",
            DateTimeOffset date => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) == expected ? null : $"{scope}.{field} {date:o}, expected {expected}",
            FeedText text => SameText(expected, valueType, text) ? null : $"{scope}.{field} '{text.Value}' ({text.Type}), expected '{expected}' ({valueType})",
            string s => s == expected ? null : $"{scope}.{field} '{s}', expected '{expected}'",
            _ => $"{scope}.{field} unexpected {actual}",
        };
    }

    /// <summary>Plain text of both sides: the suite gives HTML values as feedparser emits them (sanitized markup).</summary>
    private static bool SameText(string expected, string? expectedType, FeedText actual)
    {
        if (expectedType == actual.Type && expectedType is not (FeedText.Html or FeedText.Xhtml))
        {
            return Squash(expected) == Squash(actual.Value);
        }
        var want = expectedType is FeedText.Html or FeedText.Xhtml ? HtmlText.ToPlainText(expected) : expected;
        return Squash(want) == Squash(actual.ToPlainText());
    }

    private static string Squash(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool SameEncoding(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return FeedEncoding.TryResolve(expected, out var a) && FeedEncoding.TryResolve(actual, out var b) && a.CodePage == b.CodePage
            && !(a is UTF8Encoding ^ b is UTF8Encoding);
    }
}
