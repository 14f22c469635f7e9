using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Sources;

/// <summary>Per-source state in <see cref="StateTables.Sources"/> (partition = source id, row <c>state</c>).</summary>
public sealed class SourceStateStore(IStateStore store)
{
    private const string Row = "state";

    public async Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Sources, sourceId, Row, cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<SourceState>(doc.Json);
    }

    public Task SaveAsync(string sourceId, SourceState state, CancellationToken cancellationToken = default)
        => store.UpsertAsync(StateTables.Sources, sourceId, Row, MessageJson.Serialize(state), cancellationToken);

    /// <summary>Every source's state, by source id.</summary>
    public async Task<IReadOnlyDictionary<string, SourceState>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAllAsync(StateTables.Sources, cancellationToken);
        return docs.Where(d => d.RowKey == Row)
            .ToDictionary(d => d.PartitionKey, d => MessageJson.Deserialize<SourceState>(d.Json), StringComparer.Ordinal);
    }
}
