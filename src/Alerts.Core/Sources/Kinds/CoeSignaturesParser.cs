using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Detection;
using Alerts.Core.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// Reads a snapshot of the Council of Europe chart of signatures and ratifications of one treaty and turns every
/// dated fact of every state (signature, ratification or accession, entry into force, denunciation, suspension)
/// into one item with a stable id. The seen-items diff then reports only what changed since the last snapshot;
/// items are dated by their event, so a first poll does not replay decades of history.
/// </summary>
/// <remarks>
/// Payload shape (per the Treaty Office's web service): an array of three arrays (member states, non-member
/// states, organisations) of rows with <c>CodePays</c>, <c>LibPaysOrga</c>, <c>NumSTE</c>, <c>DateSignature</c>,
/// <c>DateConsentement</c>, <c>DateEntreeVigueur</c>, <c>DateDenonciation</c>, <c>DateEffetDenonciation</c>,
/// <c>DateSuspension</c>. A flat array of rows is read too.
/// </remarks>
public sealed partial class CoeSignaturesParser : ISourceKind
{
    private readonly Func<string, string?> _treatyName;

    /// <param name="treatyName">English title by treaty id (<c>coe:126</c>), e.g. from config/treaties.json; null when unknown.</param>
    public CoeSignaturesParser(Func<string, string?>? treatyName = null)
    {
        _treatyName = treatyName ?? (_ => null);
    }

    /// <summary>Titles from the treaty catalogue (config/treaties.json).</summary>
    public CoeSignaturesParser(TreatyCatalog catalog)
        : this(id => catalog.Find(id)?.NameEn)
    {
    }

    public string Kind => CoeSignatures.Kind;

    /// <summary>
    /// Sends the Treaty Office's token header: the setting named by the source's <c>token</c> option when it is set,
    /// else the service's public key (<see cref="CoeSignatures.PublicToken"/>).
    /// </summary>
    public SourceRequest Request(SourceDefinition source, Uri configuredUri, IConfiguration settings)
    {
        var token = source.Options.TryGetValue(CoeSignatures.TokenOption, out var setting) && settings[setting] is { Length: > 0 } configured
            ? configured.Trim()
            : CoeSignatures.PublicToken;
        // The service's TLS still negotiates a 1024-bit DH group, which OpenSSL refuses by default.
        return new SourceRequest(configuredUri, SourceRequest.JsonAccept, new Dictionary<string, string> { [CoeSignatures.TokenHeader] = token })
        {
            LegacyTls = true,
        };
    }

    public ParsedFeed Parse(ReadOnlySpan<byte> content, string? contentType, Uri documentUri, SourceDefinition source)
    {
        using var doc = KindDocuments.ReadJson(content, contentType, Kind);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            var message = KindDocuments.Str(root, "Message") ?? KindDocuments.Str(root, "message");
            throw new FeedFormatException(message is null
                ? $"{Kind}: expected an array of state rows, got {KindDocuments.Shape(root)}"
                : $"{Kind}: the web service answered with an error: {KindDocuments.Snippet(message)}");
        }

        var rows = Rows(root).ToList();
        var number = CoeSignatures.NumberOf(source) ?? NumberFromRows(rows)
            ?? throw new FeedFormatException($"{Kind}: no treaty number: set option '{CoeSignatures.NumberOption}' or numSTE in the URL");
        var treaty = Treaty(number, source);

