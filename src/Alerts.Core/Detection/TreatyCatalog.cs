using System.Text.Json;

namespace Alerts.Core.Detection;

/// <summary>
/// The treaty catalogue (config/treaties.json) with an alias index keyed by the first word stem, so
/// finding the treaties an item names costs one dictionary look-up per word, not a scan of the catalogue.
/// </summary>
public sealed class TreatyCatalog
{
    /// <summary>Largest catalogue file accepted; the real one is well under 1 MiB.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly Dictionary<string, TreatyCatalogEntry> _byId;
    private readonly Dictionary<string, List<Alias>> _byFirstStem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AliasIndex> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AliasIndex>.AlternateLookup<ReadOnlySpan<char>> _indexBySpan;

    /// <summary>
    /// The aliases that begin with one stem, in their order (longest first), split by length: those of two stems or
    /// more keyed by their second stem, then those of one. A word like "convention" begins hundreds of aliases; only
    /// those whose second stem is the next content word's can match there.
    /// </summary>
    private sealed record AliasIndex(Dictionary<string, Alias[]>.AlternateLookup<ReadOnlySpan<char>> BySecondStem, Alias[] Single);

    private sealed record Alias(TreatyCatalogEntry Entry, string[] Stems, bool CaseSensitive, bool IsOrganisation, int Order);

    private int _aliasCount;

    /// <summary>Aliases already indexed (entry, organisation or not, stems), so a repeated alias is found in one look-up.</summary>
    private readonly HashSet<(TreatyCatalogEntry Entry, bool Organisation, string Stems)> _added = [];

