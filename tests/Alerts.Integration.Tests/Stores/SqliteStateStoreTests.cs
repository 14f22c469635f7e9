using Alerts.Core.Ports;
using Alerts.Local;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Stores;

public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected override IStateStore CreateStore() => new SqliteStateStore(_database.Open(), _time);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task UpdatedAt_is_the_time_of_the_last_write()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, "p", "r", "{}");
        Assert.Equal(_time.GetUtcNow(), (await store.GetAsync(Table, "p", "r"))!.UpdatedAt);

        _time.Advance(TimeSpan.FromMinutes(5));
        await store.UpsertAsync(Table, "p", "r", "{}");

        Assert.Equal(_time.GetUtcNow(), (await store.GetAsync(Table, "p", "r"))!.UpdatedAt);
    }

    [Fact]
    public async Task Documents_survive_reopening_the_file()
    {
        var etag = await CreateStore().InsertAsync(Table, "p", "r", """{"kept":true}""");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var reopened = new SqliteStateStore(_database.Open(), _time);

        var doc = await reopened.GetAsync(Table, "p", "r");
        Assert.Equal("""{"kept":true}""", doc!.Json);
        Assert.Equal(etag, doc.ETag);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=alerts;Mode=Memory;Cache=Shared")]
    public void In_memory_databases_are_refused_because_each_connection_would_see_another(string connectionString)
    {
        Assert.Throws<ArgumentException>(() => new SqliteDatabase(connectionString));
    }

    [Fact]
    public async Task The_default_connection_string_is_relative_and_its_directory_is_created()
    {
        Assert.Equal("Data Source=.alerts/alerts.db", SqliteDatabase.DefaultConnectionString);
        var database = _database.Open();
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.FilePath)));

        await new SqliteStateStore(database, _time).UpsertAsync(Table, "p", "r", "{}");

        Assert.True(File.Exists(database.FilePath));
    }

    [Fact]
    public async Task The_database_file_is_in_WAL_mode()
    {
        var database = _database.Open();
        await database.EnsureCreatedAsync();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
