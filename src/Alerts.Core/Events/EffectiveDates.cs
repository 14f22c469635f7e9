using System.Globalization;
using System.Text.RegularExpressions;

namespace Alerts.Core.Events;

/// <summary>
/// When a treaty action takes effect: a date stated in an item ("вступает в силу с 1 января 2026
/// года", "takes effect on March 1") or the end of the treaty's notice period counted from the
/// notification (the catalogue's free-text <c>denunciationEffect</c>). Pure functions.
/// </summary>
public static partial class EffectiveDates
{
    private const int CueToDateChars = 60;
    private const int DateToCueChars = 40;

    /// <summary>
    /// The calendar day of a report as its publisher dated it: the date in the offset the feed gave
    /// (RSS pubDate, Atom published), not in UTC, so "Mon, 03 Apr 2023 20:00:00 -0500" is 3 April.
    /// The stores keep the offset (the documents are JSON), so records stored earlier read the same way.
    /// </summary>
    public static DateOnly LocalDay(DateTimeOffset value) => DateOnly.FromDateTime(value.DateTime);

    /// <summary>
    /// The effective date an item states, or null. A date without a year is the next such day on or
    /// after <paramref name="reference"/> (the item's publication day, less a month of slack).
    /// A date that belongs to the law rather than to the treaty action ("the law takes effect on
    /// publication", «закон вступает в силу с ...») is not taken.
    /// </summary>
    public static DateOnly? FromText(string? title, string? summary, DateOnly reference)
    {
        foreach (var raw in new[] { title, summary })
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var text = (raw.Length > 4000 ? raw[..4000] : raw).ToLowerInvariant().Replace('ё', 'е');
            var dates = DatePattern().Matches(text);
            if (dates.Count == 0)
            {
                continue;
            }
            foreach (Match cue in CuePattern().Matches(text))
            {
                if (SubjectIsTheLaw(text, cue.Index))
                {
                    continue;
                }
                foreach (Match date in dates)
                {
                    var after = date.Index >= cue.Index + cue.Length && date.Index - (cue.Index + cue.Length) <= CueToDateChars;
                    var before = date.Index + date.Length <= cue.Index && cue.Index - (date.Index + date.Length) <= DateToCueChars;
                    if ((after || before) && !SentenceBreakBetween(text, date, cue) && Parse(date, reference) is { } day)
                    {
                        return day;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The date of the act an official item is about, as its title or summary gives it: «Постановление
    /// от 23 августа 2025 г.», «Федеральный закон от 28.02.2023 № 38-ФЗ», "Decree of 23 August 2025",
    /// "Order dated August 23, 2025". Null when neither names one; a date after the publication day is
    /// not an act's date.
    /// </summary>
    public static DateOnly? ActDate(string? title, string? summary, DateOnly published)
    {
        foreach (var raw in new[] { title, summary })
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var text = (raw.Length > 2000 ? raw[..2000] : raw).ToLowerInvariant().Replace('ё', 'е');
            foreach (Match date in DatePattern().Matches(text))
            {
                var lead = text[..date.Index].TrimEnd();
                if ((lead.EndsWith(" от", StringComparison.Ordinal) || lead == "от" || lead.EndsWith(" of", StringComparison.Ordinal) || lead.EndsWith(" dated", StringComparison.Ordinal))
                    && Parse(date, published) is { } day && day <= published)
                {
                    return day;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// The day an item dates its step by, or null (the step is then dated by the item's publication): only a state's own
    /// act or a depositary record (<paramref name="official"/>) dates it by the act ("Постановление от 23 августа"); any
    /// report that dates its news by the weekday before its publication day ("Trump on Monday signed…", out on Tuesday in
    /// UTC) dates it by that day.
    /// </summary>
    public static DateOnly? StepDay(string? title, string? summary, DateOnly published, bool official)
        => (official ? ActDate(title, summary, published) : null) ?? ReportedWeekday(title, summary, published);

    /// <summary>
    /// The day before <paramref name="published"/> when the title or the summary's lead sentence dates the report's news by
    /// that weekday, as agency copy does ("President Donald Trump on Monday signed an executive order …" published at 01:10
    /// UTC on Tuesday; «в понедельник»): the step happened that day, not on the day the report came out. Null otherwise,
    /// and when the text also names the publication day's own weekday (which day is the step's is then unclear). Only the
    /// day before: a weekday further back is as likely a past event recalled, or a future one announced.
    /// </summary>
    public static DateOnly? ReportedWeekday(string? title, string? summary, DateOnly published)
    {
        var lead = summary ?? "";
        var end = lead.IndexOfAny(['.', '!', '?', ';']);
        var text = ((title ?? "") + " \n " + (end > 0 ? lead[..end] : lead)).ToLowerInvariant();
        if (text.Length > 2000)
        {
            text = text[..2000];
        }
        var named = WeekdayPattern().Matches(text).Select(m => WeekdayOf(m.Groups["d"].Value)).OfType<DayOfWeek>().ToHashSet();
        var before = published.AddDays(-1);
        return named.Contains(before.DayOfWeek) && !named.Contains(published.DayOfWeek) ? before : null;
    }

    private static DayOfWeek? WeekdayOf(string word) => word switch
    {
        "monday" or "понедельник" => DayOfWeek.Monday,
        "tuesday" or "вторник" => DayOfWeek.Tuesday,
        "wednesday" or "среду" => DayOfWeek.Wednesday,
        "thursday" or "четверг" => DayOfWeek.Thursday,
        "friday" or "пятницу" => DayOfWeek.Friday,
        "saturday" or "субботу" => DayOfWeek.Saturday,
        "sunday" or "воскресенье" => DayOfWeek.Sunday,
        _ => null,
    };

    // "on Monday" (not "next Monday", "every Monday"), «в понедельник», «во вторник».
    [GeneratedRegex(@"(?:\bon|(?<![а-яё])во?)\s+(?<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![а-яё\w])", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayPattern();

    /// <summary>
    /// The end of the notice period a catalogue entry describes, counted from the notification day:
    /// "withdrawal six months after notice", "150 days after notice", "one year after notification",
    /// or the Council of Europe's "first day of the month following the expiration of a period ...
    /// (six months in most conventions ...)". Null when the text gives no period.
    /// </summary>
    public static DateOnly? FromNoticePeriod(string? denunciationEffect, DateOnly notified)
    {
        if (string.IsNullOrWhiteSpace(denunciationEffect))
        {
            return null;
        }
        var text = denunciationEffect.ToLowerInvariant();
        var m = PeriodPattern().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var amount = Number(m.Groups["n"].Value);
        if (amount is null)
        {
            return null;
        }
        var unit = m.Groups["unit"].Value;
        var end = unit.StartsWith("day", StringComparison.Ordinal) ? notified.AddDays(amount.Value)
            : unit.StartsWith("month", StringComparison.Ordinal) ? notified.AddMonths(amount.Value)
            : notified.AddYears(amount.Value);
        if (text.Contains("first day of the month following", StringComparison.Ordinal))
        {
            var firstOfMonth = new DateOnly(end.Year, end.Month, 1);
            end = firstOfMonth.AddMonths(1);
        }
        return end;
    }

    /// <summary>
    /// The notice period a catalogue entry states for this treaty, for a post's "Next:" line: amount, unit
    /// (<c>day</c>, <c>month</c>, <c>year</c>) and whether it runs to the first day of the following month.
    /// Null when the text gives none or only a typical one for the series ("six months in most conventions
    /// ..., check the treaty's denunciation article"): a post states only this treaty's own period.
    /// </summary>
    public static (int Amount, string Unit, bool MonthStart)? NoticePeriod(string? denunciationEffect)
    {
        if (string.IsNullOrWhiteSpace(denunciationEffect))
        {
            return null;
        }
        var text = denunciationEffect.ToLowerInvariant();
        var m = PeriodPattern().Match(text);
        if (!m.Success || m.Value.EndsWith("in most", StringComparison.Ordinal) || text.Contains("check", StringComparison.Ordinal)
            || Number(m.Groups["n"].Value) is not { } amount)
        {
            return null;
        }
        var unit = m.Groups["unit"].Value;
        return (amount, unit.StartsWith("day", StringComparison.Ordinal) ? "day" : unit.StartsWith("month", StringComparison.Ordinal) ? "month" : "year",
            text.Contains("first day of the month following", StringComparison.Ordinal));
    }

    private static int? Number(string word) => word switch
    {
        "one" or "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        "eighteen" => 18,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 10000 ? n : null,
    };

    // The subject of "takes effect" is the law when a law word comes before any word for the
    // treaty action in the clause: «Закон о денонсации вступает в силу» is about the law.
    private static bool SubjectIsTheLaw(string text, int cueIndex)
    {
        var start = Math.Max(0, cueIndex - 200);
        var lastBreak = text.LastIndexOfAny(['.', '!', '?', ';', '\n'], cueIndex == 0 ? 0 : cueIndex - 1, cueIndex - start);
        var clause = text[(lastBreak < 0 ? start : lastBreak + 1)..cueIndex];
        var law = LawWord().Match(clause);
        var action = ActionWord().Match(clause);
        return law.Success && (!action.Success || law.Index < action.Index);
    }

    private static bool SentenceBreakBetween(string text, Match date, Match cue)
    {
        var from = Math.Min(date.Index + date.Length, cue.Index + cue.Length);
        var to = Math.Max(date.Index, cue.Index);
        for (var i = from; i < to; i++)
        {
            // «2026 г. вступает» is an abbreviation, not the end of a sentence.
            var abbreviation = text[i] == '.' && i > 0 && text[i - 1] == 'г';
            if (text[i] is ';' or '!' or '?' || (text[i] == '.' && !abbreviation))
            {
                return true;
            }
        }
        return false;
    }

    private static DateOnly? Parse(Match m, DateOnly reference)
    {
        try
        {
            if (m.Groups["iy"].Success)
            {
                return new DateOnly(Int(m.Groups["iy"]), Int(m.Groups["im"]), Int(m.Groups["id"]));
            }
            if (m.Groups["ny"].Success)
            {
                return new DateOnly(Int(m.Groups["ny"]), Int(m.Groups["nm"]), Int(m.Groups["nd"]));
            }
            var day = m.Groups["d1"].Success ? Int(m.Groups["d1"]) : Int(m.Groups["d2"]);
            var monthWord = m.Groups["m1"].Success ? m.Groups["m1"].Value : m.Groups["m2"].Value;
            var month = Month(monthWord);
            if (month == 0)
            {
                return null;
            }
            var yearGroup = m.Groups["y1"].Success ? m.Groups["y1"] : m.Groups["y2"];
            if (yearGroup.Success)
            {
                return new DateOnly(Int(yearGroup), month, day);
            }
            var candidate = new DateOnly(reference.Year, month, day);
            return candidate < reference.AddMonths(-1) ? candidate.AddYears(1) : candidate;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // "31 February": not a date
        }
    }

    private static int Int(Group g) => int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Month(string word)
    {
        string[] en = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        string[] ru = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
        for (var i = 0; i < 12; i++)
        {
            if (word.StartsWith(en[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }
        // Russian genitive forms: «мая» must not be read as «марта».
        for (var i = 11; i >= 0; i--)
        {
            if (word.StartsWith(ru[i], StringComparison.Ordinal) && (i != 4 || word is "мая" or "май"))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\b(?:вступ\w*\s+в\s+(?:законную\s+)?силу|прекрат\w*\s+(?:\w+\s+){0,3}?действи\w*|прекращ\w*\s+(?:\w+\s+){0,3}?действи\w*|перестан\w*\s+быть\s+участник\w*|выйд\w*\s+(?:\w+\s+){0,6}?из|выход\w*\s+(?:\w+\s+){0,6}?из\s+(?:\w+\s+){0,8}?(?:состоится|вступит|произойдет)|tak(?:e|es|ing)\s+effect|will\s+take\s+effect|enter\w*\s+into\s+force|effective\s+(?:from|as\s+of|on)|cease\w*\s+to\s+(?:be\s+(?:a\s+)?party|apply|be\s+in\s+force)|will\s+(?:formally\s+)?(?:leave|exit|quit|withdraw))", Options)]
    private static partial Regex CuePattern();

    [GeneratedRegex(@"(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})|\b(?<nd>\d{1,2})\.(?<nm>\d{1,2})\.(?<ny>\d{4})\b|\b(?<d1>\d{1,2})\s+(?<m1>январ\w*|феврал\w*|март\w*|апрел\w*|ма[яй]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|january|february|march|april|may|june|july|august|september|october|november|december)(?:,?\s+(?<y1>\d{4}))?|\b(?<m2>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y2>\d{4}))?", Options)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b(?:закон\w*|указ\w*|постановлени\w*|law|decree|act|legislation|ordinance)\b", Options)]
    private static partial Regex LawWord();

    [GeneratedRegex(@"\b(?:денонсац\w*|выход\w*|прекращени\w*|приостановлени\w*|россия|рф|договор\w*|конвенци\w*|соглашени\w*|withdrawal|denunciation|exit|termination|suspension|russia\w*|treaty|convention|agreement)\b", Options)]
    private static partial Regex ActionWord();

    [GeneratedRegex(@"\b(?<n>\d+|one|two|three|four|six|nine|twelve|eighteen|a)\s+(?<unit>days?|months?|years?)(?:['’]\s*notice|\s+after|\s+(?:from|following)|\s+in\s+most)", Options)]
    private static partial Regex PeriodPattern();
}
