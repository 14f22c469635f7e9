using Alerts.Core.Messages;

namespace Alerts.Core.Formatting;

/// <summary>
/// The names readers know an outlet or an official site by, per language, from the link's host
/// ("The Moscow Times", «Правительство России»). An outlet not listed is named by its site as it
/// brands itself: the registrable domain without mobile/AMP prefixes (m., amp., txt., www.), an
/// internationalised domain in its own script (xn--… becomes ….рф), first letter capitalised ("Lenta.ru").
/// </summary>
public static class OutletNames
{
    private static readonly Dictionary<string, (string En, string Ru)> ByHost = new(StringComparer.OrdinalIgnoreCase)
    {
        ["government.ru"] = ("Government of Russia", "Правительство России"),
        ["kremlin.ru"] = ("Kremlin", "Кремль"),
        ["en.kremlin.ru"] = ("Kremlin", "Кремль"),
        ["duma.gov.ru"] = ("State Duma", "Госдума"),
        ["council.gov.ru"] = ("Federation Council", "Совет Федерации"),
        ["publication.pravo.gov.ru"] = ("Official legal information portal", "Официальный портал правовой информации"),
        ["pravo.gov.ru"] = ("Official legal information portal", "Официальный портал правовой информации"),
        ["mid.ru"] = ("Russian Foreign Ministry", "МИД России"),
        ["treaties.un.org"] = ("UN Treaty Collection", "Договорная база ООН"),
        ["coe.int"] = ("Council of Europe Treaty Office", "Договорное бюро Совета Европы"),
        ["conventions-ws.coe.int"] = ("Council of Europe Treaty Office", "Договорное бюро Совета Европы"),
        ["themoscowtimes.com"] = ("The Moscow Times", "The Moscow Times"),
        ["meduza.io"] = ("Meduza", "Медуза"),
        ["tass.com"] = ("TASS", "ТАСС"),
        ["tass.ru"] = ("TASS", "ТАСС"),
        ["ria.ru"] = ("RIA Novosti", "РИА Новости"),
        ["interfax.ru"] = ("Interfax", "Интерфакс"),
        ["kommersant.ru"] = ("Kommersant", "Коммерсантъ"),
        ["vedomosti.ru"] = ("Vedomosti", "Ведомости"),
        ["rbc.ru"] = ("RBC", "РБК"),
        ["rferl.org"] = ("RFE/RL", "Радио Свобода"),
        ["svoboda.org"] = ("Radio Liberty", "Радио Свобода"),
        ["bbc.co.uk"] = ("BBC", "Би-би-си"),
        ["bbc.com"] = ("BBC", "Би-би-си"),
        ["reuters.com"] = ("Reuters", "Reuters"),
        ["apnews.com"] = ("AP", "AP"),
        ["aljazeera.com"] = ("Al Jazeera", "Al Jazeera"),
        ["nytimes.com"] = ("The New York Times", "The New York Times"),
        ["washingtonpost.com"] = ("The Washington Post", "The Washington Post"),
        ["wsj.com"] = ("The Wall Street Journal", "The Wall Street Journal"),
        ["news.sky.com"] = ("Sky News", "Sky News"),
        ["nbcnews.com"] = ("NBC News", "NBC News"),
        ["cnn.com"] = ("CNN", "CNN"),
        ["japantoday.com"] = ("Japan Today", "Japan Today"),
        ["polsatnews.pl"] = ("Polsat News", "Polsat News"),
        ["theguardian.com"] = ("The Guardian", "The Guardian"),
        ["ft.com"] = ("Financial Times", "Financial Times"),
        ["politico.eu"] = ("Politico", "Politico"),
        ["dw.com"] = ("Deutsche Welle", "Deutsche Welle"),
        ["france24.com"] = ("France 24", "France 24"),
        ["euronews.com"] = ("Euronews", "Euronews"),
        ["lenta.ru"] = ("Lenta.ru", "Лента.ру"),
        ["gazeta.ru"] = ("Gazeta.ru", "Газета.Ru"),
        ["rg.ru"] = ("Rossiyskaya Gazeta", "Российская газета"),
        ["iz.ru"] = ("Izvestia", "Известия"),
        ["kp.ru"] = ("Komsomolskaya Pravda", "Комсомольская правда"),
        ["mk.ru"] = ("Moskovsky Komsomolets", "Московский комсомолец"),
        ["aif.ru"] = ("Argumenty i Fakty", "Аргументы и факты"),
        ["argumenti.ru"] = ("Argumenty Nedeli", "Аргументы недели"),
        ["rosbalt.ru"] = ("Rosbalt", "Росбалт"),
        ["life.ru"] = ("Life", "Life"),
        ["5-tv.ru"] = ("Channel 5", "Пятый канал"),
        ["1tv.ru"] = ("Channel One", "Первый канал"),
        ["ntv.ru"] = ("NTV", "НТВ"),
        ["vesti.ru"] = ("Vesti", "Вести"),
        ["m24.ru"] = ("Moscow 24", "Москва 24"),
        ["rt.com"] = ("RT", "RT"),
        ["regnum.ru"] = ("Regnum", "Регнум"),
        ["ura.news"] = ("URA.RU", "URA.RU"),
        ["eadaily.com"] = ("EADaily", "EADaily"),
        ["newsru.com"] = ("NEWSru", "NEWSru"),
        ["newsru.co.il"] = ("NEWSru.co.il", "NEWSru.co.il"),
        ["novayagazeta.ru"] = ("Novaya Gazeta", "Новая газета"),
        ["holod.media"] = ("Holod", "Холод"),
        ["belta.by"] = ("BelTA", "БелТА"),
        ["ukrinform.ru"] = ("Ukrinform", "Укринформ"),
        ["unian.net"] = ("UNIAN", "УНИАН"),
    };

