using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

// Builds config/treaties.json from the shared catalogue material plus manual-treaties.json.
// Usage: dotnet run --project tools/CatalogBuilder -- <catalog-dir> <output-file>
// The output is deterministic (sorted, no timestamps) so a rebuild shows as no diff; TreatyCatalogTests checks that the
// copies in tests/data/catalog build exactly the committed config/treaties.json.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CatalogBuilder <catalog-dir> <output-file>");
    return 2;
}

var (text, count) = CatalogBuild.Build(args[0], Path.Combine(AppContext.BaseDirectory, "manual-treaties.json"));
File.WriteAllText(args[1], text, new UTF8Encoding(false));
Console.WriteLine($"{count} treaties written to {args[1]}");
return 0;

/// <summary>The catalogue built from the depositaries' lists in a directory and the hand-kept manual-treaties.json.</summary>
public static class CatalogBuild
{
    /// <summary>The catalogue's JSON text (indented, ending in a newline) and how many treaties it holds.</summary>
    public static (string Json, int Count) Build(string catalogDir, string manualPath)
    {
        var manual = JsonNode.Parse(File.ReadAllText(manualPath))!.AsObject();
        var extra = manual["extraAliases"]!.AsObject();

        var entries = new List<JsonObject>();

        // Council of Europe: the flattened CSV carries number, series, EN and RU titles and the common English name.
        const string coeDefaultEffect =
            "typical CoE final clause: effective on the first day of the month following the expiration of a period after receipt of the notification (six months in most conventions, twelve in some); check the treaty's denunciation article";
        foreach (var row in Csv.Read(Path.Combine(catalogDir, "coe_treaties_en_ru.csv")))
        {
            // Numbers without leading zeros; a few carry a letter ("012A").
            var number = Titles.CoeNumber(row["Numero_traite"]);
            var id = $"coe:{number}";
            var series = row["Mention"];
            var en = Titles.StripCoeSuffix(row["Libelle_titre_ENG"]);
            var ru = Titles.StripCoeSuffix(Titles.FixMixedScript(row["Libelle_titre_RUS"]));
            var shortEn = new List<string>();
            if (!string.IsNullOrWhiteSpace(row["Nom_commun_ENG"]))
            {
                shortEn.Add(row["Nom_commun_ENG"].Trim());
            }
            var aliasesEn = new List<string> { en, $"{series} {number}", $"{series} No. {number}", $"{series} {row["Numero_traite"]}", $"{series} No. {row["Numero_traite"]}" };
            var aliasesRu = new List<string> { ru };
            // A common name is an alias only when it is a name, not a topic: "Istanbul Convention", "Social Charter", not
            // "Cybercrime" or "Migrant Workers", which news write about other systems' treaties (the UN Convention against
            // Cybercrime, the UN Migrant Workers Convention) and about anything else.
            aliasesEn.AddRange(shortEn.Where(Titles.IsNameNotTopic));
            var entry = new JsonObject
            {
                ["id"] = id,
                ["system"] = "coe",
                ["reference"] = $"{series} {row["Numero_traite"]}",
                ["names"] = new JsonObject { ["en"] = en, ["ru"] = ru },
                ["shortNames"] = Json.Lang(shortEn, []),
                ["aliases"] = Json.Lang(aliasesEn, aliasesRu),
            };
            if (!string.IsNullOrWhiteSpace(row["Numero_traite_parent"]))
            {
                entry["parentId"] = $"coe:{Titles.CoeNumber(row["Numero_traite_parent"])}";
            }
            entry["signed"] = row["Date_ste"];
            entry["denunciationEffect"] = number switch
            {
                "1" => "withdrawal at the end of the financial year if notified in its first nine months, otherwise at the end of the next financial year (Article 7)",
                "5" => "denunciation after five years as a party, on six months' notice (Article 58)",
                _ => coeDefaultEffect,
            };
            Merge(entry, extra[id]);
            entries.Add(entry);
        }

        // UN MTDSG index: reference and English title; Russian titles come only from the manual file.
        using (var un = JsonDocument.Parse(File.ReadAllText(Path.Combine(catalogDir, "un_mtdsg_index.json"))))
        {
            foreach (var t in un.RootElement.GetProperty("treaties").EnumerateArray())
            {
                var reference = t.GetProperty("ref").GetString()!;
                var id = $"un:{reference}";
                var en = Titles.StripUnNotes(System.Net.WebUtility.HtmlDecode(t.GetProperty("title").GetString()!));
                var placeAndDate = t.TryGetProperty("place_date", out var pd) ? pd.GetString() : null;
                // The index cuts long titles mid-word and marks the cut at the start of the next field ("... New York, 24
                // December 2024"): the title is then its part before the first ";" (the name proper, "United Nations Convention
                // against Cybercrime"), and the place and date lose the marker. A cut title without a ";" stays as it is.
                if (placeAndDate is not null && placeAndDate.StartsWith("...", StringComparison.Ordinal))
                {
                    placeAndDate = placeAndDate[3..].Trim();
                    if (en.IndexOf(';') is > 0 and var semicolon)
                    {
                        en = en[..semicolon].Trim();
                    }
                }
                var entry = new JsonObject
                {
                    ["id"] = id,
                    ["system"] = "un",
                    ["reference"] = reference,
                    ["names"] = new JsonObject { ["en"] = en, ["ru"] = "" },
                    ["shortNames"] = Json.Lang([], []),
                    ["aliases"] = Json.Lang([en], []),
                    ["placeAndDate"] = placeAndDate,
                };
                Merge(entry, extra[id]);
                entries.Add(entry);
            }
        }

        // key_treaties.csv: short names and Russian titles of the treaties that matter most.
        foreach (var row in Csv.Read(Path.Combine(catalogDir, "key_treaties.csv")))
        {
            var id = row["system"].StartsWith("CoE", StringComparison.Ordinal)
                ? $"coe:{Titles.CoeNumber(row["id"].Split(' ')[1])}"
                : $"un:{row["id"]}";
            var entry = entries.FirstOrDefault(e => (string)e["id"]! == id);
            if (entry is null)
            {
                continue;
            }
            Json.AddTo(entry, "shortNames", "en", row["short"]);
            if (row["short"].Length >= 3 && Titles.IsNameNotTopic(row["short"]))
            {
                Json.AddTo(entry, "aliases", "en", row["short"]);
            }
            if (!string.IsNullOrWhiteSpace(row["title_ru"]))
            {
                var ru = Titles.StripCoeSuffix(Titles.FixMixedScript(row["title_ru"]));
                if (string.IsNullOrEmpty((string?)entry["names"]!["ru"]))
                {
                    entry["names"]!["ru"] = ru;
                }
                Json.AddTo(entry, "aliases", "ru", ru);
            }
        }

        // Hand-added treaties that are in neither list (bilateral, NATO, arms control, trade).
        foreach (var node in manual["treaties"]!.AsArray())
        {
            var m = node!.AsObject();
            var entry = new JsonObject
            {
                ["id"] = (string)m["id"]!,
                ["system"] = (string)m["system"]!,
            };
            if (m["reference"] is not null)
            {
                entry["reference"] = (string)m["reference"]!;
            }
            entry["names"] = m["names"]!.DeepClone();
            entry["shortNames"] = Json.Lang(Json.Strings(m["shortEn"]), Json.Strings(m["shortRu"]));
            var aliasesEn = new List<string> { (string)m["names"]!["en"]! };
            aliasesEn.AddRange(Json.Strings(m["en"]));
            var aliasesRu = new List<string> { (string)m["names"]!["ru"]! };
            aliasesRu.AddRange(Json.Strings(m["ru"]));
            entry["aliases"] = Json.Lang(aliasesEn, aliasesRu);
            var orgEn = Json.Strings(m["orgEn"]);
            var orgRu = Json.Strings(m["orgRu"]);
            if (orgEn.Count + orgRu.Count > 0)
            {
                entry["organisationAliases"] = Json.Lang(orgEn, orgRu);
            }
            if (m["parties"] is not null)
            {
                entry["parties"] = m["parties"]!.DeepClone();
            }
            if (m["accessionOf"] is not null)
            {
                entry["accessionOf"] = (string)m["accessionOf"]!;
                entry["parentId"] = "north-atlantic-treaty";
            }
            if (m["denunciationEffect"] is not null)
            {
                entry["denunciationEffect"] = (string)m["denunciationEffect"]!;
            }
            CopyTags(entry, m);
            // A hand-added treaty that a depositary list already holds (same id, e.g. "un:XXVI-6") completes that entry: one treaty,
            // one entry, so English and Russian reports of it meet (TreatyCatalogTests checks no two entries are the same treaty).
            var existing = entries.FirstOrDefault(e => (string)e["id"]! == (string)entry["id"]!);
            if (existing is null)
            {
                entries.Add(entry);
                continue;
            }
            if (string.IsNullOrEmpty((string?)existing["names"]!["ru"]))
            {
                existing["names"]!["ru"] = (string?)entry["names"]!["ru"];
            }
            foreach (var field in new[] { "aliases", "shortNames" })
            {
                foreach (var lang in new[] { "en", "ru" })
                {
                    foreach (var value in Json.Strings(entry[field]![lang]))
                    {
                        Json.AddTo(existing, field, lang, value);
                    }
                }
            }
            foreach (var field in new[] { "organisationAliases", "parties", "denunciationEffect", "tags" })
            {
                if (entry[field] is not null)
                {
                    existing[field] = entry[field]!.DeepClone();
                }
            }
        }

        foreach (var entry in entries)
        {
            Json.Dedupe(entry, "aliases");
            Json.Dedupe(entry, "shortNames");
        }

        var root = new JsonObject
        {
            ["version"] = 1,
            ["generatedBy"] = "tools/CatalogBuilder (see docs/DETECTION.md)",
            ["sources"] = new JsonArray("coe_treaties_en_ru.csv", "un_mtdsg_index.json", "key_treaties.csv", "tools/CatalogBuilder/manual-treaties.json"),
            ["treaties"] = new JsonArray(entries.Select(e => (JsonNode)e).ToArray()),
        };

        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return (root.ToJsonString(options) + "\n", entries.Count);
    }

