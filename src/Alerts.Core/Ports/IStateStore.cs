namespace Alerts.Core.Ports;

/// <summary>
/// Durable documents grouped in tables and partitions, with optimistic concurrency (ETag).
/// Adapters: Azure Table Storage and a SQLite file. The typed stores in Core
/// (<c>SourceStateStore</c>, <c>SeenItemStore</c>, <c>EventTable</c>, <c>DeliveryLedger</c>)
/// are built on this one port, so both adapters stay small and one contract suite covers them.
/// Table names are lowercase letters and digits; partition and row keys are any non-empty string
/// (adapters encode what their backend does not accept).
/// </summary>
public interface IStateStore
{
    Task<StoredDocument?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>All documents of one partition, ordered by row key (ordinal).</summary>
    Task<IReadOnlyList<StoredDocument>> QueryAsync(string table, string partitionKey, CancellationToken cancellationToken = default);

    /// <summary>All documents of a table, ordered by partition then row key. For listings, not for hot paths.</summary>
    Task<IReadOnlyList<StoredDocument>> QueryAllAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>Adds a document that must not exist yet. Returns its ETag.</summary>
    /// <exception cref="ConcurrencyConflictException">a document with that key exists.</exception>
    Task<string> InsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    /// <summary>Replaces a document only if it still has <paramref name="etag"/>. Returns the new ETag.</summary>
    /// <exception cref="ConcurrencyConflictException">the document changed or was deleted since it was read.</exception>
    Task<string> ReplaceAsync(string table, string partitionKey, string rowKey, string json, string etag, CancellationToken cancellationToken = default);

    /// <summary>Writes a document whatever its current state. Returns its ETag.</summary>
    Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document; false when there was none.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON document with its concurrency tag.</summary>
public sealed record StoredDocument(string PartitionKey, string RowKey, string Json, string ETag, DateTimeOffset UpdatedAt);

/// <summary>Another writer got there first: re-read and decide again.</summary>
public sealed class ConcurrencyConflictException(string table, string partitionKey, string rowKey, Exception? inner = null)
    : Exception($"Concurrent change to {table}/{partitionKey}/{rowKey}", inner)
{
    public string Table { get; } = table;
    public string PartitionKey { get; } = partitionKey;
    public string RowKey { get; } = rowKey;
}
