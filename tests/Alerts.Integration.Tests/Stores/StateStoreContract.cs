using System.Text;
using Alerts.Core.Ports;

namespace Alerts.Integration.Tests.Stores;

/// <summary>
/// What every <see cref="IStateStore"/> adapter must do. xunit makes a new instance per test,
/// so each test gets its own table and tests can run in parallel against one backend.
/// </summary>
public abstract class StateStoreContract
{
    protected string Table { get; } = "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A new store instance over the same storage as every other instance of this test.</summary>
    protected abstract IStateStore CreateStore();

    [Fact]
    public async Task Get_query_and_delete_of_missing_documents_find_nothing()
    {
        var store = CreateStore();
        // Before anything was written the table may not exist yet; reads and deletes still just find nothing.
        Assert.Null(await store.GetAsync(Table, "p", "r"));
        Assert.Empty(await store.QueryAsync(Table, "p"));
        Assert.False(await store.DeleteAsync(Table, "p", "r"));
        await store.InsertAsync(Table, "p", "r", """{"a":1}""");
        Assert.Null(await store.GetAsync(Table, "p", "other"));
        Assert.Null(await store.GetAsync(Table, "other", "r"));
    }

    [Fact]
    public async Task Insert_then_get_round_trips_the_document_and_its_etag()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, "source-1", "state", """{"name":"Ministry","count":3}""");

        var doc = await store.GetAsync(Table, "source-1", "state");

        Assert.NotNull(doc);
        Assert.Equal("source-1", doc.PartitionKey);
        Assert.Equal("state", doc.RowKey);
        Assert.Equal("""{"name":"Ministry","count":3}""", doc.Json);
        Assert.Equal(etag, doc.ETag);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.NotEqual(default, doc.UpdatedAt);
    }

    [Fact]
    public async Task Insert_of_an_existing_key_throws_a_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, "p", "r", """{"v":"first"}""");

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.InsertAsync(Table, "p", "r", """{"v":"second"}"""));

        Assert.Equal(Table, ex.Table);
        Assert.Equal("p", ex.PartitionKey);
        Assert.Equal("r", ex.RowKey);
        Assert.Equal("""{"v":"first"}""", (await store.GetAsync(Table, "p", "r"))!.Json);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_writes_and_returns_a_new_etag()
    {
        var store = CreateStore();
        var first = await store.InsertAsync(Table, "p", "r", """{"v":1}""");

        var second = await store.ReplaceAsync(Table, "p", "r", """{"v":2}""", first);

        Assert.NotEqual(first, second);
        var doc = await store.GetAsync(Table, "p", "r");
        Assert.Equal("""{"v":2}""", doc!.Json);
        Assert.Equal(second, doc.ETag);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_throws_a_conflict_and_changes_nothing()
    {
        var store = CreateStore();
        var stale = await store.InsertAsync(Table, "p", "r", """{"v":1}""");
        var current = await store.ReplaceAsync(Table, "p", "r", """{"v":2}""", stale);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Table, "p", "r", """{"v":3}""", stale));

        var doc = await store.GetAsync(Table, "p", "r");
        Assert.Equal("""{"v":2}""", doc!.Json);
        Assert.Equal(current, doc.ETag);
    }

    [Fact]
    public async Task Replace_of_a_deleted_or_missing_document_throws_a_conflict()
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, "p", "r", """{"v":1}""");
        await store.DeleteAsync(Table, "p", "r");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Table, "p", "r", """{"v":2}""", etag));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Table, "p", "never", """{"v":2}""", etag));
        Assert.Null(await store.GetAsync(Table, "p", "r"));
    }

    [Fact]
    public async Task An_etag_from_before_a_delete_does_not_match_the_document_inserted_after_it()
    {
        var store = CreateStore();
        var old = await store.InsertAsync(Table, "p", "r", """{"v":1}""");
        await store.DeleteAsync(Table, "p", "r");
        await store.InsertAsync(Table, "p", "r", """{"v":"reborn"}""");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Table, "p", "r", """{"v":2}""", old));
        Assert.Equal("""{"v":"reborn"}""", (await store.GetAsync(Table, "p", "r"))!.Json);
    }

    [Fact]
    public async Task Upsert_creates_then_overwrites_and_invalidates_earlier_etags()
    {
        var store = CreateStore();
        var created = await store.UpsertAsync(Table, "p", "r", """{"v":1}""");
        Assert.Equal("""{"v":1}""", (await store.GetAsync(Table, "p", "r"))!.Json);

        var overwritten = await store.UpsertAsync(Table, "p", "r", """{"v":2}""");

        Assert.NotEqual(created, overwritten);
        var doc = await store.GetAsync(Table, "p", "r");
        Assert.Equal("""{"v":2}""", doc!.Json);
        Assert.Equal(overwritten, doc.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(Table, "p", "r", """{"v":3}""", created));
    }

    [Fact]
    public async Task Delete_reports_whether_there_was_a_document()
    {
        var store = CreateStore();
        await store.InsertAsync(Table, "p", "r", """{"v":1}""");
        await store.InsertAsync(Table, "p", "keep", """{"v":1}""");

        Assert.True(await store.DeleteAsync(Table, "p", "r"));
        Assert.False(await store.DeleteAsync(Table, "p", "r"));
        Assert.False(await store.DeleteAsync(Table, "p", "never"));
        Assert.Null(await store.GetAsync(Table, "p", "r"));
        Assert.NotNull(await store.GetAsync(Table, "p", "keep"));
    }

    [Fact]
    public async Task Query_returns_one_partition_ordered_by_row_key()
    {
        var store = CreateStore();
        string[] rows = ["r10", "b", "B", "a", "r02", "a/b", "ä", "a b", "_"];
        foreach (var row in rows)
        {
            await store.InsertAsync(Table, "wanted", row, $$"""{"row":"{{row}}"}""");
        }
        await store.InsertAsync(Table, "other", "a", "{}");
        await store.InsertAsync(Table, "wanted-not", "a", "{}");

        var docs = await store.QueryAsync(Table, "wanted");

        Assert.Equal(rows.Order(StringComparer.Ordinal), docs.Select(d => d.RowKey));
        Assert.All(docs, d => Assert.Equal("wanted", d.PartitionKey));
        Assert.All(docs, d => Assert.Equal($$"""{"row":"{{d.RowKey}}"}""", d.Json));
        Assert.Empty(await store.QueryAsync(Table, "nothing-here"));
    }

    [Fact]
    public async Task QueryAll_returns_the_table_ordered_by_partition_then_row()
    {
        var store = CreateStore();
        (string P, string R)[] keys = [("b", "2"), ("a", "2"), ("b", "1"), ("a", "1"), ("A", "9"), ("a/x", "0")];
        foreach (var (p, r) in keys)
        {
            await store.InsertAsync(Table, p, r, "{}");
        }
        var otherTable = Table + "x";
        await store.InsertAsync(otherTable, "a", "1", "{}");

        var docs = await store.QueryAllAsync(Table);

        var expected = keys.OrderBy(k => k.P, StringComparer.Ordinal).ThenBy(k => k.R, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, docs.Select(d => (d.PartitionKey, d.RowKey)));
        Assert.Empty(await store.QueryAllAsync("tnever" + Guid.NewGuid().ToString("N")[..10]));
    }

    public static TheoryData<string> OddKeys => new()
    {
        "a/b",
        "back\\slash",
        "hash#tag",
        "what?now",
        "https://example.org/feed?lang=en#top",
        "with spaces and  double  spaces ",
        "unicode: Ελλάδα, 中国, Україна",
        "emoji 🎉 and surrogate pairs 𝄞",
        "percent %2F %25 % and plus + sign",
        "quote's and \"double\"",
        "control\tchars\nand\u007fdel\u0085",
        "~!$&()*,;=@[]{}|^`",
        "!2F",
        "~2F",
    };

    [Theory]
    [MemberData(nameof(OddKeys))]
    public async Task Any_non_empty_string_works_as_partition_and_row_key(string key)
    {
        var store = CreateStore();
        var etag = await store.InsertAsync(Table, key, key, """{"odd":true}""");

        var doc = await store.GetAsync(Table, key, key);
        Assert.NotNull(doc);
        Assert.Equal(key, doc.PartitionKey);
        Assert.Equal(key, doc.RowKey);

        var queried = Assert.Single(await store.QueryAsync(Table, key));
        Assert.Equal(key, queried.RowKey);
        Assert.Equal(key, Assert.Single(await store.QueryAllAsync(Table)).PartitionKey);

        etag = await store.ReplaceAsync(Table, key, key, """{"odd":"still"}""", etag);
        Assert.Equal(etag, (await store.GetAsync(Table, key, key))!.ETag);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.InsertAsync(Table, key, key, "{}"));
        Assert.True(await store.DeleteAsync(Table, key, key));
        Assert.Null(await store.GetAsync(Table, key, key));
    }

    [Fact]
    public async Task Keys_that_look_like_encodings_of_each_other_stay_distinct()
    {
        var store = CreateStore();
        string[] keys = ["a/b", "a%2Fb", "a%2fb", "a!2Fb", "a~2Fb", "a_2Fb", "a\\b", "a#b", "a?b", "a'b", "a''b"];
        foreach (var key in keys)
        {
            await store.InsertAsync(Table, "p", key, $$"""{"key":{{System.Text.Json.JsonSerializer.Serialize(key)}}}""");
        }

        var docs = await store.QueryAsync(Table, "p");

        Assert.Equal(keys.Order(StringComparer.Ordinal), docs.Select(d => d.RowKey));
        foreach (var key in keys)
        {
            Assert.Equal($$"""{"key":{{System.Text.Json.JsonSerializer.Serialize(key)}}}""", (await store.GetAsync(Table, "p", key))!.Json);
        }
    }

    [Fact]
    public async Task Documents_of_256_KiB_round_trip_and_shrink_cleanly()
    {
        var store = CreateStore();
        var large = LargeJson(256 * 1024);
        Assert.True(Encoding.UTF8.GetByteCount(large) >= 256 * 1024);

        var etag = await store.InsertAsync(Table, "p", "big", large);
        var doc = await store.GetAsync(Table, "p", "big");
        Assert.Equal(large, doc!.Json);
        Assert.Equal(large, Assert.Single(await store.QueryAsync(Table, "p")).Json);

        // A smaller replacement must not keep any tail of the larger document.
        etag = await store.ReplaceAsync(Table, "p", "big", """{"small":true}""", etag);
        Assert.Equal("""{"small":true}""", (await store.GetAsync(Table, "p", "big"))!.Json);

        var larger = LargeJson(300 * 1024);
        await store.ReplaceAsync(Table, "p", "big", larger, etag);
        Assert.Equal(larger, (await store.GetAsync(Table, "p", "big"))!.Json);
        await store.UpsertAsync(Table, "p", "big2", large);
        Assert.Equal(large, (await store.GetAsync(Table, "p", "big2"))!.Json);
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_key_from_separate_instances_let_exactly_one_win()
    {
        const int writers = 8;

        var results = await RaceAsync(writers, (store, json) => store.InsertAsync(Table, "race", "key", json));

        var winner = Assert.Single(results, r => r >= 0);
        Assert.Equal(writers - 1, results.Count(r => r < 0));
        Assert.Equal($$"""{"writer":{{winner}}}""", (await CreateStore().GetAsync(Table, "race", "key"))!.Json);
    }

    [Fact]
    public async Task Concurrent_replaces_with_one_etag_let_exactly_one_win()
    {
        const int writers = 8;
        var etag = await CreateStore().InsertAsync(Table, "race", "key", """{"writer":null}""");

        var results = await RaceAsync(writers, (store, json) => store.ReplaceAsync(Table, "race", "key", json, etag));

        var winner = Assert.Single(results, r => r >= 0);
        Assert.Equal(writers - 1, results.Count(r => r < 0));
        Assert.Equal($$"""{"writer":{{winner}}}""", (await CreateStore().GetAsync(Table, "race", "key"))!.Json);
    }

    /// <summary>
    /// Lets <paramref name="writers"/> separate store instances each <paramref name="write"/> its own JSON
    /// (<c>{"writer":i}</c>) at the same moment; per writer, i when its write went through, -1 when it met a conflict.
    /// </summary>
    private async Task<int[]> RaceAsync(int writers, Func<IStateStore, string, Task> write)
    {
        var stores = Enumerable.Range(0, writers).Select(_ => CreateStore()).ToList();
        using var start = new ManualResetEventSlim();
        var attempts = stores.Select((store, i) => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await write(store, $$"""{"writer":{{i}}}""");
                return i;
            }
            catch (ConcurrencyConflictException)
            {
                return -1;
            }
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }

    [Fact]
    public async Task A_second_instance_sees_writes_and_conflicts_of_the_first()
    {
        var first = CreateStore();
        var second = CreateStore();
        var etag = await first.InsertAsync(Table, "p", "r", """{"by":"first"}""");

        var seen = await second.GetAsync(Table, "p", "r");
        Assert.Equal(etag, seen!.ETag);
        var newer = await second.ReplaceAsync(Table, "p", "r", """{"by":"second"}""", seen.ETag);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => first.ReplaceAsync(Table, "p", "r", """{"by":"first again"}""", etag));
        Assert.Equal(newer, (await first.GetAsync(Table, "p", "r"))!.ETag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("with-hyphen")]
    [InlineData("1digitfirst")]
    public async Task Table_names_outside_the_shared_rules_are_refused(string table)
    {
        var store = CreateStore();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.InsertAsync(table, "p", "r", "{}"));
    }

    [Fact]
    public async Task Empty_keys_are_refused()
    {
        var store = CreateStore();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.InsertAsync(Table, "", "r", "{}"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.InsertAsync(Table, "p", "", "{}"));
    }

    /// <summary>JSON of at least <paramref name="minBytes"/> UTF-8 bytes mixing ASCII, 2-byte, 3-byte and surrogate-pair characters.</summary>
    private static string LargeJson(int minBytes)
    {
        var text = new StringBuilder();
        var bytes = 0;
        for (var i = 0; bytes < minBytes; i++)
        {
            var piece = i % 7 == 0 ? "ü" : i % 11 == 0 ? "中" : i % 13 == 0 ? "🎉" : "x";
            text.Append(piece);
            bytes += Encoding.UTF8.GetByteCount(piece);
        }
        return $$"""{"text":"{{text}}"}""";
    }
}
