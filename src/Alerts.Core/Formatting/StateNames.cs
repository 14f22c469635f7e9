namespace Alerts.Core.Formatting;

/// <summary>Short names of states in English and Russian, by ISO 3166-1 alpha-2 code; the code itself when not listed.</summary>
public static class StateNames
{
    private static readonly Dictionary<string, (string En, string Ru)> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RU"] = ("Russia", "Россия"), ["BY"] = ("Belarus", "Беларусь"), ["UA"] = ("Ukraine", "Украина"),
        ["KZ"] = ("Kazakhstan", "Казахстан"), ["AM"] = ("Armenia", "Армения"), ["AZ"] = ("Azerbaijan", "Азербайджан"),
        ["GE"] = ("Georgia", "Грузия"), ["MD"] = ("Moldova", "Молдова"), ["KG"] = ("Kyrgyzstan", "Киргизия"),
        ["TJ"] = ("Tajikistan", "Таджикистан"), ["UZ"] = ("Uzbekistan", "Узбекистан"), ["TM"] = ("Turkmenistan", "Туркменистан"),
        ["US"] = ("United States", "США"), ["GB"] = ("United Kingdom", "Великобритания"), ["FR"] = ("France", "Франция"),
        ["DE"] = ("Germany", "Германия"), ["IT"] = ("Italy", "Италия"), ["ES"] = ("Spain", "Испания"),
        ["PL"] = ("Poland", "Польша"), ["LT"] = ("Lithuania", "Литва"), ["LV"] = ("Latvia", "Латвия"),
        ["EE"] = ("Estonia", "Эстония"), ["FI"] = ("Finland", "Финляндия"), ["SE"] = ("Sweden", "Швеция"),
        ["NO"] = ("Norway", "Норвегия"), ["TR"] = ("Turkey", "Турция"), ["HU"] = ("Hungary", "Венгрия"),
        ["RS"] = ("Serbia", "Сербия"), ["CN"] = ("China", "Китай"), ["KP"] = ("North Korea", "КНДР"),
        ["IR"] = ("Iran", "Иран"), ["IL"] = ("Israel", "Израиль"), ["IN"] = ("India", "Индия"),
        ["JP"] = ("Japan", "Япония"), ["NL"] = ("Netherlands", "Нидерланды"), ["BE"] = ("Belgium", "Бельгия"),
        ["CZ"] = ("Czechia", "Чехия"), ["SK"] = ("Slovakia", "Словакия"), ["RO"] = ("Romania", "Румыния"),
        ["BG"] = ("Bulgaria", "Болгария"), ["AT"] = ("Austria", "Австрия"), ["CH"] = ("Switzerland", "Швейцария"),
        ["VE"] = ("Venezuela", "Венесуэла"), ["NI"] = ("Nicaragua", "Никарагуа"), ["SY"] = ("Syria", "Сирия"),
        ["ML"] = ("Mali", "Мали"), ["BF"] = ("Burkina Faso", "Буркина-Фасо"), ["NE"] = ("Niger", "Нигер"),
        ["IE"] = ("Ireland", "Ирландия"), ["AF"] = ("Afghanistan", "Афганистан"), ["NZ"] = ("New Zealand", "Новая Зеландия"),
        ["DK"] = ("Denmark", "Дания"), ["PT"] = ("Portugal", "Португалия"), ["GR"] = ("Greece", "Греция"),
        ["CA"] = ("Canada", "Канада"), ["AU"] = ("Australia", "Австралия"), ["BR"] = ("Brazil", "Бразилия"),
        ["ZA"] = ("South Africa", "ЮАР"), ["KR"] = ("South Korea", "Республика Корея"), ["MN"] = ("Mongolia", "Монголия"),
        ["CU"] = ("Cuba", "Куба"), ["AR"] = ("Argentina", "Аргентина"), ["MX"] = ("Mexico", "Мексика"),
        ["SA"] = ("Saudi Arabia", "Саудовская Аравия"), ["AE"] = ("United Arab Emirates", "ОАЭ"), ["EG"] = ("Egypt", "Египет"),
        ["PH"] = ("Philippines", "Филиппины"), ["VN"] = ("Vietnam", "Вьетнам"), ["PK"] = ("Pakistan", "Пакистан"),
        ["AL"] = ("Albania", "Албания"), ["ME"] = ("Montenegro", "Черногория"), ["MK"] = ("North Macedonia", "Северная Македония"),
        ["HR"] = ("Croatia", "Хорватия"), ["SI"] = ("Slovenia", "Словения"), ["IS"] = ("Iceland", "Исландия"),
        ["LU"] = ("Luxembourg", "Люксембург"), ["CY"] = ("Cyprus", "Кипр"), ["MT"] = ("Malta", "Мальта"),
        // Every other state the detector names (Detection/StateLexicon), so no post shows a bare code.
        ["BA"] = ("Bosnia and Herzegovina", "Босния и Герцеговина"), ["BD"] = ("Bangladesh", "Бангладеш"), ["BH"] = ("Bahrain", "Бахрейн"),
        ["BO"] = ("Bolivia", "Боливия"), ["CL"] = ("Chile", "Чили"), ["CO"] = ("Colombia", "Колумбия"),
        ["DZ"] = ("Algeria", "Алжир"), ["EC"] = ("Ecuador", "Эквадор"), ["ET"] = ("Ethiopia", "Эфиопия"),
        ["GH"] = ("Ghana", "Гана"), ["GT"] = ("Guatemala", "Гватемала"), ["HN"] = ("Honduras", "Гондурас"),
        ["ID"] = ("Indonesia", "Индонезия"), ["IQ"] = ("Iraq", "Ирак"), ["JO"] = ("Jordan", "Иордания"),
        ["KE"] = ("Kenya", "Кения"), ["KH"] = ("Cambodia", "Камбоджа"), ["KW"] = ("Kuwait", "Кувейт"),
        ["LB"] = ("Lebanon", "Ливан"), ["LK"] = ("Sri Lanka", "Шри-Ланка"), ["LY"] = ("Libya", "Ливия"),
        ["MA"] = ("Morocco", "Марокко"), ["MM"] = ("Myanmar", "Мьянма"), ["MY"] = ("Malaysia", "Малайзия"),
        ["MZ"] = ("Mozambique", "Мозамбик"), ["NG"] = ("Nigeria", "Нигерия"), ["NP"] = ("Nepal", "Непал"),
        ["OM"] = ("Oman", "Оман"), ["PA"] = ("Panama", "Панама"), ["PE"] = ("Peru", "Перу"),
        ["PY"] = ("Paraguay", "Парагвай"), ["QA"] = ("Qatar", "Катар"), ["RW"] = ("Rwanda", "Руанда"),
        ["SD"] = ("Sudan", "Судан"), ["SG"] = ("Singapore", "Сингапур"), ["SN"] = ("Senegal", "Сенегал"),
        ["SO"] = ("Somalia", "Сомали"), ["SV"] = ("El Salvador", "Сальвадор"), ["TD"] = ("Chad", "Чад"),
        ["TH"] = ("Thailand", "Таиланд"), ["TN"] = ("Tunisia", "Тунис"), ["TW"] = ("Taiwan", "Тайвань"),
        ["TZ"] = ("Tanzania", "Танзания"), ["UG"] = ("Uganda", "Уганда"), ["UY"] = ("Uruguay", "Уругвай"),
        ["XK"] = ("Kosovo", "Косово"), ["YE"] = ("Yemen", "Йемен"), ["ZW"] = ("Zimbabwe", "Зимбабве"),
        ["BS"] = ("Bahamas", "Багамы"), ["MV"] = ("Maldives", "Мальдивы"), ["SC"] = ("Seychelles", "Сейшелы"),
        ["TG"] = ("Togo", "Того"), ["CG"] = ("Congo", "Конго"), ["CD"] = ("DR Congo", "ДР Конго"), ["GN"] = ("Guinea", "Гвинея"),
        ["GW"] = ("Guinea-Bissau", "Гвинея-Бисау"), ["GQ"] = ("Equatorial Guinea", "Экваториальная Гвинея"),
        ["CR"] = ("Costa Rica", "Коста-Рика"), ["SL"] = ("Sierra Leone", "Сьерра-Леоне"), ["CV"] = ("Cabo Verde", "Кабо-Верде"),
        ["BI"] = ("Burundi", "Бурунди"), ["DJ"] = ("Djibouti", "Джибути"), ["HT"] = ("Haiti", "Гаити"),
        ["BJ"] = ("Benin", "Бенин"), ["SS"] = ("South Sudan", "Южный Судан"), ["PG"] = ("Papua New Guinea", "Папуа — Новая Гвинея"),
        // Small and island states that make treaty news (the High Seas Treaty, the nuclear ban treaty): session 8.
        ["PW"] = ("Palau", "Палау"), ["VU"] = ("Vanuatu", "Вануату"), ["FJ"] = ("Fiji", "Фиджи"), ["TV"] = ("Tuvalu", "Тувалу"),
        ["KI"] = ("Kiribati", "Кирибати"), ["NR"] = ("Nauru", "Науру"), ["WS"] = ("Samoa", "Самоа"), ["TO"] = ("Tonga", "Тонга"),
        ["MH"] = ("Marshall Islands", "Маршалловы Острова"), ["SB"] = ("Solomon Islands", "Соломоновы Острова"),
        ["FM"] = ("Micronesia", "Микронезия"), ["NA"] = ("Namibia", "Намибия"), ["BW"] = ("Botswana", "Ботсвана"),
        ["ZM"] = ("Zambia", "Замбия"), ["MW"] = ("Malawi", "Малави"), ["MG"] = ("Madagascar", "Мадагаскар"),
        ["CM"] = ("Cameroon", "Камерун"), ["GA"] = ("Gabon", "Габон"), ["LR"] = ("Liberia", "Либерия"), ["ER"] = ("Eritrea", "Эритрея"),
        ["AO"] = ("Angola", "Ангола"), ["JM"] = ("Jamaica", "Ямайка"), ["BB"] = ("Barbados", "Барбадос"), ["BZ"] = ("Belize", "Белиз"),
        ["LA"] = ("Laos", "Лаос"), ["BT"] = ("Bhutan", "Бутан"), ["BN"] = ("Brunei", "Бруней"), ["TL"] = ("Timor-Leste", "Восточный Тимор"),
        ["MU"] = ("Mauritius", "Маврикий"), ["MR"] = ("Mauritania", "Мавритания"), ["GM"] = ("Gambia", "Гамбия"),
        ["GY"] = ("Guyana", "Гайана"), ["SR"] = ("Suriname", "Суринам"), ["LI"] = ("Liechtenstein", "Лихтенштейн"),
        ["AD"] = ("Andorra", "Андорра"), ["SM"] = ("San Marino", "Сан-Марино"), ["MC"] = ("Monaco", "Монако"),
        ["CI"] = ("Côte d'Ivoire", "Кот-д'Ивуар"), ["TT"] = ("Trinidad and Tobago", "Тринидад и Тобаго"),
        ["DO"] = ("Dominican Republic", "Доминиканская Республика"), ["LS"] = ("Lesotho", "Лесото"), ["SZ"] = ("Eswatini", "Эсватини"),
        ["CF"] = ("Central African Republic", "ЦАР"),
    };

    // Russian names that do not follow the endings rule below.
    private static readonly Dictionary<string, (string Genitive, string Gender)> RussianExceptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = ("США", "pl"), ["NL"] = ("Нидерландов", "pl"), ["KP"] = ("КНДР", "f"), ["IL"] = ("Израиля", "m"),
        ["NI"] = ("Никарагуа", "f"), ["ML"] = ("Мали", "n"), ["BF"] = ("Буркина-Фасо", "n"),
        ["ZA"] = ("ЮАР", "f"), ["AE"] = ("ОАЭ", "pl"), ["PH"] = ("Филиппин", "pl"), ["KR"] = ("Республики Корея", "f"),
        ["NZ"] = ("Новой Зеландии", "f"), ["SA"] = ("Саудовской Аравии", "f"), ["MK"] = ("Северной Македонии", "f"),
        ["BA"] = ("Боснии и Герцеговины", "f"), ["BD"] = ("Бангладеш", "m"), ["CL"] = ("Чили", "n"), ["MA"] = ("Марокко", "n"),
        ["PE"] = ("Перу", "n"), ["SO"] = ("Сомали", "n"), ["TW"] = ("Тайваня", "m"), ["XK"] = ("Косово", "n"), ["ZW"] = ("Зимбабве", "n"),
        ["BS"] = ("Багам", "pl"), ["MV"] = ("Мальдив", "pl"), ["SC"] = ("Сейшел", "pl"), ["TG"] = ("Того", "n"), ["CG"] = ("Конго", "n"),
        ["CD"] = ("ДР Конго", "f"), ["GW"] = ("Гвинеи-Бисау", "f"), ["GQ"] = ("Экваториальной Гвинеи", "f"), ["CR"] = ("Коста-Рики", "f"),
        ["PW"] = ("Палау", "n"), ["VU"] = ("Вануату", "n"), ["FJ"] = ("Фиджи", "n"), ["TV"] = ("Тувалу", "n"), ["KI"] = ("Кирибати", "n"),
        ["NR"] = ("Науру", "n"), ["WS"] = ("Самоа", "n"), ["MW"] = ("Малави", "n"), ["LS"] = ("Лесото", "n"), ["SZ"] = ("Эсватини", "n"),
        ["MC"] = ("Монако", "n"), ["SM"] = ("Сан-Марино", "n"), ["MH"] = ("Маршалловых Островов", "pl"), ["SB"] = ("Соломоновых Островов", "pl"),
        ["TL"] = ("Восточного Тимора", "m"), ["DO"] = ("Доминиканской Республики", "f"), ["CF"] = ("ЦАР", "f"),
        ["TT"] = ("Тринидада и Тобаго", "m"), ["CI"] = ("Кот-д'Ивуара", "m"),
        ["SL"] = ("Сьерра-Леоне", "n"), ["CV"] = ("Кабо-Верде", "n"), ["BI"] = ("Бурунди", "n"), ["DJ"] = ("Джибути", "n"), ["HT"] = ("Гаити", "n"),
        ["SS"] = ("Южного Судана", "m"), ["PG"] = ("Папуа — Новой Гвинеи", "f"),
    };

    /// <summary>The Russian genitive («России», «Казахстана»), for «Правительство России».</summary>
    public static string RussianGenitive(string code)
    {
        if (RussianExceptions.TryGetValue(code, out var known))
        {
            return known.Genitive;
        }
        var name = Name(code, "ru");
        if (!Names.ContainsKey(code))
        {
            return name;
        }
        return name switch
        {
            _ when name.EndsWith("ия", StringComparison.Ordinal) => name[..^1] + "и",
            _ when name.EndsWith('ь') => name[..^1] + "и",
            _ when name.EndsWith('й') => name[..^1] + "я",
            _ when name.EndsWith('а') => name[..^1] + ("шжкгхчщ".Contains(name[^2], StringComparison.Ordinal) ? "и" : "ы"),
            _ => name + "а",
        };
    }

    /// <summary>The grammatical gender of the Russian name: <c>m</c>, <c>f</c>, <c>n</c> or <c>pl</c> (past-tense agreement).</summary>
    public static string RussianGender(string code)
    {
        if (RussianExceptions.TryGetValue(code, out var known))
        {
            return known.Gender;
        }
        var name = Name(code, "ru");
        return name.EndsWith('а') || name.EndsWith('я') || name.EndsWith('ь') ? "f" : "m";
    }

    /// <summary>True for a state this table names (not <c>XX</c>, an organisation or a typo).</summary>
    public static bool IsKnown(string code) => Names.ContainsKey(code);

    /// <summary>
    /// The English name as it reads inside a sentence: "the United States", "the Netherlands", "the Czech Republic";
    /// names that are a plural, a union or a "Republic"/"Kingdom"/"Islands" phrase take the article, others do not.
    /// </summary>
    public static string InSentence(string code, string language)
    {
        var name = Name(code, language);
        if (language == "ru" || !Names.ContainsKey(code))
        {
            return name;
        }
        var article = name.StartsWith("United ", StringComparison.Ordinal)
            || name.StartsWith("Republic ", StringComparison.Ordinal)
            || name.StartsWith("Democratic ", StringComparison.Ordinal)
            || name.StartsWith("Kingdom ", StringComparison.Ordinal)
            || name.EndsWith(" Republic", StringComparison.Ordinal)
            || name.EndsWith(" Islands", StringComparison.Ordinal)
            || name is "Netherlands" or "Philippines" or "Bahamas" or "Gambia" or "Holy See" or "Maldives" or "Comoros" or "Seychelles";
        return article ? "the " + name : name;
    }

    public static string Name(string code, string language)
    {
        if (!Names.TryGetValue(code, out var names))
        {
            return code.ToUpperInvariant();
        }
        return language == "ru" ? names.Ru : names.En;
    }
}
