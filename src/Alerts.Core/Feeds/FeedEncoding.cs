using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Core.Feeds;

/// <summary>
/// Picks the character encoding of a feed document: byte order mark, then the HTTP charset, then the
/// XML declaration, then UTF-8 (RFC 7303; the old RFC 3023 rule that text/xml without charset means
/// US-ASCII is deliberately not applied, since it garbles real UTF-8 feeds served as text/xml).
/// </summary>
internal static partial class FeedEncoding
{
    static FeedEncoding()
    {
        // windows-1251, koi8-r, ibm866 and the other legacy code pages live in this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>windows-1252, which browsers use for every ISO-8859-1 and US-ASCII label.</summary>
    public static Encoding Windows1252 { get; }

    internal readonly record struct Decision(Encoding Encoding, string Name, int PreambleLength);

    // Strict UTF-8 (the common case) without cloning an encoding per document.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType, List<string> warnings, out string encodingName)
    {
        var chars = DecodePooled(bytes, contentType, warnings, out encodingName, out var length);
        try
        {
            return new string(chars, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Decodes into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it): a large feed
    /// then costs no large-object-heap string per parse. The characters are <c>[0, length)</c>.
    /// </summary>
    public static char[] DecodePooled(ReadOnlySpan<byte> bytes, string? contentType, List<string> warnings, out string encodingName, out int length)
    {
        var decision = Choose(bytes, contentType, warnings);
        encodingName = decision.Name;
        var body = bytes[decision.PreambleLength..];
        Encoding strict;
        if (decision.Encoding is UTF8Encoding)
        {
            strict = s_strictUtf8;
        }
        else
        {
            strict = (Encoding)decision.Encoding.Clone();
            strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        }
        // Room for the strict reading and for either fallback reading below.
        var capacity = Math.Max(decision.Encoding.GetMaxCharCount(body.Length), Windows1252.GetMaxCharCount(body.Length));
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            try
            {
                length = strict.GetChars(body, chars);
                return chars;
            }
            catch (DecoderFallbackException)
            {
                if (decision.Encoding.CodePage == Encoding.UTF8.CodePage)
                {
                    // Feeds that claim UTF-8 but are windows-1252 are common enough to try that first.
                    warnings.Add("document is not valid UTF-8; read as windows-1252");
                    encodingName = "windows-1252";
                    length = Windows1252.GetChars(body, chars);
                    return chars;
                }
                warnings.Add($"document has bytes invalid in {decision.Name}; replaced");
                length = decision.Encoding.GetChars(body, chars);
                return chars;
            }
        }
        catch
        {
            ArrayPool<char>.Shared.Return(chars);
            throw;
        }
    }

    public static Decision Choose(ReadOnlySpan<byte> b, string? contentType, List<string> warnings)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF])) return new(new UTF32Encoding(true, false), "utf-32be", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return new(new UTF32Encoding(false, false), "utf-32le", 4);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(new UTF8Encoding(false), "utf-8", 3);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(new UnicodeEncoding(true, false), "utf-16be", 2);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(new UnicodeEncoding(false, false), "utf-16le", 2);

        // Without a BOM the first characters "<?" show the width and byte order (XML 1.0 appendix F).
        Decision? wide = null;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x3C])) wide = new(new UTF32Encoding(true, false), "utf-32be", 0);
        else if (b.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x00, 0x00])) wide = new(new UTF32Encoding(false, false), "utf-32le", 0);
        else if (b.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C, 0x00, 0x3F])) wide = new(new UnicodeEncoding(true, false), "utf-16be", 0);
        else if (b.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00, 0x3F, 0x00])) wide = new(new UnicodeEncoding(false, false), "utf-16le", 0);

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "text/plain" or "text/html")
        {
            warnings.Add($"served as {mediaType}, not as an XML or feed type");
        }
        var httpCharset = CharsetOf(contentType);
        if (httpCharset is null && mediaType is not null && mediaType.StartsWith("text/", StringComparison.Ordinal)
            && mediaType.EndsWith("xml", StringComparison.Ordinal) && b.ContainsAnyInRange((byte)0x80, (byte)0xFF))
        {
            // RFC 3023 read this as US-ASCII; RFC 7303 lets the XML declaration decide, which is what we do.
            warnings.Add($"served as {mediaType} without a charset but holds non-ASCII bytes; decoded by the XML declaration");
        }
        if (httpCharset is not null)
        {
            if (TryResolve(httpCharset, out var fromHeader) && !IsWide(fromHeader))
            {
                return new(fromHeader, httpCharset.ToLowerInvariant(), 0);
            }
            if (!TryResolve(httpCharset, out _))
            {
                warnings.Add($"unknown charset '{httpCharset}' in Content-Type; ignored");
            }
        }
        if (wide is { } w)
        {
            return w;
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x4C, 0x6F, 0xA7, 0x94]))
        {
            // "<?xm" in EBCDIC: read the declaration through code page 37 to learn the exact variant.
            var ebcdic = Encoding.GetEncoding(37).GetString(b[..Math.Min(b.Length, 256)]);
            var label = EncodingAttribute().Match(ebcdic);
            var name = label.Success ? label.Groups[1].Value : "ibm037";
            return TryResolve(name, out var variant) ? new(variant, name.ToLowerInvariant(), 0) : new(Encoding.GetEncoding(37), "ibm037", 0);
        }
        var declared = DeclaredEncoding(b);
        if (declared is not null)
        {
            if (TryResolve(declared, out var fromDeclaration))
            {
                if (IsWide(fromDeclaration))
                {
                    // A UTF-16/32 label on bytes that are plainly single-byte: the label is wrong.
                    warnings.Add($"XML declaration says {declared} but the document is not in it; read as utf-8");
                    return new(new UTF8Encoding(false), "utf-8", 0);
                }
                return new(fromDeclaration, declared.ToLowerInvariant(), 0);
            }
            warnings.Add($"unknown encoding '{declared}' in the XML declaration; read as utf-8");
        }
        return new(new UTF8Encoding(false), "utf-8", 0);
    }

    /// <summary>The charset parameter of a Content-Type, unquoted; null when absent.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        var match = CharsetParameter().Match(contentType);
        if (!match.Success)
        {
            return null;
        }
        var value = match.Groups[1].Value.Trim().Trim('"', '\'').Trim();
        return value.Length == 0 ? null : value;
    }

    public static bool TryResolve(string name, out Encoding encoding)
    {
        var label = name.Trim().ToLowerInvariant();
        // GB2312 documents routinely use GBK/GB18030 characters; browsers decode them with the superset too.
        if (label is "gb2312" or "gbk" or "x-gbk" or "csgb2312" or "gb_2312-80")
        {
            label = "gb18030";
        }
        // Feeds labelled Latin-1 or ASCII routinely contain windows-1252 quotes and dashes (WHATWG Encoding does the same).
        if (label is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso_8859-1" or "cp819")
        {
            encoding = Windows1252;
            return true;
        }
        try
        {
            encoding = Encoding.GetEncoding(label);
            return true;
        }
        catch (ArgumentException)
        {
        }
        var digits = label.StartsWith("cp", StringComparison.Ordinal) ? label[2..]
            : label.StartsWith("ibm", StringComparison.Ordinal) ? label[3..]
            : label.StartsWith("windows-", StringComparison.Ordinal) ? label[8..]
            : label;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
        {
            try
            {
                encoding = Encoding.GetEncoding(codePage);
                return true;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
            }
        }
        encoding = Encoding.UTF8;
        return false;
    }

    private static bool IsWide(Encoding e) => e is UnicodeEncoding or UTF32Encoding;

    private static string? DeclaredEncoding(ReadOnlySpan<byte> b)
    {
        var head = b[..Math.Min(b.Length, 512)];
        if (!head.StartsWith("<?xml"u8))
        {
            var start = head.IndexOf("<?xml"u8);
            if (start < 0 || start > 64)
            {
                return null;
            }
            head = head[start..];
        }
        var end = head.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }
        var declaration = Encoding.Latin1.GetString(head[..end]);
        var match = EncodingAttribute().Match(declaration);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetParameter();

    [GeneratedRegex("""encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex EncodingAttribute();
}
