using System.Globalization;
using System.Text.Json;
using Alerts.Core.Feeds;
using Alerts.Testing;

namespace Alerts.Core.Tests.Feeds;

public sealed class FeedDatesTests
{
    public static TheoryData<string, string?> FeedparserCases()
    {
        // feedparser's date cases for the families RSS and Atom use (tests/data/conformance/feedparser/dates.jsonl).
        var data = new TheoryData<string, string?>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(FeedTestData.Path("conformance/feedparser/dates.jsonl")))
        {
            using var record = JsonDocument.Parse(line);
            var family = record.RootElement.GetProperty("format_family").GetString();
            var input = record.RootElement.GetProperty("input").GetString()!;
            // "03335" (ISO ordinal date, iso8601 family) contradicts "22013" -> rejected (w3dtf family); we follow W3C-DTF.
            // The same input can appear under two families; one test case each (xunit skips duplicates).
            if (family is "rfc822" or "w3dtf" or "iso8601" or "asctime" && input != "03335" && seen.Add(input))
            {
                var expected = record.RootElement.GetProperty("expected_utc");
                data.Add(input, expected.ValueKind == JsonValueKind.Null ? null : expected.GetString());
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FeedparserCases))]
    public void Parses_feedparser_date_cases(string input, string? expectedUtc)
    {
        var parsed = FeedDates.Parse(input);
        Assert.Equal(expectedUtc, parsed?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Mon, 10 Jun 2024 00:00:00 +0300", 3)]
    [InlineData("2024-06-10T00:00:00+03:00", 3)]
    [InlineData("10 Jun 2024 00:00:00 MSK", 3)]
    [InlineData("2024-06-10", 0)]
    public void Keeps_the_stated_offset(string input, int hours)
    {
        var parsed = FeedDates.Parse(input)!.Value;
        Assert.Equal(TimeSpan.FromHours(hours), parsed.Offset);
        Assert.Equal(new DateTime(2024, 6, 10), parsed.DateTime.Date);
    }
}