    private static void Merge(JsonObject entry, JsonNode? extra)
    {
        if (extra is null)
        {
            return;
        }
        foreach (var s in Json.Strings(extra["en"]))
        {
            Json.AddTo(entry, "aliases", "en", s);
        }
        foreach (var s in Json.Strings(extra["ru"]))
        {
            Json.AddTo(entry, "aliases", "ru", s);
        }
        var orgEn = Json.Strings(extra["orgEn"]);
        var orgRu = Json.Strings(extra["orgRu"]);
        if (orgEn.Count + orgRu.Count > 0)
        {
            entry["organisationAliases"] = Json.Lang(orgEn, orgRu);
        }
        // A list treaty's own withdrawal clause, where the list itself does not give one (the UN index gives none).
        if (extra["denunciationEffect"] is not null)
        {
            entry["denunciationEffect"] = (string)extra["denunciationEffect"]!;
        }
        CopyTags(entry, extra);
    }

    // Short hashtags the posts use, one per language ({"en": "CTBT", "ru": "ДВЗЯИ"}).
    private static void CopyTags(JsonObject entry, JsonNode source)
    {
        if (source["tags"] is JsonObject tags)
        {
            entry["tags"] = tags.DeepClone();
        }
    }
}

internal static partial class Titles
{
    public static string CoeNumber(string raw) => raw.Trim().TrimStart('0');

