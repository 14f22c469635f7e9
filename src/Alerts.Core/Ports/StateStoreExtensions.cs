namespace Alerts.Core.Ports;

public static class StateStoreExtensions
{
    /// <summary>
    /// Writes <paramref name="json"/> over the document read as <paramref name="read"/>: inserts it when there was
    /// none, replaces it only if it is unchanged since. The read-modify-write step of the typed stores. Returns its ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">another writer created or changed the document since it was read.</exception>
    public static Task<string> WriteOverAsync(this IStateStore store, string table, string partitionKey, string rowKey, StoredDocument? read, string json, CancellationToken cancellationToken = default) =>
        read is null
            ? store.InsertAsync(table, partitionKey, rowKey, json, cancellationToken)
            : store.ReplaceAsync(table, partitionKey, rowKey, json, read.ETag, cancellationToken);
}
