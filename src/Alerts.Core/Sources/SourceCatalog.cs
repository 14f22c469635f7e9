namespace Alerts.Core.Sources;

/// <summary>The configured sources, by id. Built once at start from the default catalogue and the operator's overrides.</summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, SourceDefinition> _byId;

    public SourceCatalog(IEnumerable<SourceDefinition> sources)
    {
        _byId = new Dictionary<string, SourceDefinition>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            _byId[source.Id] = source;
        }
    }

    public IReadOnlyCollection<SourceDefinition> All => _byId.Values;

    public IEnumerable<SourceDefinition> Enabled => _byId.Values.Where(s => s.Enabled);

    public SourceDefinition? Find(string sourceId) => _byId.GetValueOrDefault(sourceId);

    public IEnumerable<SourceDefinition> InGroup(string group)
        => Enabled.Where(s => string.Equals(s.Group, group, StringComparison.OrdinalIgnoreCase));
}
