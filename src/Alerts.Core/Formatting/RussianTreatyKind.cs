namespace Alerts.Core.Formatting;

/// <summary>
/// The generic noun of a treaty's Russian name («конвенция», «договор», «соглашение»…) in the cases a
/// headline needs, so the name itself stays in the nominative in quotes: «выйти из конвенции «Европейская
/// конвенция по предупреждению пыток»». Gender for agreement: <c>m</c>, <c>f</c>, <c>n</c>.
/// </summary>
public sealed record RussianTreatyKind(string Nominative, string Genitive, string Accusative, string Dative, string Gender)
{
    private static readonly RussianTreatyKind[] Kinds =
    [
        // A group of treaties is named in the plural («Международные договоры Совета Европы»): checked first,
        // since the singular is part of the plural word.
        new("договоры", "договоров", "договоры", "договорам", "pl"),
        new("конвенция", "конвенции", "конвенцию", "конвенции", "f"),
        new("договор", "договора", "договор", "договору", "m"),
        new("соглашение", "соглашения", "соглашение", "соглашению", "n"),
        new("протокол", "протокола", "протокол", "протоколу", "m"),
        new("устав", "устава", "устав", "уставу", "m"),
        new("хартия", "хартии", "хартию", "хартии", "f"),
        new("статут", "статута", "статут", "статуту", "m"),
        new("пакт", "пакта", "пакт", "пакту", "m"),
        new("инициатива", "инициативы", "инициативу", "инициативе", "f"),
    ];

    private static readonly RussianTreatyKind Treaty = Kinds.Single(k => k.Nominative == "договор");

    // English head nouns and the Russian kind they are named by («Convention on Cluster Munitions» → «конвенция»).
    private static readonly (string English, string Russian)[] EnglishKinds =
    [
        ("treaties", "договоры"), ("convention", "конвенция"), ("treaty", "договор"), ("agreement", "соглашение"),
        ("protocol", "протокол"), ("charter of", "устав"), ("constitution", "устав"), ("charter", "хартия"),
        ("statute", "статут"), ("covenant", "пакт"), ("initiative", "инициатива"),
    ];

    /// <summary>
    /// The kind of a treaty known only by its English name, by its first head noun («Convention on …» →
    /// «конвенция», "Constitution of the WHO" → «устав»), else «договор»: a post that cannot quote a Russian
    /// name still calls a convention a convention.
    /// </summary>
    public static RussianTreatyKind OfEnglish(string name)
    {
        var lower = name.ToLowerInvariant();
        string? best = null;
        var at = int.MaxValue;
        foreach (var (english, russian) in EnglishKinds)
        {
            var index = System.Text.RegularExpressions.Regex.Match(lower, $@"\b{english}\b") is { Success: true } m ? m.Index : -1;
            if (index >= 0 && index < at)
            {
                (best, at) = (russian, index);
            }
        }
        return best is null ? Treaty : Kinds.Single(k => k.Nominative == best);
    }

    /// <summary>The kind named first in <paramref name="name"/>, else «договор».</summary>
    public static RussianTreatyKind Of(string name)
    {
        var lower = name.ToLowerInvariant();
        RussianTreatyKind? best = null;
        var at = int.MaxValue;
        foreach (var kind in Kinds)
        {
            var index = lower.IndexOf(kind.Nominative, StringComparison.Ordinal);
            if (index >= 0 && index < at)
            {
                (best, at) = (kind, index);
            }
        }
        return best ?? Treaty;
    }
}
