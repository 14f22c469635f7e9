namespace Alerts.Core.Detection;

/// <summary>A state named in a text: token range [Start, End), its ISO code, the words, and whether it was an actor (Putin, the Duma).</summary>
internal readonly record struct StateMention(int Start, int End, string Code, string Words, bool IsActor);

/// <summary>
/// Country names, demonyms, capitals and state actors in English, Russian and Polish, mapped to ISO 3166-1 alpha-2.
/// English matches whole words; Russian and Polish match word beginnings so every case form counts
/// («Россия/России/Россией», «Турции», «Finlandii»).
/// </summary>
internal static class StateLexicon
{
    // Whole English words (normalised: lower case, possessive dropped, U.S. → usa).
    private static readonly Dictionary<string, string> EnglishWords = Build(
        ("RU", "russia russian russians moscow kremlin putin duma mishustin lavrov ryabkov peskov zakharova shoigu"),
        ("US", "usa america american americans washington biden trump blinken pentagon obama harris"),
        ("GB", "uk britain british london sunak starmer cameron johnson england"),
        ("FI", "finland finnish helsinki niinisto niinistö stubb marin"),
        ("SE", "sweden swedish stockholm kristersson"),
        ("TR", "turkey turkish türkiye turkiye ankara erdogan erdoğan"),
        ("AM", "armenia armenian yerevan pashinyan"),
        ("AZ", "azerbaijan azerbaijani baku aliyev"),
        ("UA", "ukraine ukrainian kyiv kiev zelensky zelenskyy"),
        ("BY", "belarus belarusian lukashenko"),
        ("KP", "pyongyang dprk"),
        ("CN", "china chinese beijing xi"),
        ("JP", "japan japanese tokyo kishida"),
        ("DE", "germany german berlin scholz merz"),
        ("FR", "france french macron"),
        ("IT", "italy italian meloni"),
        ("ES", "spain spanish madrid sanchez"),
        ("PL", "poland warsaw duda tusk"),
        ("HU", "hungary hungarian budapest orban orbán"),
        ("IR", "iran iranian tehran"),
        ("IL", "israel israeli netanyahu"),
        ("IN", "india indian modi"),
        ("CA", "canada canadian trudeau"),
        ("AU", "australia australian canberra albanese"),
        ("NZ", "zealand"),
        ("KZ", "kazakhstan kazakh"),
        ("MD", "moldova moldovan chisinau"),
        ("LV", "latvia latvian riga"),
        ("LT", "lithuania lithuanian vilnius"),
        ("EE", "estonia estonian tallinn"),
        ("NO", "norway norwegian oslo"),
        ("DK", "denmark danish copenhagen"),
        ("NL", "netherlands dutch hague"),
        ("BE", "belgium belgian"),
        ("GR", "greece greek athens"),
        ("RS", "serbia serbian belgrade"),
        ("SA", "saudi riyadh"),
        ("ML", "mali malian bamako"),
        ("NE", "niger nigerien niamey"),
        ("BF", "burkina"),
        ("PH", "philippines philippine manila"),
        ("MX", "mexico mexican"),
        ("BR", "brazil brazilian"),
        ("AR", "argentina argentine"),
        ("VE", "venezuela venezuelan caracas"),
        ("NI", "nicaragua nicaraguan"),
        ("ZA", "pretoria"),
        ("SK", "slovakia slovak"),
        ("CZ", "czech prague"),
        ("RO", "romania romanian bucharest"),
        ("BG", "bulgaria bulgarian sofia"),
        ("GE", "tbilisi"),
        ("TJ", "tajikistan tajik dushanbe"),
        ("KG", "kyrgyzstan kyrgyz"),
        ("UZ", "uzbekistan uzbek"),
        ("PK", "pakistan pakistani islamabad"),
        ("AF", "afghanistan afghan"),
        ("SY", "syria syrian damascus"),
        ("IQ", "iraq iraqi baghdad"),
        ("EG", "egypt egyptian cairo"),
        ("VN", "vietnam vietnamese hanoi"),
        ("ID", "indonesia indonesian jakarta"),
        ("MY", "malaysia malaysian"),
        ("SG", "singapore singaporean"),
        ("TH", "thailand thai bangkok"),
        ("PT", "portugal portuguese lisbon"),
        ("IE", "ireland irish dublin"),
        ("AT", "austria austrian vienna"),
        ("CH", "switzerland swiss"),
        ("KE", "kenya kenyan nairobi"),
        ("NG", "nigeria nigerian abuja"),
        ("GE", "georgia georgian tbilisi"),
        ("CO", "colombia colombian bogota"),
        ("PE", "peru peruvian lima"),
        ("CL", "chile chilean santiago"),
        ("EC", "ecuador ecuadorian quito"),
        ("BO", "bolivia bolivian"),
        ("CU", "cuba cuban havana"),
        ("SD", "sudan sudanese khartoum"),
        ("ET", "ethiopia ethiopian"),
        ("SO", "somalia somali mogadishu"),
        ("LY", "libya libyan tripoli"),
        ("DZ", "algeria algerian algiers"),
        ("MA", "morocco moroccan rabat"),
        ("TN", "tunisia tunisian tunis"),
        ("TD", "chad chadian"),
        ("SN", "senegal senegalese dakar"),
        ("GH", "ghana ghanaian accra"),
        ("RW", "rwanda rwandan kigali"),
        ("UG", "uganda ugandan kampala"),
        ("TZ", "tanzania tanzanian"),
        ("ZW", "zimbabwe zimbabwean harare"),
        ("MZ", "mozambique"),
        ("LB", "lebanon lebanese beirut"),
        ("JO", "jordan jordanian amman"),
        ("QA", "qatar qatari doha"),
        ("AE", "uae emirates emirati"),
        ("KW", "kuwait kuwaiti"),
        ("OM", "oman omani"),
        ("YE", "yemen yemeni"),
        ("BH", "bahrain bahraini"),
        ("BD", "bangladesh bangladeshi dhaka"),
        ("LK", "lanka lankan colombo"),
        ("NP", "nepal nepali kathmandu"),
        ("MM", "myanmar burmese"),
        ("KH", "cambodia cambodian"),
        ("MN", "mongolia mongolian"),
        ("TM", "turkmenistan"),
        ("HR", "croatia croatian zagreb"),
        ("SI", "slovenia slovenian"),
        ("BA", "bosnia bosnian sarajevo"),
        ("ME", "montenegro"),
        ("MK", "macedonia"),
        ("AL", "albania albanian tirana"),
        ("XK", "kosovo"),
        ("CY", "cyprus cypriot nicosia"),
        ("MT", "malta maltese"),
        ("LU", "luxembourg"),
        ("IS", "iceland icelandic reykjavik"),
        ("KR", "korea korean"),
        ("CD", "drc kinshasa"), ("BJ", "benin beninese"), ("PG", "papua"),
        ("TW", "taiwan taiwanese taipei"),
        ("PY", "paraguay"),
        ("UY", "uruguay"),
        ("GT", "guatemala"),
        ("HN", "honduras"),
        ("SV", "salvador"),
        ("PA", "panama panamanian"),
        ("BS", "bahamas"), ("MV", "maldives"), ("SC", "seychelles"), ("TG", "togo togolese"), ("CG", "congo brazzaville"), ("GN", "guinea"),
        // Russian names that do not inflect (Мали, Перу, Чили, Конго, Сомали, Зимбабве): whole words, not beginnings
        // («мали» would begin «малина»). «Того» is also a pronoun: it names Togo only in a state's context (TogoAt).
        ("ML", "мали малийский малийская малийские малийского малийских"), ("PE", "перу"), ("CL", "чили"), ("CG", "конго"),
        ("SO", "сомали"), ("ZW", "зимбабве"), ("BI", "бурунди"), ("DJ", "джибути"), ("HT", "гаити"), ("XK", "косово"),
        ("MA", "марокко"), ("BD", "бангладеш"), ("NI", "никарагуа"),
        // Small and island states that make treaty news (session 8), English whole words and indeclinable Russian names.
        ("PW", "palau палау"), ("VU", "vanuatu вануату"), ("FJ", "fiji fijian фиджи"), ("TV", "tuvalu тувалу"), ("KI", "kiribati кирибати"),
        ("NR", "nauru науру"), ("WS", "samoa samoan самоа"), ("TO", "tonga tongan"), ("FM", "micronesia"), ("NA", "namibia namibian"),
        ("BW", "botswana"), ("ZM", "zambia zambian"), ("MW", "malawi malawian малави"), ("MG", "madagascar malagasy"),
        ("CM", "cameroon cameroonian"), ("GA", "gabon gabonese"), ("LR", "liberia liberian"), ("ER", "eritrea eritrean"),
        ("AO", "angola angolan"), ("HT", "haiti haitian"), ("JM", "jamaica jamaican"), ("BB", "barbados"), ("BZ", "belize"),
        ("LA", "laos"), ("BT", "bhutan"), ("BN", "brunei"), ("TL", "timor"), ("MU", "mauritius"), ("MR", "mauritania"),
        ("GM", "gambia gambian"), ("GY", "guyana"), ("SR", "suriname"), ("LI", "liechtenstein"), ("AD", "andorra"),
        ("MC", "monaco монако"), ("CI", "ivoire ivorian"), ("TT", "trinidad"), ("LS", "lesotho лесото"), ("SZ", "eswatini эсватини"));

