namespace Alerts.Core.Formatting;

/// <summary>How a post names the treaty: its name when in the channel's script, the number people cite, and its hashtag.</summary>
internal static class PostTreatyNames
{
    /// <summary>The number people cite: "ETS 126" / «СЕД № 126»; none for UN index references, which are internal.</summary>
    public static string Label(string treatyId, string language)
    {
        var label = AlertFormatter.TreatyLabel(treatyId);
        if (label.Length == 0 || label.StartsWith("UN ", StringComparison.Ordinal))
        {
            return "";
        }
        return language == "ru" ? (label.StartsWith("CETS", StringComparison.Ordinal) ? "СДСЕ № " : "СЕД № ") + label.Split(' ')[1] : label;
    }

    public static string? Tag(string treatyId, TreatyName? known, string language)
    {
        if (known?.Tag is { Length: > 0 } tag)
        {
            return tag;
        }
        // A short name in the other script would mix languages: only one written in the channel's.
        if (known?.ShortName is { } shortName && shortName.Any(char.IsLetter)
            && shortName.Where(char.IsLetter).All(c => (c is >= 'А' and <= 'я' or 'ё' or 'Ё') == (language == "ru")))
        {
            return shortName;
        }
        var label = Label(treatyId, language);
        return label.Length > 0 ? label.Replace("№", "", StringComparison.Ordinal) : null;
    }

    /// <summary>
    /// The name when it is written in the channel's script; otherwise none (the template names the treaty
    /// generically), since a name as written in another language would be a quote in it.
    /// </summary>
    public static string NameIn(string name, string language)
    {
        var letters = name.Where(char.IsLetter).ToList();
        var cyrillic = letters.Count(c => c is >= 'А' and <= 'я' or 'ё' or 'Ё');
        var fits = letters.Count > 0 && (language == "ru" ? cyrillic * 2 > letters.Count : cyrillic == 0);
        return fits ? name : "";
    }
}
