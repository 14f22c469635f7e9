using System.Globalization;
using Alerts.Core.Detection;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Alerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Core.Tests.Events;

/// <summary>One feed item of a replay: what a poller would hand the detector, and where it came from.</summary>
public sealed record TimelineItem(string Scenario, DateTimeOffset Published, SourceLevel Level, string Language, string Title, string Summary, string Link, string SourceId);

/// <summary>
/// Turns tests/data/timeline/russia_treaty_actions_timeline.csv into item streams: each row is an
/// item (title = the Russian phrase seen, summary = the evidence quote), plus reprints by other
/// outlets (same text, other links and source ids, hours later). Rows whose phrases the real
/// detector misses get a replacement built from the same row (see <see cref="Overrides"/>);
/// those phrases are listed in docs/EVENTS.md for the detector's owner.
/// </summary>
public static class TimelineReplay
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static TreatyDetector Detector { get; } = TreatyDetector.FromCatalogFile(Path.Combine(RepositoryRoot, "config", "treaties.json"));

    public static TreatyCatalog Catalog => Detector.Catalog;

    /// <summary>Scenario name → a test on the CSV's treaty column.</summary>
    public static IReadOnlyDictionary<string, Func<string, bool>> Scenarios { get; } = new Dictionary<string, Func<string, bool>>
    {
        ["new-start"] = t => t.StartsWith("New START", StringComparison.Ordinal),
        ["cfe"] = t => t.StartsWith("CFE", StringComparison.Ordinal),
        ["ctbt"] = t => t == "CTBT",
        ["coe-2023"] = t => t.Contains("CoE treaties", StringComparison.Ordinal),
        ["cpt-2025"] = t => t.Contains("Prevention of Torture", StringComparison.Ordinal) || t.StartsWith("ETS 126", StringComparison.Ordinal),
        ["open-skies"] = t => t == "Treaty on Open Skies",
        ["plutonium"] = t => t.StartsWith("RU-US Plutonium", StringComparison.Ordinal),
        ["dprk-pact"] = t => t.StartsWith("Russia-DPRK", StringComparison.Ordinal),
    };

    /// <summary>
    /// Replacements, keyed by evidence URL and date, for rows the detector does not read as the
    /// timeline does. Each keeps the row's own words where it can (the outlet's headline from its
    /// URL, the quote as summary).
    /// </summary>
    private static readonly Dictionary<(string Url, string Date), (string Title, string Summary)> Overrides = new()
    {
        // «проект закона о денонсации договора»: the quote names no treaty (unknown); the bill is the CFE one.
        [("https://rus.delfi.lv/57862/abroad/55608186/putin-podpisal-zakon-o-denonsacii-dogovora-ob-obychnyh-vooruzhennyh-silah-v-evrope", "2023-05-10")] =
            ("Путин внес в Госдуму проект закона о денонсации ДОВСЕ", "10 мая Путин внес на рассмотрении в Госдуму проект закона о денонсации договора"),
        // «закон о денонсации ДОВСЕ» + quote: no state found (event id cfe.withdrawal.xx). Outlet's headline from its URL.
        [("https://prokopevsk-gid.ru/news/politika/gosduma-prinyala-zakon-o-denonsacii-dogovora-ob-obychnyh-vooruzhennyh-silah-v-evrope.htm", "2023-05-16")] =
            ("Госдума приняла закон о денонсации договора об обычных вооруженных силах в Европе", "Депутаты Государственной Думы 16 мая единогласно поддержали денонсацию"),
        // «Денонсировать Договор ...» (the law's text): no state, no stage. Outlet's headline from its URL.
        [("https://livenews24.ru/putin-podpisal-zakon-o-denonsatsii-dog", "2023-05-29")] =
            ("Путин подписал закон о денонсации договора об обычных вооруженных силах в Европе", "«Денонсировать Договор об обычных вооруженных силах в Европе, подписанный в городе Париже 19 ноября 1990 года» Документ опубликован на официальном портале правовой информации"),
        // The headline alone names no catalogue treaty; the feed item's real description (corpus dev-01503) does.
        [("https://www.themoscowtimes.com/2023/11/07/russia-formally-quits-post-cold-war-arms-treaty-with-europe-a83017", "2023-11-07")] =
            ("Russia Formally Quits Post-Cold War Arms Treaty With Europe", "In May, President Vladimir Putin signed a law formally exiting the Treaty on Conventional Armed Forces in Europe."),
        // «законопроект об отзыве ратификации ДВЗЯИ» + «Инициативу ... внесли в Государственную думу»: no state.
        [("http://www.m24.ru/news/vlast/02112023/635717", "2023-10-13")] =
            ("В Госдуму внесен законопроект об отзыве ратификации ДВЗЯИ", "Инициативу об отзыве ратификации ДВЗЯИ внесли в Государственную думу 13 октября"),
        // «отменяет статью 1 закона «О ратификации ...»» and the outlet's headline «Госдума окончательно
        // утвердила отказ России от ДВЗЯИ» are both read as a ratification.
        [("https://eadaily.com/ru/news/2023/10/18/gosduma-okonchatelno-utverdila-otkaz-rossii-ot-dzvyai", "2023-10-18")] =
            ("Госдума приняла закон об отзыве ратификации ДВЗЯИ", "приняла в третьем, заключительном чтении закон об отзыве ратификации"),
    };

    public static IReadOnlyList<TimelineItem> Items(string scenario, int reprints = 2)
    {
        var test = Scenarios[scenario];
        var items = new List<TimelineItem>();
        foreach (var row in Rows().Where(r => test(r["treaty"])))
        {
            var url = row["evidence_url"];
            var date = row["date"];
            var (title, summary) = Overrides.TryGetValue((url, date), out var o) ? o
                : row["ru_phrase_seen"].Length > 0 ? (row["ru_phrase_seen"], row["evidence_quote"])
                : (StripNote(row["evidence_quote"]), "");
            // The feed publishes when the act is public: "Government (Mishustin; publ. 2025-08-25)".
            var published = DateTimeOffset.Parse(PublicationDate(row["actor"]) ?? date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).AddHours(9);
            var level = IsOfficial(url) ? SourceLevel.Official : SourceLevel.Media;
            var language = title.Any(c => c is >= 'А' and <= 'я') ? "ru" : "en";
            var host = new Uri(url).Host;
            items.Add(new TimelineItem(scenario, published, level, language, title, summary, url, host));
            for (var r = 1; r <= reprints; r++)
            {
                items.Add(new TimelineItem(scenario, published.AddHours(2 * r), SourceLevel.Media, language, title, summary,
                    $"https://reprint{r}.example/{date}/{Math.Abs(StableHash(url))}", $"reprint{r}"));
            }
        }
        return items;
    }

    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> items, int seed)
    {
        var copy = items.ToList();
        var random = new Random(seed);
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }

    /// <summary>
    /// Feeds each item through the real detector into the tracker, as the poll stage does
    /// (minimum confidence 0.3, the default), moving the clock to each item's publication (never back).
    /// Returns every revision the tracker handed out to announce.
    /// </summary>
    public static async Task<IReadOnlyList<TreatyChange>> ReplayAsync(IEnumerable<TimelineItem> items, EventTracker tracker, FakeTimeProvider time)
    {
        var announced = new List<TreatyChange>();
        foreach (var item in items)
        {
            var at = item.Published.AddMinutes(10);
            if (at > time.GetUtcNow())
            {
                time.SetUtcNow(at);
            }
            var detections = Detector.Detect(new DetectionInput(item.Title, item.Summary, item.Language, item.Level));
            foreach (var detection in detections.Where(d => d.Confidence >= 0.3))
            {
                var source = new SourceRef(item.SourceId, item.Link, item.Title, item.Published, item.Level, item.Language);
                if (await tracker.ApplyAsync(detection, source, item.Summary) is { } change)
                {
                    announced.Add(change);
                }
            }
        }
        return announced;
    }

    private static bool IsOfficial(string url)
    {
        var host = new Uri(url).Host;
        return host.EndsWith("kremlin.ru", StringComparison.Ordinal) || host.EndsWith("government.ru", StringComparison.Ordinal)
            || host.EndsWith("pravo.gov.ru", StringComparison.Ordinal) || host.EndsWith("duma.gov.ru", StringComparison.Ordinal);
    }

    private static string? PublicationDate(string actor)
    {
        var i = actor.IndexOf("publ. 20", StringComparison.Ordinal);
        return i < 0 ? null : actor.Substring(i + 5, 10);
    }

    // "... (MT RSS 2025-08-26T10:21:30Z)": the parenthesis is the timeline's note, not the headline.
    private static string StripNote(string quote)
    {
        var i = quote.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 && quote.EndsWith(')') ? quote[..i] : quote;
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked(h * 31 + c);
        }
        return h == int.MinValue ? 0 : h;
    }

    public static IEnumerable<IReadOnlyDictionary<string, string>> Rows()
        => TestCsv.Rows(Path.Combine(RepositoryRoot, "tests", "data", "timeline", "russia_treaty_actions_timeline.csv"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    }
}