    // Two-word English names.
    private static readonly Dictionary<string, string> EnglishPairs = new(StringComparer.Ordinal)
    {
        ["united states"] = "US", ["white house"] = "US", ["state department"] = "US",
        ["united kingdom"] = "GB", ["downing street"] = "GB",
        ["north korea"] = "KP", ["north korean"] = "KP", ["kim jong"] = "KP",
        ["south korea"] = "KR", ["south korean"] = "KR", ["seoul"] = "KR",
        ["federation council"] = "RU", ["state duma"] = "RU",
        ["new zealand"] = "NZ", ["saudi arabia"] = "SA", ["south africa"] = "ZA", ["south african"] = "ZA",
        ["burkina faso"] = "BF", ["xi jinping"] = "CN", ["guinea bissau"] = "GW", ["equatorial guinea"] = "GQ",
        ["sri lanka"] = "LK", ["costa rica"] = "CR", ["sierra leone"] = "SL", ["cabo verde"] = "CV", ["cape verde"] = "CV",
        ["совет федерации"] = "RU", ["северная корея"] = "KP", ["северной кореи"] = "KP", ["северной корее"] = "KP",
        ["южная корея"] = "KR", ["южной кореи"] = "KR",
        // Hyphenated Russian names are two words here («Буркина-Фасо»); the second word must not break a list of states.
        ["буркина фасо"] = "BF", ["гвинея бисау"] = "GW", ["гвинеи бисау"] = "GW", ["гвинее бисау"] = "GW", ["гвинею бисау"] = "GW",
        ["гвинеей бисау"] = "GW", ["шри ланка"] = "LK", ["шри ланки"] = "LK", ["шри ланке"] = "LK", ["шри ланку"] = "LK",
        ["шри ланкой"] = "LK", ["коста рика"] = "CR", ["коста рики"] = "CR", ["коста рике"] = "CR", ["коста рику"] = "CR",
        ["сьерра леоне"] = "SL", ["кабо верде"] = "CV", ["др конго"] = "CD", ["dr congo"] = "CD",
        ["marshall islands"] = "MH", ["solomon islands"] = "SB", ["san marino"] = "SM", ["сан марино"] = "SM", ["ivory coast"] = "CI",
        ["dominican republic"] = "DO",
    };