    // Prefixes a site puts before its own domain for mobile, AMP or text-only copies, or for an edition in another
    // language (eng.lsm.lv is LSM's English edition, ru.euronews.com Euronews' Russian one: the outlet is the same).
    private static readonly string[] CopyPrefixes = ["www.", "m.", "amp.", "txt.", "mobile.", "pda.", "en.", "eng.", "ru.", "rus."];

    /// <summary>The longest outlet name a post shows (a configured <c>Name</c> or a feed's title); a longer feed title is not a name.</summary>
    public const int MaxLength = 60;

    // Separators between a feed title's outlet and its section ("BBC News - World", "NYT > World News", "Lenta.ru : Новости").
    private static readonly string[] TitleSeparators = [" - ", " – ", " — ", " | ", " > ", " » ", " :: ", " : ", ": "];

    // Feed-title parts that name a section or the feed, not the outlet.
    private static readonly HashSet<string> GenericTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "news", "latest news", "top stories", "world", "world news", "home", "rss", "feed", "all", "politics", "headlines",
        "новости", "главное", "главная", "политика", "в мире", "все новости", "лента новостей", "последние новости", "rss-лента",
    };

    /// <summary>
    /// The name a post gives an item of a source: the name table's for its host in <paramref name="language"/>, else the
    /// source's own name (<see cref="SourceRef.Outlet"/>: configured, else its feed's title; in Latin letters in an
    /// English post), else the site (<see cref="For(string, string, string, string?)"/>).
    /// </summary>
    public static string For(SourceRef source, string language)
    {
        ArgumentNullException.ThrowIfNull(source);
        return For(source.Link, language, source.SourceId, source.Outlet);
    }

    /// <summary>
    /// The outlet name a source goes by: <paramref name="configured"/> (a source's <c>Name</c>) when set, else the outlet part
    /// of its feed's title ("The Moscow Times - Independent News From Russia" → "The Moscow Times"; a section such as
    /// "Новости" is skipped); null when neither gives a name of at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static string? OfSource(string? configured, string? feedTitle)
    {
        if (Clean(configured) is { Length: > 0 } name)
        {
            return name.Length <= MaxLength ? name : null;
        }
        var title = Clean(feedTitle);
        if (title is not { Length: > 0 } || title.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = title.Split(TitleSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.FirstOrDefault(p => !GenericTitles.Contains(p) && p.Length <= MaxLength && p.Any(char.IsLetter));
    }

    /// <summary>Whitespace runs as one space, control and format characters dropped.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else if (!char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Trim();
    }

    private static string? Listed(string host, string language)
    {
        for (var candidate = host; candidate.Length > 0;)
        {
            if (ByHost.TryGetValue(candidate, out var names))
            {
                return language == "ru" ? names.Ru : names.En;
            }
            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            candidate = dot < 0 || candidate.IndexOf('.', dot + 1) < 0 ? "" : candidate[(dot + 1)..];
        }
        return null;
    }

    /// <summary>
    /// The outlet's name in <paramref name="language"/> from the name table, else <paramref name="outlet"/> (a source's own
    /// name, at most <see cref="MaxLength"/> characters; in Latin letters in an English post), else the link's host without
    /// <c>www.</c>, else <paramref name="fallback"/>.
    /// </summary>
    public static string For(string link, string language, string fallback, string? outlet = null)
    {
        var host = Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? SiteHost(uri) : null;
        if (host is not null && Listed(host, language) is { } listed)
        {
            return listed;
        }
        if (outlet is { Length: > 0 } && outlet.Length <= MaxLength)
        {
            return language == "ru" ? outlet : Romanised(outlet);
        }
        if (host is null)
        {
            return fallback;
        }
        // An English post names a Cyrillic domain in Latin letters ("Gorodskiestranitsy.rf"): never a word in the other script.
        var site = language == "ru" ? host : Romanised(host);
        return char.ToUpperInvariant(site[0]) + site[1..];
    }

    private static readonly string[] Latin =
    [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
        "", "y", "", "e", "yu", "ya",
    ];

    /// <summary>Cyrillic letters in Latin (the simple BGN/PCGN reading, as the names above are written: "Rossiyskaya Gazeta"), other characters kept.</summary>
    private static string Romanised(string text)
    {
        if (!text.Any(c => c is >= 'а' and <= 'я' or 'ё' or >= 'А' and <= 'Я' or 'Ё'))
        {
            return text;
        }
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                >= 'а' and <= 'я' => Latin[c - 'а'],
                'ё' => "yo",
                // A capital keeps its capital ("Городские" → "Gorodskie"); a letter with no Latin reading (Ь) stays out.
                >= 'А' and <= 'Я' => Capitalised(Latin[c - 'А']),
                'Ё' => "Yo",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    private static string Capitalised(string latin) => latin.Length == 0 ? latin : char.ToUpperInvariant(latin[0]) + latin[1..];

    /// <summary>The host without copy prefixes, an internationalised domain in Unicode.</summary>
    private static string SiteHost(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        try
        {
            host = new System.Globalization.IdnMapping().GetUnicode(host);
        }
        catch (ArgumentException)
        {
            // Not a valid IDN: keep the ASCII form.
        }
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var prefix in CopyPrefixes)
            {
                if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2)
                {
                    host = host[prefix.Length..];
                    stripped = true;
                }
            }
        }
        return host;
    }

    /// <summary>The registrable part of the host, to tell independent outlets apart (tass.ru and tass.com are one).</summary>
    public static string Outlet(string link)
        => For(link, "en", link);
}
