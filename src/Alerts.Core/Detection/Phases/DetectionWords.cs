namespace Alerts.Core.Detection.Phases;

/// <summary>
/// The word lists the phases test single words against (normalised, lower case): treaty nouns, organisation
/// words, accession nouns, loose agreement words, verbs of returning and of leaving a place. One place for each list.
/// </summary>
internal static class DetectionWords
{
    public static bool IsOrganisationWord(string w) =>
        w is "alliance" or "bloc" or "альянс" or "альянсу" or "альянса" or "блок" or "sojusz" or "sojuszu" or "paktu";

    /// <summary>An instrument made under a treaty and named after it: "protocol to …", "amendment to …", «протокол к …», «поправки к …».</summary>
    public static bool IsInstrumentWord(string w) =>
        w is "protocol" or "protocols" or "amendment" or "amendments" or "annex" or "protokol" or "protokół"
        || w.StartsWith("протокол", StringComparison.Ordinal) || w.StartsWith("поправк", StringComparison.Ordinal);

    public static readonly string[] TreatyWordBeginnings =
        ["договор", "конвенц", "соглашени", "протокол", "пакт", "харти", "сделк", "traktat", "umow", "porozumieni", "konwencj", "protokol", "protokół", "pakt"];

    // The words of DetectionPatterns.TreatyWords, checked per word without a regular expression (it runs for every word near an action).
    public static bool IsTreatyWord(string w)
    {
        if (w is "treaty" or "treaties" or "convention" or "conventions" or "pact" or "pacts" or "accord" or "accords" or "agreement"
            or "agreements" or "protocol" or "protocols" or "charter" or "charters" or "statute" or "statutes" or "deal" or "deals"
            or "устав" or "устава" or "уставу" or "уставом" or "уставе")
        {
            return true;
        }
        foreach (var b in TreatyWordBeginnings)
        {
            if (w.StartsWith(b, StringComparison.Ordinal))
            {
                return !w.StartsWith("договоренн", StringComparison.Ordinal);
            }
        }
        return false;
    }

    public static bool IsAccessionWord(string w) =>
        w is "membership" or "accession" or "entrance" or "entry" or "application" or "bid" or "join" or "joining" or "admission"
        || w.StartsWith("вступлени", StringComparison.Ordinal) || w.StartsWith("членств", StringComparison.Ordinal)
        || w.StartsWith("принят", StringComparison.Ordinal) || w.StartsWith("заявк", StringComparison.Ordinal)
        || w.StartsWith("присоединени", StringComparison.Ordinal) || w.StartsWith("przystąpieni", StringComparison.Ordinal)
        || w.StartsWith("członkost", StringComparison.Ordinal) || w.StartsWith("wstąpieni", StringComparison.Ordinal)
        || w.StartsWith("akcesj", StringComparison.Ordinal);

    public static bool IsReturn(string words) =>
        words.StartsWith("return", StringComparison.Ordinal) || words.StartsWith("вернут", StringComparison.Ordinal)
        || words.StartsWith("вернул", StringComparison.Ordinal) || words.StartsWith("вернет", StringComparison.Ordinal)
        || words.StartsWith("возвращ", StringComparison.Ordinal);

    public static bool IsLooseWord(string w) =>
        w.StartsWith("deal", StringComparison.Ordinal) || w.StartsWith("agreement", StringComparison.Ordinal) || w.StartsWith("accord", StringComparison.Ordinal)
        || w.StartsWith("сделк", StringComparison.Ordinal) || w.StartsWith("соглашени", StringComparison.Ordinal)
        || w.StartsWith("umow", StringComparison.Ordinal) || w.StartsWith("porozumieni", StringComparison.Ordinal);

    // Agreements are ratified, denounced and suspended by states; deals and accords are also made by companies and rebels.
    public static bool IsAgreementWord(string w) =>
        w.StartsWith("agreement", StringComparison.Ordinal) || w.StartsWith("соглашени", StringComparison.Ordinal)
        || w.StartsWith("umow", StringComparison.Ordinal) || w.StartsWith("porozumieni", StringComparison.Ordinal);

    public static bool LeavesAPlace(string words) =>
        words.StartsWith("leav", StringComparison.Ordinal) || words.StartsWith("left", StringComparison.Ordinal)
        || words.StartsWith("quit", StringComparison.Ordinal) || words.StartsWith("exit", StringComparison.Ordinal)
        || words.StartsWith("покин", StringComparison.Ordinal) || words.StartsWith("покида", StringComparison.Ordinal);
    /// <summary>A plural noun for states: "countries", "nations", "states", "members", "allies", «страны», «государства», "kraje".</summary>
    public static bool IsStatesPlural(string word) =>
        word is "countries" or "nations" or "states" or "members" or "allies" or "governments" or "signatories"
            or "страны" or "стран" or "странам" or "государства" or "государств" or "члены" or "союзники"
            or "kraje" or "krajów" or "państwa" or "państw";

    /// <summary>
    /// A word before such a plural that makes it many states, not ones named already: a number ("65", "three"), a quantity
    /// ("dozens", "several", «десятки», «несколько»), a bloc ("EU", "NATO", "member", "Baltic"). Not "two", "both", "other".
    /// </summary>
    public static bool CountsStates(string word) =>
        (word.Length > 0 && char.IsDigit(word[0]) && word != "2")
        || word is "three" or "four" or "five" or "six" or "seven" or "eight" or "nine" or "ten" or "eleven" or "twelve" or "dozen"
            or "dozens" or "twenty" or "thirty" or "forty" or "fifty" or "sixty" or "seventy" or "eighty" or "ninety" or "hundred"
            or "several" or "many" or "numerous" or "multiple" or "some" or "all" or "most"
            or "eu" or "nato" or "member" or "european" or "african" or "western" or "baltic" or "nordic" or "arab" or "asian"
            or "g7" or "brics" or "sahel" or "gulf" or "island" or "pacific" or "latin" or "caribbean"
            || IsStatesGroupRu(word)
            || word is "несколько" or "десятки" or "десятков" or "ряд" or "более" or "все" or "многие" or "европейские" or "западные"
            or "прибалтийские" or "балтийские" or "африканские" or "kilka" or "kilkadziesiąt" or "wszystkie" or "bałtyckie" or "europejskie";

    /// <summary>A bloc named after the plural: «страны НАТО», «государства ЕС», «члены ОДКБ», "kraje UE", "countries of the EU".</summary>
    public static bool IsStatesGroup(string word) => word is "eu" or "nato" or "ue" || IsStatesGroupRu(word);

    private static bool IsStatesGroupRu(string word) =>
        word is "нато" or "ес" or "евросоюза" or "снг" or "одкб" or "еаэс" or "брикс" or "члены" or "участники";
}