    // Word beginnings for inflected languages (Russian, Polish). Longer prefixes first where they overlap.
    private static readonly (string Prefix, string Code)[] CyrillicPrefixes =
    [
        ("великобритан", "GB"), ("британ", "GB"), ("лондон", "GB"),
        ("росси", "RU"), ("рф", "RU"), ("москв", "RU"), ("кремл", "RU"), ("путин", "RU"), ("госдум", "RU"), ("совфед", "RU"),
        ("мишустин", "RU"), ("лавров", "RU"), ("рябков", "RU"), ("песков", "RU"), ("захаров", "RU"), ("шойгу", "RU"),
        ("сша", "US"), ("америк", "US"), ("вашингтон", "US"), ("байден", "US"), ("госдеп", "US"), ("пентагон", "US"), ("трамп", "US"),
        ("финлянд", "FI"), ("финск", "FI"), ("хельсинк", "FI"), ("ниинист", "FI"),
        ("швец", "SE"), ("шведск", "SE"), ("стокгольм", "SE"),
        ("турц", "TR"), ("турецк", "TR"), ("анкар", "TR"), ("эрдоган", "TR"),
        ("армени", "AM"), ("армян", "AM"), ("ереван", "AM"), ("пашинян", "AM"),
        ("азербайджан", "AZ"), ("алиев", "AZ"),
        ("украин", "UA"), ("киев", "UA"), ("зеленск", "UA"),
        ("беларус", "BY"), ("белорус", "BY"), ("лукашенк", "BY"),
        ("кндр", "KP"), ("северокорей", "KP"), ("пхеньян", "KP"),
        ("китай", "CN"), ("китая", "CN"), ("китаю", "CN"), ("кнр", "CN"), ("пекин", "CN"),
        ("япони", "JP"), ("японск", "JP"), ("токио", "JP"),
        ("германи", "DE"), ("немецк", "DE"), ("берлин", "DE"),
        ("франци", "FR"), ("французск", "FR"),
        ("польш", "PL"), ("польск", "PL"), ("варшав", "PL"),
        ("венгри", "HU"), ("венгерск", "HU"),
        ("иран", "IR"), ("израил", "IL"), ("нетаньяху", "IL"), ("бахрейн", "BH"), ("эмират", "AE"), ("джонсон", "GB"), ("цзиньпин", "CN"), ("гондурас", "HN"),
        ("казахстан", "KZ"), ("таджикистан", "TJ"), ("киргиз", "KG"), ("кыргыз", "KG"), ("узбекистан", "UZ"),
        ("молдов", "MD"), ("молдави", "MD"), ("латви", "LV"), ("литв", "LT"), ("эстони", "EE"),
        ("норвеги", "NO"), ("канад", "CA"), ("грузи", "GE"), ("тбилис", "GE"), ("сири", "SY"), ("египет", "EG"), ("египт", "EG"),
        ("ирак", "IQ"), ("афганистан", "AF"), ("пакистан", "PK"), ("вьетнам", "VN"), ("индонези", "ID"), ("монголи", "MN"),
        ("куб", "CU"), ("венесуэл", "VE"), ("никарагу", "NI"), ("бразили", "BR"), ("аргентин", "AR"), ("мексик", "MX"),
        ("итали", "IT"), ("испани", "ES"), ("нидерланд", "NL"), ("бельги", "BE"), ("дани", "DK"), ("греци", "GR"),
        ("серби", "RS"), ("румыни", "RO"), ("болгари", "BG"), ("чехи", "CZ"), ("словаки", "SK"), ("австри", "AT"), ("швейцари", "CH"),
        ("туркмен", "TM"), ("нигери", "NG"), ("нигер", "NE"), ("буркина", "BF"), ("ливи", "LY"), ("судан", "SD"), ("эфиопи", "ET"),
        ("саудовск", "SA"), ("катар", "QA"), ("оаэ", "AE"), ("ливан", "LB"), ("иордани", "JO"), ("южнокорей", "KR"), ("австрали", "AU"), ("индии", "IN"), ("индия", "IN"),
        // Plural names («Филиппины», «Нидерланды», «Багамы»: Филиппин, Филиппинам, Филиппинах) and the rest of the world's
        // states that make treaty news, by the beginning every case form shares.
        ("индию", "IN"), ("индией", "IN"), ("индийск", "IN"), ("филиппин", "PH"), ("голланд", "NL"), ("багам", "BS"), ("мальдив", "MV"),
        ("сейшел", "SC"), ("перуанск", "PE"), ("чилийск", "CL"), ("конголез", "CG"), ("сомалийск", "SO"), ("гвине", "GN"),
        ("ирланд", "IE"), ("исланд", "IS"), ("португал", "PT"), ("люксембург", "LU"), ("мальт", "MT"), ("кипр", "CY"),
        ("хорвати", "HR"), ("словени", "SI"), ("словацк", "SK"), ("чешск", "CZ"), ("босни", "BA"), ("черногори", "ME"),
        ("македони", "MK"), ("албани", "AL"), ("колумби", "CO"), ("эквадор", "EC"), ("боливи", "BO"), ("парагва", "PY"),
        ("уругва", "UY"), ("панам", "PA"), ("гватемал", "GT"), ("сальвадор", "SV"), ("кени", "KE"), ("сенегал", "SN"),
        ("гана", "GH"), ("ганы", "GH"), ("гане", "GH"), ("гану", "GH"), ("чад", "TD"), ("руанд", "RW"), ("уганд", "UG"),
        ("танзани", "TZ"), ("мозамбик", "MZ"), ("алжир", "DZ"), ("марокк", "MA"), ("тунис", "TN"), ("ливан", "LB"),
        ("кувейт", "KW"), ("оман", "OM"), ("йемен", "YE"), ("бангладеш", "BD"), ("непал", "NP"), ("мьянм", "MM"),
        ("таиланд", "TH"), ("камбодж", "KH"), ("малайзи", "MY"), ("сингапур", "SG"), ("тайван", "TW"),
        ("таджик", "TJ"), ("узбек", "UZ"), ("зеланди", "NZ"),
        // «Республика Корея» in every case («Корея», «Кореи», «Корее», «Корею», «Кореей»), not «коренной»; the name it is
        // part of («Северную Корею», «Корейская Народно-Демократическая Республика») is read by Qualified.
        ("корея", "KR"), ("кореи", "KR"), ("корее", "KR"), ("корею", "KR"), ("кореей", "KR"), ("корейск", "KR"),
        ("дрк", "CD"), ("киншас", "CD"), ("браззавил", "CG"), ("тоголез", "TG"), ("бенин", "BJ"), ("папуа", "PG"),
        ("маршаллов", "MH"), ("соломонов", "SB"), ("микронези", "FM"), ("намиби", "NA"), ("ботсван", "BW"), ("замби", "ZM"),
        ("мадагаскар", "MG"), ("камерун", "CM"), ("габон", "GA"), ("либери", "LR"), ("эритре", "ER"), ("ангол", "AO"),
        ("ямайк", "JM"), ("барбадос", "BB"), ("белиз", "BZ"), ("лаос", "LA"), ("бутан", "BT"), ("бруне", "BN"), ("тимор", "TL"),
        ("маврики", "MU"), ("мавритани", "MR"), ("гамби", "GM"), ("гайан", "GY"), ("суринам", "SR"), ("лихтенштейн", "LI"),
        ("андорр", "AD"), ("ивуар", "CI"), ("тринидад", "TT"), ("доминиканск", "DO"),
    ];

