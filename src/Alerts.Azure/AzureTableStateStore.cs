using System.Diagnostics.CodeAnalysis;
using Alerts.Core.Ports;
using Azure;
using Azure.Core;
using Azure.Data.Tables;

namespace Alerts.Azure;

/// <summary>
/// <see cref="IStateStore"/> on Azure Table Storage. Keys are escaped (<see cref="TableKeyEncoding"/>)
/// so any string works; the JSON sits in string properties <c>Json0</c>, <c>Json1</c>... of at most
/// <see cref="PartLength"/> characters, because one property holds 64 KiB of UTF-16 and documents
/// may be larger. ETags come from the service. Tables are created on first write.
/// </summary>
public sealed class AzureTableStateStore : IStateStore
{
    /// <summary>Characters per property: under the 32 Ki UTF-16 code units a string property may hold.</summary>
    public const int PartLength = 32_000;

    /// <summary>Largest document in characters: an entity holds 1 MiB, strings are stored as UTF-16.</summary>
    public const int MaxDocumentLength = 500_000;

    private const string PartPrefix = "Json";
    private const string PartCount = "JsonParts";

    private readonly TableServiceClient _service;
    private readonly string _namePrefix;
    private readonly CreateOnce _tables = new();

    /// <param name="service">The table service.</param>
    /// <param name="namePrefix">Put before every table name (<c>Store:NamePrefix</c>), so several deployments or test
    /// runs share one account without seeing each other's state; empty for the plain names.</param>
    // The SDK makes each row it reads with Activator.CreateInstance<TableEntity>(), which the native CLI's trimmer cannot
    // see: keep TableEntity's constructors wherever this store is (without it the native `run --once` on Azure Storage
    // fails with "Constructor on type 'Azure.Data.Tables.TableEntity' not found").
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(TableEntity))]
    public AzureTableStateStore(TableServiceClient service, string namePrefix = "")
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        StorageNames.ValidatePrefix(namePrefix);
        _namePrefix = namePrefix ?? "";
    }

    /// <summary>From a storage connection string, e.g. <c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    public AzureTableStateStore(string connectionString, string namePrefix = "")
        : this(new TableServiceClient(connectionString), namePrefix)
    {
    }

    /// <summary>From the table service endpoint and an identity (managed identity in production).</summary>
    public AzureTableStateStore(Uri tableServiceUri, TokenCredential credential, string namePrefix = "")
        : this(new TableServiceClient(tableServiceUri, credential), namePrefix)
    {
    }

    private TableClient Table(string table) => _service.GetTableClient(_namePrefix + table);

    public async Task<StoredDocument?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        var client = Table(table);
        try
        {
            var response = await client.GetEntityIfExistsAsync<TableEntity>(
                TableKeyEncoding.Encode(partitionKey), TableKeyEncoding.Encode(rowKey), cancellationToken: cancellationToken);
            return response.HasValue ? ToDocument(response.Value!) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // the table does not exist yet
        }
    }

    public async Task<IReadOnlyList<StoredDocument>> QueryAsync(string table, string partitionKey, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateTable(table);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeyEncoding.Encode(partitionKey)}");
        var documents = await ReadAllAsync(table, filter, cancellationToken);
        // Escaping changes the service's order; the port promises ordinal order of the real keys.
        documents.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return documents;
    }

    public async Task<IReadOnlyList<StoredDocument>> QueryAllAsync(string table, CancellationToken cancellationToken = default)
    {
        StorageNames.ValidateTable(table);
        var documents = await ReadAllAsync(table, filter: null, cancellationToken);
        documents.Sort((a, b) =>
        {
            var byPartition = string.CompareOrdinal(a.PartitionKey, b.PartitionKey);
            return byPartition != 0 ? byPartition : string.CompareOrdinal(a.RowKey, b.RowKey);
        });
        return documents;
    }

    public async Task<string> InsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        var entity = ToEntity(partitionKey, rowKey, json);
        var client = await WritableTableAsync(table, cancellationToken);
        try
        {
            var response = await client.AddEntityAsync(entity, cancellationToken);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new ConcurrencyConflictException(table, partitionKey, rowKey, ex);
        }
    }

    public async Task<string> ReplaceAsync(string table, string partitionKey, string rowKey, string json, string etag, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        ArgumentNullException.ThrowIfNull(etag);
        var entity = ToEntity(partitionKey, rowKey, json);
        var client = await WritableTableAsync(table, cancellationToken);
        try
        {
            // Replace (not merge) drops Json parts a larger earlier version left behind.
            var response = await client.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException(table, partitionKey, rowKey, ex);
        }
    }

    public async Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        var entity = ToEntity(partitionKey, rowKey, json);
        var client = await WritableTableAsync(table, cancellationToken);
        var response = await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        return ETagOf(response);
    }

    public async Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ValidateKeys(table, partitionKey, rowKey);
        var client = Table(table);
        try
        {
            // The SDK reports a missing entity as a 404 response rather than an exception.
            var response = await client.DeleteEntityAsync(
                TableKeyEncoding.Encode(partitionKey), TableKeyEncoding.Encode(rowKey), ETag.All, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private async Task<List<StoredDocument>> ReadAllAsync(string table, string? filter, CancellationToken cancellationToken)
    {
        var client = Table(table);
        var documents = new List<StoredDocument>();
        try
        {
            await foreach (var entity in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                documents.Add(ToDocument(entity));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The table does not exist yet: nothing stored.
        }
        return documents;
    }

    private async Task<TableClient> WritableTableAsync(string table, CancellationToken cancellationToken)
    {
        var client = Table(table);
        // CreateTable, not CreateIfNotExists: both clients' CreateIfNotExists write their request body by reflection
        // (Azure.Core's JsonObjectSerializer), which the native CLI cannot ("Reflection-based serialization has been
        // disabled"); CreateTable writes it with the SDK's generated code. A table that exists answers 409, which is success.
        await _tables.EnsureAsync(table, () => CreateTableAsync(client.Name), cancellationToken);
        return client;
    }

    private async Task CreateTableAsync(string name)
    {
        try
        {
            await _service.CreateTableAsync(name, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // TableAlreadyExists: created before, by this or another instance.
        }
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentLength)
        {
            throw new ArgumentException($"The document has {json.Length} characters; Table Storage holds at most {MaxDocumentLength}.", nameof(json));
        }
        var entity = new TableEntity(TableKeyEncoding.Encode(partitionKey), TableKeyEncoding.Encode(rowKey));
        var parts = 0;
        var start = 0;
        do
        {
            var length = Math.Min(PartLength, json.Length - start);
            // Never split a surrogate pair: each half alone is not valid UTF-16 on the wire.
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }
            entity[PartPrefix + parts] = json.Substring(start, length);
            start += length;
            parts++;
        }
        while (start < json.Length);
        entity[PartCount] = parts;
        return entity;
    }

    private static StoredDocument ToDocument(TableEntity entity)
    {
        var parts = entity.GetInt32(PartCount) ?? 1;
        var json = parts == 1
            ? entity.GetString(PartPrefix + 0) ?? ""
            : string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(PartPrefix + i)));
        return new StoredDocument(
            TableKeyEncoding.Decode(entity.PartitionKey),
            TableKeyEncoding.Decode(entity.RowKey),
            json,
            entity.ETag.ToString(),
            entity.Timestamp ?? DateTimeOffset.MinValue);
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage returned no ETag.");

    private static void ValidateKeys(string table, string partitionKey, string rowKey)
    {
        StorageNames.ValidateTable(table);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(rowKey);
    }
}