    public TreatyCatalog(IEnumerable<TreatyCatalogEntry> entries)
    {
        // Built at every start-up (a quarter of a one-item scan): plain loops, presized collections, no LINQ.
        var list = entries.ToList();
        Entries = list;
        _byId = new Dictionary<string, TreatyCatalogEntry>(list.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in list)
        {
            _byId[entry.Id] = entry;
            foreach (var alias in entry.AliasesEn)
            {
                AddAlias(entry, alias, organisation: false);
            }
            foreach (var alias in entry.AliasesRu)
            {
                AddAlias(entry, alias, organisation: false);
            }
            AddAlias(entry, entry.NameEn, organisation: false);
            AddAlias(entry, entry.NameRu, organisation: false);
            foreach (var alias in entry.OrganisationAliases)
            {
                AddAlias(entry, alias, organisation: true);
            }
        }
        _index.EnsureCapacity(_byFirstStem.Count);
        var bySecond = new Dictionary<string, List<Alias>>(StringComparer.Ordinal);
        var single = new List<Alias>();
        foreach (var (key, aliases) in _byFirstStem)
        {
            // Longest alias first so the most specific name wins ("Protocol to the North Atlantic Treaty on the Accession of Finland"
            // over "North Atlantic Treaty"); among equals a treaty's own name beats an organisation's, then catalogue order
            // (unique, so the order is total and an unstable sort gives it).
            if (aliases.Count > 1)
            {
                aliases.Sort(AliasOrder);
            }
            bySecond.Clear();
            single.Clear();
            foreach (var alias in aliases)
            {
                if (alias.Stems.Length == 1)
                {
                    single.Add(alias);
                }
                else if (bySecond.TryGetValue(alias.Stems[1], out var group))
                {
                    group.Add(alias);
                }
                else
                {
                    bySecond[alias.Stems[1]] = [alias];
                }
            }
            var longer = new Dictionary<string, Alias[]>(bySecond.Count, StringComparer.Ordinal);
            foreach (var (second, group) in bySecond)
            {
                longer[second] = [.. group];
            }
            _index[key] = new AliasIndex(longer.GetAlternateLookup<ReadOnlySpan<char>>(), [.. single]);
        }
        _added.Clear();
        _added.TrimExcess();
        _indexBySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static int AliasOrder(Alias x, Alias y)
    {
        var byLength = y.Stems.Length.CompareTo(x.Stems.Length);
        if (byLength != 0)
        {
            return byLength;
        }
        var byOrganisation = x.IsOrganisation.CompareTo(y.IsOrganisation);
        return byOrganisation != 0 ? byOrganisation : x.Order.CompareTo(y.Order);
    }

    public IReadOnlyList<TreatyCatalogEntry> Entries { get; }

    public TreatyCatalogEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Loads config/treaties.json.</summary>
    public static TreatyCatalog Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Treaty catalogue not found: {path}", path);
        }
        if (info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"Treaty catalogue {path} is {info.Length} bytes; the limit is {MaxFileBytes}");
        }
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Reads the JSON of config/treaties.json.</summary>
    public static TreatyCatalog Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var entries = new List<TreatyCatalogEntry>();
        foreach (var t in doc.RootElement.GetProperty("treaties").EnumerateArray())
        {
            entries.Add(new TreatyCatalogEntry
            {
                Id = t.GetProperty("id").GetString() ?? throw new InvalidDataException("treaty without id"),
                System = Str(t, "system") ?? "",
                NameEn = t.GetProperty("names").GetProperty("en").GetString() ?? "",
                NameRu = t.GetProperty("names").TryGetProperty("ru", out var ru) ? ru.GetString() ?? "" : "",
                ShortNamesEn = Lang(t, "shortNames", "en"),
                ShortNamesRu = Lang(t, "shortNames", "ru"),
                AliasesEn = Lang(t, "aliases", "en"),
                AliasesRu = Lang(t, "aliases", "ru"),
                OrganisationAliases = [.. Lang(t, "organisationAliases", "en"), .. Lang(t, "organisationAliases", "ru")],
                Parties = t.TryGetProperty("parties", out var p) ? p.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [],
                AccessionOf = Str(t, "accessionOf"),
                ParentId = Str(t, "parentId"),
                DenunciationEffect = Str(t, "denunciationEffect"),
            });
        }
        return new TreatyCatalog(entries);
    }

    /// <summary>
    /// The catalogue id a free-text treaty name refers to (the longest treaty name or alias it contains), or null.
    /// Used to map labels written as short English names onto ids.
    /// </summary>
    public string? ResolveId(string name)
    {
        var normalized = TextNormalizer.Normalize(name, out var cased);
        var tokens = TextTokens.Tokenize(normalized, cased);
        // An organisation named inside a treaty's name is a party ("EU–UK Trade and Cooperation Agreement"), not the treaty;
        // an organisation's name alone ("WHO") stands for its founding treaty.
        var best = FindMentions(tokens)
            .Where(m => !m.IsOrganisation || (m.Start == 0 && m.End == tokens.Count))
            .OrderByDescending(m => m.End - m.Start)
            .ThenBy(m => m.Start)
            .FirstOrDefault();
        return best?.Entry.Id;
    }

    /// <summary>Every catalogue treaty named in the tokens, longest match first at each position, non-overlapping.</summary>
    internal List<TreatyMention> FindMentions(List<Token> tokens)
    {
        var mentions = new List<TreatyMention>();
        Find(new TokenWords(tokens), mentions);
        return mentions;
    }

    /// <summary>
    /// Whether <see cref="FindMentions"/> finds any treaty in the same words: the same search, stopped at the first name
    /// (the search adds a mention wherever an alias matches, so it finds one exactly when some alias matches somewhere).
    /// </summary>
    internal bool NamesAny(SpanWords words) => Find(words, null);

    /// <summary>The search behind <see cref="FindMentions"/>; with no list to fill, true at the first name found.</summary>
    private bool Find<TWords>(TWords words, List<TreatyMention>? mentions)
        where TWords : IWordList, allows ref struct
    {
        // Content words only: "Договор о СНВ" and "Договор по СНВ" are the same alias.
        Span<int> content = words.Count <= 256 ? stackalloc int[words.Count] : new int[words.Count];
        var n = ContentWords(words, content);
        for (var c = 0; c < n; c++)
        {
            if (!_indexBySpan.TryGetValue(words.Stem(content[c]), out var index))
            {
                continue;
            }
            // The first alias, in the list's order, that matches here: every longer alias comes before every one-stem
            // alias, and a longer one can match only if its second stem is the next content word's.
            var alias = c + 1 < n && index.BySecondStem.TryGetValue(words.Stem(content[c + 1]), out var longer) ? FirstMatch(longer, words, content, c, n) : null;
            alias ??= FirstMatch(index.Single, words, content, c, n);
            if (alias is null || OtherSystemNamed(words, content[c], alias.Entry))
            {
                continue;
            }
            if (mentions is null)
            {
                return true;
            }
            var last = c + alias.Stems.Length - 1;
            mentions.Add(new TreatyMention(alias.Entry, content[c], content[last] + 1, alias.IsOrganisation));
            c = last;
        }
        return mentions is { Count: > 0 };
    }

    /// <summary>
    /// <see cref="FindMentions"/> the plain way, every alias beginning with a word's stem tried in order: what the index
    /// must answer (DetectionMechanicsTests compares the two).
    /// </summary>
    internal List<TreatyMention> FindMentionsByList(List<Token> tokens)
    {
        var mentions = new List<TreatyMention>();
        Span<int> content = new int[tokens.Count];
        var words = new TokenWords(tokens);
        var n = ContentWords(words, content);
        for (var c = 0; c < n; c++)
        {
            if (!_byFirstStem.TryGetValue(tokens[content[c]].Stem, out var candidates))
            {
                continue;
            }
            foreach (var alias in candidates)
            {
                if (c + alias.Stems.Length > n || !Matches(alias, words, content, c))
                {
                    continue;
                }
                if (OtherSystemNamed(words, content[c], alias.Entry))
                {
                    break;
                }
                var last = c + alias.Stems.Length - 1;
                mentions.Add(new TreatyMention(alias.Entry, content[c], content[last] + 1, alias.IsOrganisation));
                c = last;
                break;
            }
        }
        return mentions;
    }

    private Dictionary<TreatyCatalogEntry, HashSet<string>>? _partyTreatyStems;

    /// <summary>
    /// The treaties with named parties (bilateral ones), each with the stems of all its names: built on first use, for the
    /// rare unnamed interstate treaty between named states.
    /// </summary>
    internal IReadOnlyDictionary<TreatyCatalogEntry, HashSet<string>> PartyTreaties()
    {
        if (_partyTreatyStems is { } built)
        {
            return built;
        }
        var result = new Dictionary<TreatyCatalogEntry, HashSet<string>>();
        foreach (var entry in Entries)
        {
            if (entry.Parties.Count < 2)
            {
                continue;
            }
            var stems = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in entry.AliasesEn.Concat(entry.AliasesRu).Append(entry.NameEn).Append(entry.NameRu))
            {
                foreach (var token in TextTokens.Tokenize(TextNormalizer.Normalize(name)))
                {
                    stems.Add(token.Stem);
                }
            }
            result[entry] = stems;
        }
        return _partyTreatyStems = result;
    }

    /// <summary>
    /// The one entry with a name or alias that begins with these stems (a protocol written without its last words), or
    /// null when none or several do. Only for the rare instrument-of-a-treaty phrase: a scan of one first stem's aliases.
    /// </summary>
    internal TreatyCatalogEntry? OnlyEntryNamedFrom(IReadOnlyList<string> stems)
    {
        if (stems.Count == 0 || !_byFirstStem.TryGetValue(stems[0], out var aliases))
        {
            return null;
        }
        TreatyCatalogEntry? found = null;
        foreach (var alias in aliases)
        {
            if (alias.IsOrganisation || alias.Stems.Length < stems.Count)
            {
                continue;
            }
            var match = true;
            for (var k = 1; k < stems.Count && match; k++)
            {
                match = alias.Stems[k] == stems[k];
            }
            if (!match)
            {
                continue;
            }
            if (found is not null && found != alias.Entry)
            {
                return null;
            }
            found = alias.Entry;
        }
        return found;
    }

    /// <summary>
    /// Whether the words just before a name say it is another system's treaty: "UN cybercrime convention", "United Nations
    /// convention on cybercrime" are not the Council of Europe's Convention on Cybercrime, and "Council of Europe convention
    /// against torture" is not the UN's. A treaty of neither system (a hand-added one) is never ruled out this way.
    /// </summary>
    private static bool OtherSystemNamed<TWords>(TWords words, int first, TreatyCatalogEntry entry)
        where TWords : IWordList, allows ref struct
    {
        if (first == 0 || entry.System is not ("coe" or "un"))
        {
            return false;
        }
        var before = words.Text(first - 1);
        var un = before is "un" or "оон" or "onz" || (before is "nations" && first >= 2 && words.Text(first - 2) is "united");
        var coe = before is "coe" || (before is "europe" && first >= 3 && words.Text(first - 2) is "of" && words.Text(first - 3) is "council");
        return entry.System == "coe" ? un : coe;
    }

    /// <summary>Writes the indices of the tokens that are not stop words into <paramref name="content"/>; returns how many.</summary>
    private static int ContentWords<TWords>(TWords words, Span<int> content)
        where TWords : IWordList, allows ref struct
    {
        var n = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (!words.IsStop(i))
            {
                content[n++] = i;
            }
        }
        return n;
    }

    private static Alias? FirstMatch<TWords>(Alias[] aliases, TWords words, Span<int> content, int c, int n)
        where TWords : IWordList, allows ref struct
    {
        foreach (var alias in aliases)
        {
            if (c + alias.Stems.Length <= n && Matches(alias, words, content, c))
            {
                return alias;
            }
        }
        return null;
    }

    private static bool Matches<TWords>(Alias alias, TWords words, Span<int> content, int c)
        where TWords : IWordList, allows ref struct
    {
        for (var k = 0; k < alias.Stems.Length; k++)
        {
            var word = content[c + k];
            if (!words.Stem(word).SequenceEqual(alias.Stems[k]))
            {
                return false;
            }
            if (alias.CaseSensitive && !words.IsUpper(word))
            {
                return false;
            }
        }
        return true;
    }

    private void AddAlias(TreatyCatalogEntry entry, string alias, bool organisation)
    {
        if (string.IsNullOrWhiteSpace(alias))
        {
            return;
        }
        var normalized = TextNormalizer.Normalize(alias);
        var tokens = TextTokens.Tokenize(normalized);
        var stemCount = 0;
        foreach (var token in tokens)
        {
            if (!token.IsStop)
            {
                stemCount++;
            }
        }
        if (stemCount == 0)
        {
            return;
        }
        var stems = new string[stemCount];
        stemCount = 0;
        foreach (var token in tokens)
        {
            if (!token.IsStop)
            {
                stems[stemCount++] = token.Stem;
            }
        }
        // Short acronyms (WHO, ICC, ЕС) are ordinary words in lower case: match them only in capitals.
        var letters = 0;
        var allUpper = true;
        foreach (var ch in alias)
        {
            if (char.IsLetter(ch))
            {
                letters++;
                allUpper &= char.IsUpper(ch);
            }
        }
        var caseSensitive = stems.Length == 1 && letters <= 4 && allUpper;
        if (stems.Length == 1 && letters < 2)
        {
            return;
        }
        if (!_byFirstStem.TryGetValue(stems[0], out var list))
        {
            list = [];
            _byFirstStem[stems[0]] = list;
        }
        if (_added.Add((entry, organisation, string.Join('\u0001', stems))))
        {
            list.Add(new Alias(entry, stems, caseSensitive, organisation, _aliasCount++));
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string> Lang(JsonElement e, string field, string lang)
    {
        if (!(e.TryGetProperty(field, out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty(lang, out var l)))
        {
            return [];
        }
        var values = new List<string>(l.GetArrayLength());
        foreach (var x in l.EnumerateArray())
        {
            if (x.GetString() is { Length: > 0 } value)
            {
                values.Add(value);
            }
        }
        return values;
    }
}
