using System.Globalization;

namespace Alerts.Core.Formatting;

/// <summary>The background line: when the catalogue says the treaty was signed, opened for signature, or adopted (and where).</summary>
internal static class PostBackground
{
    /// <summary>One background line from the catalogue: when the treaty was signed or opened for signature, or adopted.</summary>
    public static (string Kind, string Place) Of(TreatyName? known)
    {
        if (known is null)
        {
            return ("", "");
        }
        if (known.Signed is not null)
        {
            return (known.System == "coe" ? "opened" : "signed", "");
        }
        if (known.PlaceAndDate is { } placeAndDate && PlaceDate(placeAndDate) is not null)
        {
            return ("adopted", placeAndDate.Split(',')[0].Trim());
        }
        return ("", "");
    }

    public static DateOnly? PlaceDate(string? placeAndDate)
    {
        var comma = placeAndDate?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return comma > 0 && DateOnly.TryParseExact(placeAndDate![(comma + 1)..].Trim(), "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }
}
