using Alerts.Core.Detection;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// The document parsers by <see cref="SourceDefinition.Kind"/>, for the fetcher to pick from after a successful GET.
/// <c>rss</c> (RSS, Atom, JSON Feed) is read by the feed parser; pass it in as an <see cref="ISourceDocumentParser"/>
/// with kind <see cref="Rss"/> to have every kind in one place.
/// </summary>
public sealed class SourceKinds
{
    public const string Rss = "rss";

    private readonly Dictionary<string, ISourceDocumentParser> _byKind;

    public SourceKinds(IEnumerable<ISourceDocumentParser> parsers)
    {
        _byKind = new Dictionary<string, ISourceDocumentParser>(StringComparer.OrdinalIgnoreCase);
        foreach (var parser in parsers)
        {
            if (!_byKind.TryAdd(parser.Kind, parser))
            {
                throw new ArgumentException($"Two parsers for source kind '{parser.Kind}'.", nameof(parsers));
            }
        }
    }

    /// <summary>
    /// Every parser of this folder: pravo-api, duma-api, coe-signatures (treaty titles from <paramref name="catalog"/> when
    /// given), untc-notifications, html-list; plus <paramref name="rss"/> when the feed parser is supplied.
    /// </summary>
    public static SourceKinds CreateDefault(TreatyCatalog? catalog = null, ISourceDocumentParser? rss = null)
    {
        List<ISourceDocumentParser> parsers =
        [
            new PravoApiParser(),
            new DumaApiParser(),
            catalog is null ? new CoeSignaturesParser() : new CoeSignaturesParser(catalog),
            new UntcNotificationsParser(),
            new HtmlListParser(),
        ];
        if (rss is not null)
        {
            parsers.Add(rss);
        }
        return new SourceKinds(parsers);
    }

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>The parser of a kind, or null when no parser is registered for it (a configuration error to report).</summary>
    public ISourceDocumentParser? Find(string kind) => _byKind.GetValueOrDefault(kind ?? "");

    public bool IsKnown(string kind) => _byKind.ContainsKey(kind ?? "");
}
