using System.Globalization;
using System.Text.RegularExpressions;

namespace Alerts.Core.Sources.Kinds;

/// <summary>Addresses and naming of the Council of Europe Treaty Office's chart of signatures and ratifications.</summary>
public static partial class CoeSignatures
{
    public const string Kind = "coe-signatures";

    /// <summary>Source option with the treaty number when the URL does not carry <c>numSTE</c>.</summary>
    public const string NumberOption = "numSte";

    /// <summary>Source option overriding the treaty's English title (else the catalogue's, else a generic one).</summary>
    public const string TitleOption = "treatyTitle";

    /// <summary>
    /// Source option naming the configuration setting that holds the Treaty Office's public API token,
    /// which the fetcher sends as the <see cref="TokenHeader"/> request header.
    /// </summary>
    public const string TokenOption = "token";

    /// <summary>Request header the Treaty Office web service reads its token from.</summary>
    public const string TokenHeader = "token";

    /// <summary>
    /// The web service's public key. Not a secret: the Treaty Office's own pages hand it to every browser
    /// (<c>window.conventions_api_key</c> in the page source of coe.int/en/web/conventions/full-list), and its
    /// open-source clients quote it. Sent when the setting named by <see cref="TokenOption"/> is not set; set that
    /// setting (default <c>CoeTreatyOffice:Token</c>) if the Treaty Office ever rotates the key.
    /// </summary>
    public const string PublicToken = "hfghhgp2q5vgwg1hbn532kw71zgtww7e";

    /// <summary>The signatures web service for one treaty, e.g. <c>...api/signatures?numSTE=126&amp;langue=ENG</c>.</summary>
    public static string SignaturesUrl(int number, string language = "ENG")
        => $"https://conventions-ws.coe.int/WS_LFRConventions/api/signatures?numSTE={Pad(number)}&langue={Uri.EscapeDataString(language)}";

    /// <summary>The public chart page of one treaty, which the items link to.</summary>
    public static string ChartUrl(int number)
        => $"https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum={Pad(number)}";

    /// <summary>The treaty's id in the catalogue and in messages: <c>coe:126</c>.</summary>
    public static string TreatyId(int number) => "coe:" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// How the Treaty Office cites a treaty: "ETS No. 126" up to No. 193, "CETS No. 194" onwards (the series was
    /// renamed in 2004). The detector's catalogue knows both spellings as aliases.
    /// </summary>
    public static string Reference(int number)
        => (number >= 194 ? "CETS No. " : "ETS No. ") + Pad(number);

    /// <summary>The treaty number from the source: its <c>numSte</c> option, else the URL's <c>numSTE</c> parameter.</summary>
    public static int? NumberOf(SourceDefinition source)
    {
        if (source.Options.TryGetValue(NumberOption, out var option) && TryNumber(option, out var fromOption))
        {
            return fromOption;
        }
        var match = NumberParameter().Match(source.Url ?? "");
        return match.Success && TryNumber(match.Groups[1].Value, out var fromUrl) ? fromUrl : null;
    }

    internal static bool TryNumber(string? text, out int number)
        => int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is > 0 and < 10000;

    private static string Pad(int number) => number.ToString("000", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[?&]numSTE=(\d{1,4})(?:&|$)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberParameter();
}
