using Alerts.Core.Detection;

namespace Alerts.Core.Sources.Kinds;

/// <summary>
/// The one registry of source kinds, by <see cref="SourceDefinition.Kind"/>: the configuration check asks it which kinds
/// exist, and the reader asks it how to request and read each source.
/// </summary>
public sealed class SourceKinds
{
    /// <summary>RSS, RDF, Atom and JSON Feed (<see cref="FeedContentParser"/>); the default kind of a source.</summary>
    public const string Rss = "rss";

    private readonly Dictionary<string, ISourceKind> _byKind;

    public SourceKinds(IEnumerable<ISourceKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        _byKind = new Dictionary<string, ISourceKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in kinds)
        {
            if (!_byKind.TryAdd(kind.Kind, kind))
            {
                throw new ArgumentException($"Two implementations of source kind '{kind.Kind}'.", nameof(kinds));
            }
        }
    }

    /// <summary>
    /// Every kind the product reads: rss, pravo-api, duma-api, coe-signatures (treaty titles from <paramref name="catalog"/>
    /// when given), untc-notifications, html-list.
    /// </summary>
    public static SourceKinds CreateDefault(TreatyCatalog? catalog = null) => new(
    [
        new FeedContentParser(),
        new PravoApiParser(),
        new DumaApiParser(),
        catalog is null ? new CoeSignaturesParser() : new CoeSignaturesParser(catalog),
        new UntcNotificationsParser(),
        new HtmlListParser(),
    ]);

    /// <summary>The kind names (for messages listing the valid ones).</summary>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>The kind, or null when none is registered under that name (a configuration error to report).</summary>
    public ISourceKind? Find(string kind) => _byKind.GetValueOrDefault(kind ?? "");

    public bool IsKnown(string kind) => _byKind.ContainsKey(kind ?? "");
}