    /// <summary>
    /// Whether a short name names a treaty: an acronym ("ECHR", "CTBT") or words with a treaty word ("Istanbul Convention",
    /// "Rome Statute", "Convention 108"). A topic ("Cybercrime", "Tax Matters", "Istanbul", "Prevention of Terrorism") is
    /// kept as a short name but is no alias: news use those words for other treaties and for no treaty at all.
    /// </summary>
    public static bool IsNameNotTopic(string shortName)
    {
        var name = shortName.Trim();
        if (name.Length >= 3 && !name.Contains(' ', StringComparison.Ordinal) && name.All(c => char.IsUpper(c) || char.IsDigit(c)))
        {
            return true;
        }
        return TreatyWord().IsMatch(name);
    }

    [GeneratedRegex(@"\b(?:convention|charter|protocol|treaty|agreement|statute|covenant|code)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TreatyWord();

    // "(ETS No. 126)", "(CETS No. 210)", "(СEД № 126)", "(СДСE № 196)" and the "(*)" marker of protocols.
    public static string StripCoeSuffix(string title) =>
        Spaces().Replace(CoeSuffix().Replace(title, ""), " ").Trim();

    public static string StripUnNotes(string title) =>
        Spaces().Replace(UnNote().Replace(title.TrimEnd('*'), ""), " ").Trim().TrimEnd('*').Trim();

    // The CoE Russian titles write the series marker with a Latin "E" inside Cyrillic words.
    public static string FixMixedScript(string text)
    {
        var sb = new StringBuilder(text);
        for (var i = 0; i < sb.Length; i++)
        {
            if (sb[i] is 'E' or 'C' && ((i > 0 && IsCyrillic(sb[i - 1])) || (i + 1 < sb.Length && IsCyrillic(sb[i + 1]))))
            {
                sb[i] = sb[i] == 'E' ? 'Е' : 'С';
            }
        }
        return sb.ToString();
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    [GeneratedRegex(@"\s*\((?:C?ETS|СE?ДС?E?|СДСЕ|СЕД)[^)]*\)|\s*\(\*\)")]
    private static partial Regex CoeSuffix();

    [GeneratedRegex(@"\s*\((?:deposited|as amended|with annex)[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex UnNote();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

internal static class Json
{
    public static JsonObject Lang(IEnumerable<string> en, IEnumerable<string> ru) => new()
    {
        ["en"] = new JsonArray(en.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
        ["ru"] = new JsonArray(ru.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
    };

    public static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => (string)n!).ToList() : [];

    public static void AddTo(JsonObject entry, string field, string lang, string value) =>
        entry[field]![lang]!.AsArray().Add(value);

    public static void Dedupe(JsonObject entry, string field)
    {
        foreach (var lang in new[] { "en", "ru" })
        {
            var values = Strings(entry[field]![lang])
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            entry[field]![lang] = new JsonArray(values.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }
    }
}

internal static class Csv
{
    // RFC 4180 (quoted fields may hold commas, doubled quotes and newlines), read with CsvHelper.
    public static IEnumerable<Dictionary<string, string>> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            yield return header.ToDictionary(name => name, name => csv.GetField(name) ?? "", StringComparer.Ordinal);
        }
    }
}
