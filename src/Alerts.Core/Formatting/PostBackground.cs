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
            // The index sometimes elides part of a place ("... New York"): the post names only the place itself.
            return ("adopted", placeAndDate.Split(',')[0].Trim().TrimStart('.', '…', ' '));
        }
        return ("", "");
    }

    // Where treaties are adopted, in the Russian prepositional case after «в» («принят в Нью-Йорке»). A place not listed
    // is left out of a Russian post rather than written in Latin letters.
    private static readonly Dictionary<string, string> RussianPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New York"] = "Нью-Йорке", ["Geneva"] = "Женеве", ["Vienna"] = "Вене", ["Lake Success"] = "Лейк-Саксессе",
        ["Bangkok"] = "Бангкоке", ["Paris"] = "Париже", ["London"] = "Лондоне", ["San Francisco"] = "Сан-Франциско",
        ["Madrid"] = "Мадриде", ["Rome"] = "Риме", ["Helsinki"] = "Хельсинки", ["The Hague"] = "Гааге", ["Oslo"] = "Осло",
        ["Dublin"] = "Дублине", ["Brussels"] = "Брюсселе", ["Stockholm"] = "Стокгольме", ["Rio de Janeiro"] = "Рио-де-Жанейро",
        ["Kingston"] = "Кингстоне", ["Montego Bay"] = "Монтего-Бее", ["Cairo"] = "Каире", ["Nairobi"] = "Найроби",
        ["Manila"] = "Маниле", ["Kiev"] = "Киеве", ["Kyiv"] = "Киеве", ["Moscow"] = "Москве", ["Washington"] = "Вашингтоне",
        ["Strasbourg"] = "Страсбурге", ["Kyoto"] = "Киото", ["Montreal"] = "Монреале", ["Basel"] = "Базеле", ["Rotterdam"] = "Роттердаме",
    };

    /// <summary>The place of adoption for a post in <paramref name="language"/>: as the index writes it in English, in the Russian prepositional case in Russian, else "".</summary>
    public static string PlaceIn(string place, string language)
        => language != "ru" ? place : RussianPlaces.GetValueOrDefault(place) ?? "";

    public static DateOnly? PlaceDate(string? placeAndDate)
    {
        var comma = placeAndDate?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return comma > 0 && DateOnly.TryParseExact(placeAndDate![(comma + 1)..].Trim(), "d MMMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }
}
