using Alerts.Local;
using Microsoft.Data.Sqlite;

namespace Alerts.Integration.Tests.Stores;

/// <summary>A database file in a fresh temp directory, removed after the test.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alerts-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Points at a file that does not exist yet, in a directory that does not exist yet.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_directory, "nested", "alerts.db")}";

    /// <summary>A separate <see cref="SqliteDatabase"/> instance on the same file, as another process would have.</summary>
    public SqliteDatabase Open() => new(ConnectionString);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before removing the directory.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: another test's pooled connection may still hold a handle for a moment.
        }
    }
}