    private static readonly (string Prefix, string Code)[] PolishPrefixes =
    [
        ("rosj", "RU"), ("rosyj", "RU"), ("moskw", "RU"), ("kreml", "RU"), ("putin", "RU"),
        ("finlandi", "FI"), ("fińsk", "FI"), ("szwecj", "SE"), ("szwedz", "SE"), ("turcj", "TR"), ("turec", "TR"),
        ("armeni", "AM"), ("ukrain", "UA"), ("amerykań", "US"), ("waszyngton", "US"), ("białoru", "BY"), ("niemc", "DE"),
        ("brytani", "GB"), ("brytyj", "GB"), ("stany", "US"),
        ("sejm", "PL"), ("węgr", "HU"), ("węgier", "HU"), ("polsk", "PL"), ("polsc", "PL"), ("francj", "FR"), ("francus", "FR"),
        // Session 8: the other states of Polish treaty news (Litwa, Łotwa, Estonia leaving the landmine and cluster munitions
        // treaties), by the beginning their case forms share.
        ("litw", "LT"), ("litew", "LT"), ("łotw", "LV"), ("łotew", "LV"), ("estoni", "EE"), ("estoń", "EE"), ("czesk", "CZ"),
        ("słowac", "SK"), ("holandi", "NL"), ("holender", "NL"), ("niderland", "NL"), ("belgi", "BE"), ("duńsk", "DK"),
        ("norweg", "NO"), ("austri", "AT"), ("szwajcar", "CH"), ("włoch", "IT"), ("włosk", "IT"), ("hiszpan", "ES"),
        ("grecj", "GR"), ("greck", "GR"), ("rumuń", "RO"), ("rumuni", "RO"), ("bułgar", "BG"), ("chorwac", "HR"), ("słoweń", "SI"),
        ("słoweni", "SI"), ("mołdaw", "MD"), ("gruzj", "GE"), ("gruzińsk", "GE"), ("japoni", "JP"), ("japońsk", "JP"),
        ("izrael", "IL"), ("kanad", "CA"), ("brazyli", "BR"), ("meksyk", "MX"), ("argentyn", "AR"), ("wenezuel", "VE"),
        ("nikaragu", "NI"), ("kazach", "KZ"), ("armeńsk", "AM"), ("azerbejdżan", "AZ"), ("chińsk", "CN"),
    ];

