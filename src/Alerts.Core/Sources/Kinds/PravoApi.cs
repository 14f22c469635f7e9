using System.Text.RegularExpressions;

namespace Alerts.Core.Sources.Kinds;

/// <summary>Addresses of publication.pravo.gov.ru's JSON API (the official portal of Russian legal information).</summary>
public static partial class PravoApi
{
    public const string Kind = "pravo-api";

    /// <summary>The portal answers the API over plain HTTP; HTTPS has been unreliable.</summary>
    public const string BaseUrl = "http://publication.pravo.gov.ru";

    /// <summary>Page sizes the API accepts.</summary>
    public static IReadOnlyList<int> PageSizes { get; } = [10, 30, 100, 200];

    /// <summary>Blocks watched by default: international treaties, the President's acts, the Government's acts.</summary>
    public static IReadOnlyList<string> WatchedBlocks { get; } = ["international", "president", "government"];

    /// <summary>The newest documents of one publication block, e.g. <c>/api/Documents?Block=international&amp;PageSize=30&amp;Index=1</c>.</summary>
    public static string DocumentsUrl(string block, int pageSize = 30, int index = 1)
    {
        if (!BlockCode().IsMatch(block ?? ""))
        {
            throw new ArgumentException($"Not a publication block code: '{block}' (letters, digits, '_' and '-' only).", nameof(block));
        }
        if (!PageSizes.Contains(pageSize))
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"The API accepts page sizes {string.Join(", ", PageSizes)}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        return $"{BaseUrl}/api/Documents?Block={block}&PageSize={pageSize}&Index={index}";
    }

    /// <summary>The public page of a document, by its electronic publication number.</summary>
    public static string DocumentUrl(string eoNumber) => $"{BaseUrl}/document/{Uri.EscapeDataString(eoNumber)}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex BlockCode();
}
