using System.Globalization;

namespace Alerts.Core.Feeds;

/// <summary>
/// Dates as feeds write them: RFC 822 and its common variants (RSS), ISO 8601 / W3C-DTF (Atom, Dublin Core,
/// JSON Feed) and asctime. The offset the source states is kept, so a midnight +03:00 date stays on its day.
/// A date without a zone is taken as UTC.
/// Why one class over 300 lines: hand-written parsers (no regex) for three date grammars that share the
/// digit, month and zone readers below; every feed item's dates go through here, so it stays one static class
/// of small methods rather than a parser object per grammar (issue #15).
/// </summary>
public static class FeedDates
{
    private static readonly string[] s_months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // Zone names seen in RSS feeds (RFC 822 and the North American and European abbreviations), in minutes east of UTC.
    private static readonly Dictionary<string, int> s_zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["Etc/GMT"] = 0, ["WET"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["AST"] = -240, ["ADT"] = -180, ["AT"] = -240, ["ET"] = -300, ["CT"] = -360, ["MT"] = -420, ["PT"] = -480,
        ["BST"] = 60, ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120, ["EET"] = 120, ["EEST"] = 180,
        ["MSK"] = 180, ["MSD"] = 240,
    };

    /// <summary>Parses any of the supported forms; null when the text is not a date.</summary>
    public static DateTimeOffset? Parse(string? text)
        => TryParse(text, out var value) ? value : null;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        if (s.Length > 64)
        {
            return false;
        }
        return char.IsDigit(s[0]) || s[0] == '-'
            ? TryParseIso(s, out value) || TryParseRfc822(s, out value)
            : TryParseRfc822(s, out value);
    }

    /// <summary>W3C-DTF / ISO 8601: 2003, 2003-12, 2003-12-31, 2003-12-31T10:14:55.25+01:00, basic forms, space separator.</summary>
    public static bool TryParseIso(string s, out DateTimeOffset value)
    {
        value = default;
        var p = 0;
        int year, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        double fraction = 0;
        if (s.Length == 6 && s.All(char.IsAsciiDigit))
        {
            return TryParseShortIso(s, out value); // YYMMDD
        }
        if (!ReadDigits(s, ref p, 4, 4, out year))
        {
            return TryParseShortIso(s, out value);
        }
        if (p < s.Length && s[p] == '-')
        {
            p++;
            if (!ReadDigits(s, ref p, 1, 3, out month))
            {
                return false;
            }
            if (p < s.Length && s[p] == '-')
            {
                p++;
                if (!ReadDigits(s, ref p, 1, 2, out day))
                {
                    return false;
                }
            }
        }
        else if (p < s.Length && char.IsDigit(s[p]))
        {
            // Basic form 20031231.
            if (!ReadDigits(s, ref p, 2, 2, out month) || !ReadDigits(s, ref p, 2, 2, out day))
            {
                return false;
            }
        }
        var offset = TimeSpan.Zero;
        if (p < s.Length && (s[p] == 'T' || s[p] == 't' || s[p] == ' '))
        {
            p++;
            if (!ReadDigits(s, ref p, 1, 2, out hour))
            {
                return false;
            }
            var basic = p < s.Length && char.IsDigit(s[p]);
            if (p < s.Length && (s[p] == ':' || basic))
            {
                if (!basic) p++;
                if (!ReadDigits(s, ref p, 2, 2, out minute))
                {
                    return false;
                }
                if (p < s.Length && (s[p] == ':' || char.IsDigit(s[p])))
                {
                    if (s[p] == ':') p++;
                    if (!ReadDigits(s, ref p, 2, 2, out second))
                    {
                        return false;
                    }
                    if (p < s.Length && (s[p] == '.' || s[p] == ','))
                    {
                        var start = ++p;
                        while (p < s.Length && char.IsDigit(s[p])) p++;
                        if (p == start)
                        {
                            return false;
                        }
                        fraction = double.Parse("0." + s[start..Math.Min(p, start + 7)], CultureInfo.InvariantCulture);
                    }
                }
            }
            while (p < s.Length && s[p] == ' ') p++;
            if (p < s.Length)
            {
                if (!TryParseNumericZone(s.AsSpan(p), out offset, allowBare: false))
                {
                    if (!s_zones.TryGetValue(s[p..], out var minutes))
                    {
                        return false;
                    }
                    offset = TimeSpan.FromMinutes(minutes);
                }
                p = s.Length;
            }
        }
        if (p != s.Length)
        {
            return false;
        }
        return TryBuild(year, month, day, hour, minute, second, fraction, offset, out value);
    }

    // ISO 8601 reduced forms feedparser accepts: -0312 (year-month), 031231, 03-12-31, -03-12.
    private static bool TryParseShortIso(string s, out DateTimeOffset value)
    {
        value = default;
        int year, month, day = 1;
        var digits = s.Replace("-", "", StringComparison.Ordinal);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        if (s.StartsWith('-') && digits.Length == 4)
        {
            year = 2000 + int.Parse(digits[..2], CultureInfo.InvariantCulture);
            month = int.Parse(digits[2..], CultureInfo.InvariantCulture);
        }
        else if (digits.Length == 6 && !s.StartsWith('-'))
        {
            year = 2000 + int.Parse(digits[..2], CultureInfo.InvariantCulture);
            month = int.Parse(digits[2..4], CultureInfo.InvariantCulture);
            day = int.Parse(digits[4..], CultureInfo.InvariantCulture);
        }
        else
        {
            return false;
        }
        return TryBuild(year, month, day, 0, 0, 0, 0, TimeSpan.Zero, out value);
    }

    /// <summary>RFC 822 and variants: optional day name, 2- or 4-digit year, full month names, missing seconds or zone, named zones.</summary>
    public static bool TryParseRfc822(string s, out DateTimeOffset value)
    {
        if (TryParseCanonicalRfc822(s, out value))
        {
            return true;
        }
        value = default;
        var tokens = s.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        if (i < tokens.Length && char.IsLetter(tokens[i][0]) && MonthOf(tokens[i]) == 0)
        {
            i++; // day name
        }
        if (tokens.Length - i < 3)
        {
            return false;
        }
        int day, month, year;
        string? time = null;
        string? zone = null;
        if (MonthOf(tokens[i]) is var m1 and > 0)
        {
            // asctime and JavaScript forms: "Jan 4 16:29:06 2004", "Jul 15 01:16:00 +0000 2012", "Aug 30 2012 17:26:16 +0200".
            month = m1;
            if (!int.TryParse(tokens[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out day))
            {
                return false;
            }
            var rest = tokens[(i + 2)..];
            var yearToken = rest.FirstOrDefault(t => t.Length == 4 && t.All(char.IsAsciiDigit));
            if (yearToken is null)
            {
                return false;
            }
            year = int.Parse(yearToken, CultureInfo.InvariantCulture);
            time = rest.FirstOrDefault(t => t.Contains(':') && char.IsDigit(t[0]));
            zone = rest.FirstOrDefault(t => t != yearToken && t != time);
        }
        else
        {
            if (!int.TryParse(tokens[i], NumberStyles.None, CultureInfo.InvariantCulture, out day))
            {
                return false;
            }
            month = MonthOf(tokens[i + 1]);
            if (month == 0 || tokens[i + 2].Length is not (2 or 4)
                || !int.TryParse(tokens[i + 2], NumberStyles.None, CultureInfo.InvariantCulture, out year))
            {
                return false;
            }
            if (tokens[i + 2].Length == 2)
            {
                year += year < 70 ? 2000 : 1900;
            }
            if (tokens.Length > i + 3)
            {
                time = tokens[i + 3];
            }
            if (tokens.Length > i + 4)
            {
                zone = string.Join("", tokens[(i + 4)..]);
            }
        }
        int hour = 0, minute = 0, second = 0;
        if (time is not null)
        {
            var parts = time.Split(':');
            if (parts.Length is < 2 or > 3
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
                || (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
            {
                return false;
            }
        }
        var offset = TimeSpan.Zero;
        if (!string.IsNullOrEmpty(zone) && !TryParseZone(zone, out offset))
        {
            return false;
        }
        return TryBuild(year, month, day, hour, minute, second, 0, offset, out value);
    }

    /// <summary>
    /// The form almost every RSS feed writes, "Mon, 01 Jan 2024 00:37:00 GMT", read at fixed positions without
    /// splitting into tokens; anything else (or anything this rejects) goes through the general reading, which
    /// gives the same result for this form.
    /// </summary>
    private static bool TryParseCanonicalRfc822(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 27 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' '
            || s[19] != ':' || s[22] != ':' || s[25] != ' '
            || !char.IsAsciiLetter(s[0]) || !char.IsAsciiLetter(s[1]) || !char.IsAsciiLetter(s[2]) || MonthAt(s, 0) != 0)
        {
            return false;
        }
        var month = MonthAt(s, 8);
        if (month == 0
            || !TwoDigits(s, 5, out var day) || !TwoDigits(s, 12, out var century) || !TwoDigits(s, 14, out var yy)
            || !TwoDigits(s, 17, out var hour) || !TwoDigits(s, 20, out var minute) || !TwoDigits(s, 23, out var second))
        {
            return false;
        }
        var zone = s.AsSpan(26);
        if (zone.IndexOfAny(' ', ',', '\t') >= 0 || !TryParseZone(zone.ToString(), out var offset))
        {
            return false;
        }
        return TryBuild(century * 100 + yy, month, day, hour, minute, second, 0, offset, out value);
    }

    private static bool TwoDigits(string s, int at, out int number)
    {
        var (a, b) = (s[at], s[at + 1]);
        number = (a - '0') * 10 + (b - '0');
        return char.IsAsciiDigit(a) && char.IsAsciiDigit(b);
    }

    /// <summary>The month of a three-letter English abbreviation at <paramref name="at"/>, any case; 0 when none.</summary>
    private static int MonthAt(string s, int at)
    {
        Span<char> prefix = stackalloc char[3];
        if (s.AsSpan(at, 3).ToLowerInvariant(prefix) != 3)
        {
            return 0;
        }
        for (var m = 0; m < s_months.Length; m++)
        {
            if (prefix.SequenceEqual(s_months[m]))
            {
                return m + 1;
            }
        }
        return 0;
    }

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s_zones.TryGetValue(zone, out var minutes))
        {
            offset = TimeSpan.FromMinutes(minutes);
            return true;
        }
        var span = zone.AsSpan();
        foreach (var prefix in (string[])["Etc/GMT", "GMT", "UTC", "UT"])
        {
            if (span.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[prefix.Length..];
                break;
            }
        }
        return TryParseNumericZone(span, out offset, allowBare: true);
    }

    private static bool TryParseNumericZone(ReadOnlySpan<char> z, out TimeSpan offset, bool allowBare)
    {
        offset = TimeSpan.Zero;
        if (z.Length == 1 && (z[0] == 'Z' || z[0] == 'z'))
        {
            return true;
        }
        if (z.Length < 2 || (z[0] != '+' && z[0] != '-'))
        {
            return false;
        }
        var sign = z[0] == '-' ? -1 : 1;
        z = z[1..];
        int hours, minutes = 0;
        if (z.Length == 4 && int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
        {
            hours = hhmm / 100;
            minutes = hhmm % 100;
        }
        else if (z.Length == 5 && z[2] == ':'
            && int.TryParse(z[..2], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
            && int.TryParse(z[3..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
        {
        }
        else if (z.Length is 1 or 2 && (allowBare || z.Length == 2) && int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out hours))
        {
        }
        else
        {
            return false;
        }
        if (hours > 14 || minutes > 59)
        {
            return false;
        }
        offset = TimeSpan.FromMinutes(sign * (hours * 60 + minutes));
        return true;
    }

    private static int MonthOf(string token)
    {
        if (token.Length < 3 || !char.IsLetter(token[0]))
        {
            return 0;
        }
        var prefix = token[..3].ToLowerInvariant();
        var index = Array.IndexOf(s_months, prefix);
        return index + 1;
    }

    private static bool ReadDigits(string s, ref int p, int min, int max, out int number)
    {
        number = 0;
        var start = p;
        while (p < s.Length && p - start < max && char.IsAsciiDigit(s[p]))
        {
            number = number * 10 + (s[p] - '0');
            p++;
        }
        return p - start >= min;
    }

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, double fraction, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60)
        {
            return false;
        }
        var extraDay = hour == 24;
        var leap = second == 60;
        try
        {
            var local = new DateTime(year, month, day, extraDay ? 0 : hour, minute, leap ? 59 : second, DateTimeKind.Unspecified);
            if (extraDay) local = local.AddDays(1);
            value = new DateTimeOffset(local, offset).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