    // Prefixes grouped by their first two letters: a word is compared only with the few that could match it.
    private static readonly Dictionary<string, (string Prefix, string Code)[]> PrefixIndex =
        CyrillicPrefixes.Concat(PolishPrefixes)
            .GroupBy(p => p.Prefix[..2], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, (string Prefix, string Code)[]>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup =
        PrefixIndex.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> PairFirstWords = EnglishPairs.Keys.Select(k => k.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PairsBySpan = EnglishPairs.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// <see cref="EnglishWords"/> and <see cref="PairFirstWords"/> in one look-up per word: the word's state as an English
    /// word (null if none) and whether it begins a two-word name.
    /// </summary>
    private static readonly Dictionary<string, (string? Code, bool PairFirst)>.AlternateLookup<ReadOnlySpan<char>> WholeWords = WholeWordIndex();

    private static Dictionary<string, (string? Code, bool PairFirst)>.AlternateLookup<ReadOnlySpan<char>> WholeWordIndex()
    {
        var index = new Dictionary<string, (string? Code, bool PairFirst)>(StringComparer.Ordinal);
        foreach (var (word, code) in EnglishWords)
        {
            index[word] = (code, false);
        }
        foreach (var word in PairFirstWords)
        {
            index[word] = (index.GetValueOrDefault(word).Code, true);
        }
        return index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The state a two-word name ("first second") stands for, looked up without building the string.</summary>
    private static bool TryPair(ReadOnlySpan<char> first, ReadOnlySpan<char> second, out string code)
    {
        var length = first.Length + 1 + second.Length;
        if (length > 128)
        {
            return EnglishPairs.TryGetValue(string.Concat(first, " ", second), out code!);
        }
        Span<char> key = stackalloc char[length];
        first.CopyTo(key);
        key[first.Length] = ' ';
        second.CopyTo(key[(first.Length + 1)..]);
        return PairsBySpan.TryGetValue(key, out code!);
    }

    public static List<StateMention> Find(List<Token> tokens)
    {
        var found = new List<StateMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsStop || !StateAt(new TokenWords(tokens), i, out var code, out var pair))
            {
                continue;
            }
            if (pair)
            {
                found.Add(new StateMention(i, i + 2, code, t.Text + " " + tokens[i + 1].Text, IsActorWord(t.Text)));
                i++;
                continue;
            }
            found.Add(new StateMention(i, i + 1, Qualified(tokens, i, code), t.Text, IsActorWord(t.Text)));
        }
        return found;
    }

    /// <summary>
    /// A state whose name holds another state's name: "Democratic Republic of the Congo" and «Демократическая Республика
    /// Конго» are CD, not CG; "Democratic People's Republic of Korea", «Корейская Народно-Демократическая Республика» and
    /// «Северную Корею» are KP, not KR; "South Sudan" / «Южный Судан» SS, not SD; "Papua New Guinea" / «Новая Гвинея» PG,
    /// not GN; «Экваториальная Гвинея» GQ; "Northern Ireland" / «Северная Ирландия» the United Kingdom, not IE;
    /// "Congo-Kinshasa" CD. The qualifier is read among the name's own words before the state's word (republic, of, the,
    /// people), or, for the Russian adjective form and Kinshasa, in the words after it.
    /// </summary>
    private static string Qualified(List<Token> tokens, int i, string code)
    {
        if (code is not ("CG" or "KR" or "SD" or "GN" or "IE"))
        {
            return code;
        }
        for (var j = i - 1; j >= 0 && j >= i - 4; j--)
        {
            var word = tokens[j].Text;
            if (QualifiedBy(word, code) is { } qualified)
            {
                return qualified;
            }
            if (!(word is "of" or "the" or "republic" || word.StartsWith("республик", StringComparison.Ordinal)))
            {
                break;
            }
        }
        // "Congo-Kinshasa" is the Democratic Republic.
        if (code == "CG" && i + 1 < tokens.Count && (tokens[i + 1].Text is "kinshasa" || tokens[i + 1].Text.StartsWith("киншас", StringComparison.Ordinal)))
        {
            return "CD";
        }
        if (code == "KR" && tokens[i].Text.StartsWith("корейск", StringComparison.Ordinal))
        {
            for (var j = i + 1; j < tokens.Count && j <= i + 2; j++)
            {
                if (tokens[j].Text is "народно" || tokens[j].Text.StartsWith("демократическ", StringComparison.Ordinal))
                {
                    return "KP";
                }
            }
        }
        return code;
    }

    private static string? QualifiedBy(string word, string code) => code switch
    {
        "CG" when word is "democratic" || word.StartsWith("демократическ", StringComparison.Ordinal) => "CD",
        "KR" when word is "democratic" or "people" or "peoples" or "north" or "народно"
            || word.StartsWith("демократическ", StringComparison.Ordinal) || word.StartsWith("северн", StringComparison.Ordinal) => "KP",
        "SD" when word is "south" || word.StartsWith("южн", StringComparison.Ordinal) => "SS",
        "GN" when word is "new" || word is "новая" or "новой" or "новую" or "новою" => "PG",
        "GN" when word is "equatorial" || word.StartsWith("экваториальн", StringComparison.Ordinal) => "GQ",
        // Northern Ireland is part of the United Kingdom.
        "IE" when word is "northern" || word.StartsWith("северн", StringComparison.Ordinal) => "GB",
        _ => null,
    };

    /// <summary>
    /// Whether <see cref="Find"/> finds any state in the same words: it adds a mention at every content word where
    /// <see cref="StateAt"/> holds, so it finds one exactly when that holds somewhere.
    /// </summary>
    public static bool NamesAny(SpanWords words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!words.IsStop(i) && StateAt(words, i, out _, out _))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The state the content word <paramref name="i"/> names: with the next word as a two-word name
    /// (<paramref name="pair"/>), else as an English word, else by a Russian or Polish word beginning.
    /// </summary>
    private static bool StateAt<TWords>(TWords words, int i, out string code, out bool pair)
        where TWords : IWordList, allows ref struct
    {
        var text = words.Text(i);
        pair = false;
        code = "";
        if (WholeWords.TryGetValue(text, out var whole))
        {
            if (whole.PairFirst && i + 1 < words.Count && TryPair(text, words.Text(i + 1), out code))
            {
                pair = true;
                return true;
            }
            if (whole.Code is not null)
            {
                code = whole.Code;
                return true;
            }
        }
        if (text is "того")
        {
            code = "TG";
            return TogoAt(words, i);
        }
        if (text.Length < 2 || !PrefixLookup.TryGetValue(text[..2], out var prefixes))
        {
            return false;
        }
        foreach (var (prefix, c) in prefixes)
        {
            // Short prefixes ("рф", "сша") must be nearly the whole word.
            if (text.StartsWith(prefix, StringComparison.Ordinal) && (prefix.Length >= 4 || text.Length <= prefix.Length + 2))
            {
                code = c;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// «Того» is Togo, not the pronoun, in a state's context: after «Республика» («Республики Того»), or joined by «и» to
    /// another state («Бенин и Того», «Того и Гана»), or between two states in a list («Гана, Того, Бенин»).
    /// </summary>
    private static bool TogoAt<TWords>(TWords words, int i)
        where TWords : IWordList, allows ref struct
    {
        if (i > 0 && words.Text(i - 1).StartsWith("республик", StringComparison.Ordinal))
        {
            return true;
        }
        var joinedBefore = i >= 2 && words.Text(i - 1) is "и" && NamesStateAt(words, i - 2);
        var joinedAfter = i + 2 < words.Count && words.Text(i + 1) is "и" && NamesStateAt(words, i + 2);
        return joinedBefore || joinedAfter
            || (i >= 1 && i + 1 < words.Count && NamesStateAt(words, i - 1) && NamesStateAt(words, i + 1));
    }

    /// <summary>Whether word <paramref name="i"/> names a state by itself (not «того» again).</summary>
    private static bool NamesStateAt<TWords>(TWords words, int i)
        where TWords : IWordList, allows ref struct
        => !words.Text(i).SequenceEqual("того") && StateAt(words, i, out _, out _);

    /// <summary>
    /// Whether a state's word is a city (a capital), not the state's name: after "in", "at", «в», "w" it is where a step
    /// was taken ("65 countries sign ... in Hanoi", "talks in Moscow"), not who took it.
    /// </summary>
    public static bool IsCityWord(string word)
    {
        if (CityWords.Contains(word))
        {
            return true;
        }
        foreach (var prefix in CityPrefixes)
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly HashSet<string> CityWords = new(StringComparer.Ordinal)
    {
        "moscow", "washington", "london", "helsinki", "stockholm", "ankara", "yerevan", "baku", "kyiv", "kiev", "pyongyang",
        "beijing", "tokyo", "berlin", "madrid", "warsaw", "budapest", "tehran", "canberra", "chisinau", "riga", "vilnius",
        "tallinn", "oslo", "copenhagen", "hague", "athens", "belgrade", "riyadh", "bamako", "niamey", "manila", "caracas",
        "pretoria", "prague", "bucharest", "sofia", "tbilisi", "dushanbe", "islamabad", "damascus", "baghdad", "cairo", "hanoi",
        "jakarta", "bangkok", "lisbon", "dublin", "vienna", "nairobi", "abuja", "bogota", "lima", "santiago", "quito", "havana",
        "khartoum", "mogadishu", "tripoli", "algiers", "rabat", "tunis", "dakar", "accra", "kigali", "kampala", "harare",
        "beirut", "amman", "doha", "dhaka", "colombo", "kathmandu", "zagreb", "sarajevo", "tirana", "nicosia", "reykjavik",
        "seoul", "kinshasa", "taipei", "brazzaville",
    };

    private static readonly string[] CityPrefixes =
    [
        "москв", "вашингтон", "лондон", "хельсинк", "стокгольм", "анкар", "ереван", "киев", "пхеньян", "пекин", "токио", "берлин",
        "варшав", "тбилис", "киншас", "браззавил", "moskw", "waszyngton",
    ];

    private static bool IsActorWord(string word) =>
        word is "putin" or "kremlin" or "duma" or "mishustin" or "lavrov" or "biden" or "erdogan" or "pentagon"
        || word.StartsWith("путин", StringComparison.Ordinal) || word.StartsWith("кремл", StringComparison.Ordinal)
        || word.StartsWith("госдум", StringComparison.Ordinal) || word.StartsWith("совфед", StringComparison.Ordinal)
        || word.StartsWith("sejm", StringComparison.Ordinal);

    private static Dictionary<string, string> Build(params (string Code, string Words)[] groups)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, words) in groups)
        {
            foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                d[w] = code;
            }
        }
        return d;
    }
}
