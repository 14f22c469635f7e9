using Alerts.Core.Ports;
using Alerts.Local;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli.Running;

/// <summary>
/// The store of a dry run (<c>alerts run</c> without a bot token). The pipeline's own state — sources, seen items,
/// events — is kept as in a real run, so the next run prints only what is new. What delivery records (the ledger,
/// posts, channel state, rate slots: every other table) goes to a scratch SQLite file read on top of the real
/// store and deleted at exit, and the run's queues live in that file too: a printed post is never recorded as
/// sent, an earlier real post still prints as an edit, and real messages waiting on the queues are left alone.
/// </summary>
internal sealed class DryRunStore : IStateStore, IDisposable
{
    private static readonly HashSet<string> PipelineTables = [StateTables.Sources, StateTables.Items, StateTables.Events];

    private readonly IStateStore _real;
    private readonly SqliteStateStore _scratch;
    private readonly string _scratchFile;

    private DryRunStore(IStateStore real, SqliteDatabase scratch, TimeProvider time)
    {
        _real = real;
        _scratchFile = scratch.FilePath;
        _scratch = new SqliteStateStore(scratch, time);
    }

    /// <summary>Puts the dry run's store over the registered <see cref="IStateStore"/> and gives it a queue of its own.</summary>
    public static void Register(IServiceCollection services)
    {
        var store = services.Last(d => d.ServiceType == typeof(IStateStore));
        var scratch = SqliteDatabase.ForFile(Path.Combine(Path.GetTempPath(), $"alerts-dry-run-{Guid.NewGuid():N}.db"));
        services.AddSingleton<IStateStore>(sp => new DryRunStore(
            (IStateStore)(store.ImplementationInstance ?? store.ImplementationFactory!(sp)), scratch, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMessageQueue>(sp => new SqliteMessageQueue(scratch, sp.GetRequiredService<TimeProvider>()));
    }

    public async Task<StoredDocument?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        => PipelineTables.Contains(table)
            ? await _real.GetAsync(table, partitionKey, rowKey, cancellationToken)
            : await _scratch.GetAsync(table, partitionKey, rowKey, cancellationToken) ?? await _real.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public async Task<IReadOnlyList<StoredDocument>> QueryAsync(string table, string partitionKey, CancellationToken cancellationToken = default)
        => PipelineTables.Contains(table)
            ? await _real.QueryAsync(table, partitionKey, cancellationToken)
            : Overlay(await _scratch.QueryAsync(table, partitionKey, cancellationToken), await _real.QueryAsync(table, partitionKey, cancellationToken));

    public async Task<IReadOnlyList<StoredDocument>> QueryAllAsync(string table, CancellationToken cancellationToken = default)
        => PipelineTables.Contains(table)
            ? await _real.QueryAllAsync(table, cancellationToken)
            : Overlay(await _scratch.QueryAllAsync(table, cancellationToken), await _real.QueryAllAsync(table, cancellationToken));

    public async Task<string> InsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
    {
        if (PipelineTables.Contains(table))
        {
            return await _real.InsertAsync(table, partitionKey, rowKey, json, cancellationToken);
        }
        if (await _real.GetAsync(table, partitionKey, rowKey, cancellationToken) is not null)
        {
            throw new ConcurrencyConflictException(table, partitionKey, rowKey);
        }
        return await _scratch.InsertAsync(table, partitionKey, rowKey, json, cancellationToken);
    }

    public async Task<string> ReplaceAsync(string table, string partitionKey, string rowKey, string json, string etag, CancellationToken cancellationToken = default)
    {
        if (PipelineTables.Contains(table))
        {
            return await _real.ReplaceAsync(table, partitionKey, rowKey, json, etag, cancellationToken);
        }
        if (await _scratch.GetAsync(table, partitionKey, rowKey, cancellationToken) is not null)
        {
            return await _scratch.ReplaceAsync(table, partitionKey, rowKey, json, etag, cancellationToken);
        }
        // A document read from the real store: the change is copied into the scratch store.
        var real = await _real.GetAsync(table, partitionKey, rowKey, cancellationToken);
        if (real is null || real.ETag != etag)
        {
            throw new ConcurrencyConflictException(table, partitionKey, rowKey);
        }
        return await _scratch.InsertAsync(table, partitionKey, rowKey, json, cancellationToken);
    }

    public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string json, CancellationToken cancellationToken = default)
        => PipelineTables.Contains(table)
            ? _real.UpsertAsync(table, partitionKey, rowKey, json, cancellationToken)
            : _scratch.UpsertAsync(table, partitionKey, rowKey, json, cancellationToken);

    /// <summary>Outside the pipeline tables, only what the dry run wrote itself is deleted.</summary>
    public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
        => PipelineTables.Contains(table)
            ? _real.DeleteAsync(table, partitionKey, rowKey, cancellationToken)
            : _scratch.DeleteAsync(table, partitionKey, rowKey, cancellationToken);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _scratchFile, _scratchFile + "-wal", _scratchFile + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left to the temp cleaner.
            }
        }
    }

    private static List<StoredDocument> Overlay(IReadOnlyList<StoredDocument> scratch, IReadOnlyList<StoredDocument> real)
        => scratch.Concat(real.Where(r => !scratch.Any(s => s.PartitionKey == r.PartitionKey && s.RowKey == r.RowKey)))
            .OrderBy(d => d.PartitionKey, StringComparer.Ordinal).ThenBy(d => d.RowKey, StringComparer.Ordinal)
            .ToList();
}
