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
