using Microsoft.Data.Sqlite;

namespace Alerts.Local;

/// <summary>
/// One SQLite file shared by <see cref="SqliteStateStore"/> and <see cref="SqliteMessageQueue"/>.
/// WAL lets readers run beside the single writer; busy_timeout makes a second process wait for the
/// write lock instead of failing, so several CLI processes can share the file.
/// </summary>
public sealed class SqliteDatabase
{
    /// <summary>The file the CLI uses unless told otherwise, relative to the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=.alerts/alerts.db";

    private const int BusyTimeoutMilliseconds = 10_000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS documents (
            table_name    TEXT    NOT NULL,
            partition_key TEXT    NOT NULL,
            row_key       TEXT    NOT NULL,
            json          TEXT    NOT NULL,
            version       INTEGER NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (table_name, partition_key, row_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS counters (
            name  TEXT    NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO counters (name, value) VALUES ('document_version', 0);
        CREATE TABLE IF NOT EXISTS messages (
            seq            INTEGER PRIMARY KEY AUTOINCREMENT,
            queue          TEXT    NOT NULL,
            message_id     TEXT    NOT NULL UNIQUE,
            body           TEXT    NOT NULL,
            inserted_at_ms INTEGER NOT NULL,
            visible_at_ms  INTEGER NOT NULL,
            dequeue_count  INTEGER NOT NULL DEFAULT 0,
            receipt        TEXT    NULL
        );
        CREATE INDEX IF NOT EXISTS ix_messages_queue_visible ON messages (queue, visible_at_ms, seq);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <see cref="DefaultConnectionString"/>.</param>
    public SqliteDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string names no Data Source.", nameof(connectionString));
        }
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            // Every operation opens its own connection, and each would see a different empty in-memory database.
            throw new ArgumentException("SqliteDatabase needs a file; use a temporary file instead of an in-memory database.", nameof(connectionString));
        }
        FilePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = FilePath;
        _connectionString = builder.ToString();
    }

    /// <summary>A database in the file at <paramref name="path"/>; its directory is created when missing.</summary>
    public static SqliteDatabase ForFile(string path) =>
        new(new SqliteConnectionStringBuilder { DataSource = path }.ToString());

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection with the pragmas every operation relies on; creates the file and schema on first use.</summary>
    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Creates the directory, the file and the schema. Safe to call from several processes at once.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }
        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }
            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Schema;
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                // A pooled connection whose last COMMIT and ROLLBACK both failed (busy under heavy
                // contention) comes back still inside that transaction; end it rather than fail
                // the next BEGIN with "cannot start a transaction within a transaction".
                await ExecuteAsync(connection, "ROLLBACK;", cancellationToken);
            }
            await ExecuteAsync(connection, $"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
