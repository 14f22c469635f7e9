namespace Alerts.Core.Formatting;

/// <summary>
/// The names readers know an outlet or an official site by, per language, from the link's host
/// ("The Moscow Times", «Правительство России»); the host itself when not listed.
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
    };

    /// <summary>The outlet's name in <paramref name="language"/>, else the link's host without <c>www.</c>, else <paramref name="fallback"/>.</summary>
    public static string For(string link, string language, string fallback)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return fallback;
        }
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        for (var candidate = host; candidate.Length > 0;)
        {
            if (ByHost.TryGetValue(candidate, out var names))
            {
                return language == "ru" ? names.Ru : names.En;
            }
            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            candidate = dot < 0 || candidate.IndexOf('.', dot + 1) < 0 ? "" : candidate[(dot + 1)..];
        }
        return host;
    }

    /// <summary>The registrable part of the host, to tell independent outlets apart (tass.ru and tass.com are one).</summary>
    public static string Outlet(string link)
        => For(link, "en", link);
}
