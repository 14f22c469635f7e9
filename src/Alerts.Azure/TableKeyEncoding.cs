using System.Globalization;
using System.Text;

namespace Alerts.Azure;

/// <summary>
/// Makes any string a valid Table Storage key and back. Azure refuses / \ # ? and control characters
/// in PartitionKey and RowKey; % ' and + are escaped too because they break URL paths and OData
/// filters in some service versions and tools. Each escaped character becomes <c>!XX</c> (hex of its
/// code unit), and <c>!</c> itself is escaped, so the mapping is one-to-one.
/// </summary>
internal static class TableKeyEncoding
{
    private const char Escape = '!';

    public static string Encode(string key)
    {
        if (!key.Any(NeedsEscape))
        {
            return key;
        }
        var encoded = new StringBuilder(key.Length + 16);
        foreach (var c in key)
        {
            if (NeedsEscape(c))
            {
                encoded.Append(Escape).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                encoded.Append(c);
            }
        }
        return encoded.ToString();
    }

    public static string Decode(string encoded)
    {
        var start = encoded.IndexOf(Escape, StringComparison.Ordinal);
        if (start < 0)
        {
            return encoded;
        }
        var decoded = new StringBuilder(encoded.Length);
        decoded.Append(encoded, 0, start);
        for (var i = start; i < encoded.Length; i++)
        {
            if (encoded[i] == Escape && i + 2 < encoded.Length
                && int.TryParse(encoded.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                decoded.Append((char)code);
                i += 2;
            }
            else
            {
                // Written by something else than this encoder: keep it as it is.
                decoded.Append(encoded[i]);
            }
        }
        return decoded.ToString();
    }

    // Every escaped character is below U+00A0, so two hex digits always suffice.
    private static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '/' or '\\' or '#' or '?' or '%' or '\'' or '+' or Escape;
}
