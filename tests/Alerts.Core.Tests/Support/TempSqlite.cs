using Alerts.Local;

namespace Alerts.Core.Tests.Support;

/// <summary>A real SQLite database file in a temporary folder, deleted afterwards.</summary>
public sealed class TempSqlite : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "alerts-tests-" + Guid.NewGuid().ToString("N"));

    public TempSqlite(TimeProvider? time = null)
    {
        Directory.CreateDirectory(_dir);
        Database = SqliteDatabase.ForFile(Path.Combine(_dir, "alerts.db"));
        Store = new SqliteStateStore(Database, time);
        Queue = new SqliteMessageQueue(Database, time);
    }

    public SqliteDatabase Database { get; }
    public SqliteStateStore Store { get; }
    public SqliteMessageQueue Queue { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