        var items = new List<FeedItem>();
        var warnings = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = KindDocuments.CleanText(KindDocuments.Str(row, "LibPaysOrga"));
            var code = KindDocuments.CleanText(KindDocuments.Str(row, "CodePays"));
            if (name.Length == 0 && code.Length == 0)
            {
                warnings.Add($"{Kind}: a row without CodePays or LibPaysOrga; skipped");
                continue;
            }
            var state = new State(name.Length > 0 ? name : code, code.Length > 0 ? CodeSlug(code) : CodeSlug(name));
            foreach (var item in Events(row, state, number, treaty, warnings))
            {
                if (ids.Add(item.Id))
                {
                    items.Add(item);
                }
            }
            KindDocuments.CheckItemCount(items.Count, Kind);
        }
        return new ParsedFeed(Kind, $"Council of Europe Treaty Office: {treaty.Reference}", items, warnings) { Language = "en" };
    }

    private sealed record State(string Name, string Code);

    private sealed record TreatyName(string Title, string Reference);

    private TreatyName Treaty(int number, SourceDefinition source)
    {
        var title = source.Options.TryGetValue(CoeSignatures.TitleOption, out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : _treatyName(CoeSignatures.TreatyId(number)) ?? "Council of Europe treaty";
        return new TreatyName(KindDocuments.CleanText(title), CoeSignatures.Reference(number));
    }

    private IEnumerable<FeedItem> Events(JsonElement row, State state, int number, TreatyName treaty, List<string> warnings)
    {
        var signature = Date(row, "DateSignature", state, warnings);
        var consent = Date(row, "DateConsentement", state, warnings);
        var entry = Date(row, "DateEntreeVigueur", state, warnings);
        var denunciation = Date(row, "DateDenonciation", state, warnings);
        var denunciationEffect = Date(row, "DateEffetDenonciation", state, warnings);
        var suspension = Date(row, "DateSuspension", state, warnings);
        var name = $"the {treaty.Title} ({treaty.Reference})";

        if (signature is { } signed)
        {
            yield return Item(state, number, "signature", signed, $"{state.Name}: signature of {name} on {Iso(signed)}", treaty);
        }
        if (consent is { } consented)
        {
            // The chart's consent column holds ratification, acceptance, approval or accession; without a signature it was accession.
            var action = signature is null ? "accession" : "ratification";
            yield return Item(state, number, action, consented, $"{state.Name}: {action} of {name} on {Iso(consented)}", treaty);
        }
        if (entry is { } inForce)
        {
            yield return Item(state, number, "entry-into-force", inForce, $"{state.Name}: entry into force of {name} on {Iso(inForce)}", treaty);
        }
        if (denunciation is { } notified)
        {
            // One item per denunciation, keyed by its notification date: the effective date completes the same item.
            var effective = denunciationEffect is { } e ? $", effective {Iso(e)}" : "";
            yield return Item(state, number, "denunciation", notified, $"{state.Name}: denunciation of {name} notified on {Iso(notified)}{effective}", treaty);
        }
        else if (denunciationEffect is { } effectiveOnly)
        {
            yield return Item(state, number, "denunciation", effectiveOnly, $"{state.Name}: denunciation of {name} effective {Iso(effectiveOnly)}", treaty);
        }
        if (suspension is { } suspended)
        {
            yield return Item(state, number, "suspension", suspended, $"{state.Name}: suspension of {name} on {Iso(suspended)}", treaty);
        }
    }

    private static FeedItem Item(State state, int number, string action, DateOnly date, string title, TreatyName treaty)
    {
        var day = Iso(date);
        return new FeedItem
        {
            Id = $"{CoeSignatures.TreatyId(number)}/{state.Code}/{action}/{day}",
            // Items are remembered by link, so each fact needs a link of its own; the chart ignores the extra parameters.
            Link = $"{CoeSignatures.ChartUrl(number)}&codePays={Uri.EscapeDataString(state.Code)}&event={action}&date={day}",
            Title = title,
            Summary = $"Council of Europe Treaty Office, chart of signatures and ratifications of {treaty.Reference}",
            Published = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Language = "en",
        };
    }

    private static IEnumerable<JsonElement> Rows(JsonElement root)
    {
        foreach (var element in root.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in element.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    yield return row;
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                yield return element;
            }
        }
    }

    private static int? NumberFromRows(IEnumerable<JsonElement> rows)
    {
        foreach (var row in rows)
        {
            var text = KindDocuments.Str(row, "NumSTE")
                ?? (row.TryGetProperty("NumSTE", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : null);
            if (CoeSignatures.TryNumber(text, out var number))
            {
                return number;
            }
        }
        return null;
    }

    /// <summary>Dates come as ISO date-times; day/month/year and the old WCF <c>/Date(ms)/</c> form are read too.</summary>
    private DateOnly? Date(JsonElement row, string field, State state, List<string> warnings)
    {
        var text = KindDocuments.Str(row, field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }
        if (DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dmy))
        {
            return dmy;
        }
        var wcf = WcfDate().Match(text);
        if (wcf.Success && long.TryParse(wcf.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
        }
        warnings.Add($"{Kind}: {state.Name}: unreadable {field} '{KindDocuments.Snippet(text)}'");
        return null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string CodeSlug(string code)
    {
        var slug = NonCode().Replace(code.Trim().ToUpperInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "UNKNOWN" : slug;
    }

    [GeneratedRegex(@"^/Date\((-?\d+)(?:[+-]\d{4})?\)/$")]
    private static partial Regex WcfDate();

    [GeneratedRegex("[^A-Z0-9]+")]
    private static partial Regex NonCode();
}
