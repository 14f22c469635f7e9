using System.Globalization;
using Alerts.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Alerts.Local;

/// <summary>
/// <see cref="IStateStore"/> on one SQLite table. The ETag is a database-wide counter taken on every
/// write, so a tag read before a delete can never match the document written after it.
/// Every write is one IMMEDIATE transaction, which makes the etag check and the write atomic across
/// threads and processes sharing the file.
/// </summary>
public sealed class SqliteStateStore(SqliteDatabase database, TimeProvider? timeProvider = null) : IStateStore
{
    private readonly SqliteDatabase _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<StoredDocument?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT partition_key, row_key, json, version, updated_at_ms FROM documents
            WHERE table_name = $table AND partition_key = $pk AND row_key = $rk
            """;
        AddKeys(command, table, partitionKey, rowKey);
        var documents = await ReadDocumentsAsync(command, cancellationToken);
        return documents.Count == 0 ? null : documents[0];
    }

    public async Task<IReadOnlyList<StoredDocument>> QueryAsync(string table, string partitionKey, CancellationToken cancellationToken = default)
    {
        ValidateTable(table);
        ValidateKey(partitionKey, nameof(partitionKey));
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT partition_key, row_key, json, version, updated_at_ms FROM documents
            WHERE table_name = $table AND partition_key = $pk
            """;
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$pk", partitionKey);
        var documents = await ReadDocumentsAsync(command, cancellationToken);
        // SQLite compares UTF-8 bytes; the port promises UTF-16 ordinal order, which differs above U+FFFF.
        documents.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return documents;
    }

    public async Task<IReadOnlyList<StoredDocument>> QueryAllAsync(string table, CancellationToken cancellationToken = default)
    {
        ValidateTable(table);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT partition_key, row_key, json, version, updated_at_ms FROM documents
            WHERE table_name = $table
            """;
        command.Parameters.AddWithValue("$table", table);
        var documents = await ReadDocumentsAsync(command, cancellationToken);
        documents.Sort(CompareKeys);
        return documents;
    }

    public Task<string> InsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(json);
        return WriteAsync(table, partitionKey, rowKey, json, cancellationToken, """
            INSERT INTO documents (table_name, partition_key, row_key, json, version, updated_at_ms)
            VALUES ($table, $pk, $rk, $json, $version, $now)
            ON CONFLICT (table_name, partition_key, row_key) DO NOTHING
            """);
    }

    public Task<string> ReplaceAsync(string table, string partitionKey, string rowKey, string json, string etag, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(etag);
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            // Not a tag this store handed out (e.g. one from another backend): it cannot match.
            throw new ConcurrencyConflictException(table, partitionKey, rowKey);
        }
        return WriteAsync(table, partitionKey, rowKey, json, cancellationToken, """
            UPDATE documents SET json = $json, version = $version, updated_at_ms = $now
            WHERE table_name = $table AND partition_key = $pk AND row_key = $rk AND version = $expected
            """, expected);
    }

    public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(json);
        return WriteAsync(table, partitionKey, rowKey, json, cancellationToken, """
            INSERT INTO documents (table_name, partition_key, row_key, json, version, updated_at_ms)
            VALUES ($table, $pk, $rk, $json, $version, $now)
            ON CONFLICT (table_name, partition_key, row_key)
            DO UPDATE SET json = excluded.json, version = excluded.version, updated_at_ms = excluded.updated_at_ms
            """);
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE table_name = $table AND partition_key = $pk AND row_key = $rk";
        AddKeys(command, table, partitionKey, rowKey);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Takes the next version and runs <paramref name="sql"/> in one transaction; no row written means a conflict.</summary>
    private async Task<string> WriteAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken, string sql, long? expected = null)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // BeginTransaction() is BEGIN IMMEDIATE: the write lock is taken up front and waits on busy_timeout.
        await using var transaction = connection.BeginTransaction();

        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "UPDATE counters SET value = value + 1 WHERE name = 'document_version' RETURNING value";
        var version = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = sql;
        AddKeys(write, table, partitionKey, rowKey);
        write.Parameters.AddWithValue("$json", json);
        write.Parameters.AddWithValue("$version", version);
        write.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (expected is not null)
        {
            write.Parameters.AddWithValue("$expected", expected.Value);
        }
        if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ConcurrencyConflictException(table, partitionKey, rowKey);
        }
        await transaction.CommitAsync(cancellationToken);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<List<StoredDocument>> ReadDocumentsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new StoredDocument(
                PartitionKey: reader.GetString(0),
                RowKey: reader.GetString(1),
                Json: reader.GetString(2),
                ETag: reader.GetInt64(3).ToString(CultureInfo.InvariantCulture),
                UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return documents;
    }

    private static int CompareKeys(StoredDocument a, StoredDocument b)
    {
        var byPartition = string.CompareOrdinal(a.PartitionKey, b.PartitionKey);
        return byPartition != 0 ? byPartition : string.CompareOrdinal(a.RowKey, b.RowKey);
    }

    private static void AddKeys(SqliteCommand command, string table, string partitionKey, string rowKey)
    {
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$rk", rowKey);
    }

    private static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        StorageNames.ValidateTable(table);
        ValidateKey(partitionKey, nameof(partitionKey));
        ValidateKey(rowKey, nameof(rowKey));
    }

    private static void ValidateTable(string table) => StorageNames.ValidateTable(table);

    private static void ValidateKey(string key, string name) => ArgumentException.ThrowIfNullOrEmpty(key, name);
}
