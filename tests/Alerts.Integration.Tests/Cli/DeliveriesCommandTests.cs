using Alerts.Core.Posting;
using Alerts.Core.Messages;
using Alerts.Local;

namespace Alerts.Integration.Tests.Cli;

/// <summary><c>alerts deliveries</c> and <c>alerts health</c> over a SQLite store holding a held and a dropped delivery.</summary>
public sealed class DeliveriesCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task SeedAsync()
    {
        var database = SqliteDatabase.ForFile(Path.Combine(_cli.WorkDir, "alerts.db"));
        var ledger = new DeliveryLedger(new SqliteStateStore(database, TimeProvider.System), TimeProvider.System);
        var held = await ledger.CreateAsync("ev-held", 1, "main", LedgerTrigger.Queue, new LedgerEntry { ChatId = "-1001" });
        held = await ledger.MoveAsync(held, LedgerTrigger.Write);
        await ledger.MoveAsync(held, LedgerTrigger.Lost, e => e with { Note = "timeout after the request left" });
        await ledger.CreateAsync("ev-dropped", 2, "main", LedgerTrigger.Drop, new LedgerEntry { ChatId = "-1001", Note = "channel 'main' is disabled" });
        var sent = await ledger.CreateAsync("ev-sent", 1, "main", LedgerTrigger.Queue, new LedgerEntry { ChatId = "-1001" });
        await ledger.MoveAsync(sent, LedgerTrigger.Complete);
    }

    private Task<CliResult> RunAsync(params string[] args) => _cli.RunAsync([.. args, "--store", _cli.StoreArgument, "--config", _cli.WriteConfig(new { UseDefaultSources = false })]);

    [Fact]
    public async Task Held_and_dropped_deliveries_are_listed_reported_and_resolved()
    {
        await SeedAsync();

        var list = await RunAsync("deliveries", "list", "--format", "jsonl");
        var health = await RunAsync("health");
        var release = await RunAsync("deliveries", "release", "ev-held/main/1");
        var drop = await RunAsync("deliveries", "drop", "ev-dropped/main/2");
        var after = await RunAsync("deliveries", "list", "--format", "jsonl");
        var all = await RunAsync("deliveries", "list", "--all", "--format", "jsonl");
        var again = await RunAsync("deliveries", "release", "ev-sent/main/1");
        var healthAfter = await RunAsync("health");

        Assert.Equal(1, list.ExitCode);
        Assert.Equal(["ev-held/main/1", "ev-dropped/main/2"], list.JsonLines().Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(1, health.ExitCode);
        Assert.Contains("1 held (outcome unknown), 1 dropped", health.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", health.Output, StringComparison.Ordinal);
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.True(drop.ExitCode == 0, drop.ToString());
        Assert.Equal(0, after.ExitCode);
        Assert.Empty(after.JsonLines());
        Assert.Equal(
            [("ev-held/main/1", "pending", false), ("ev-dropped/main/2", "dropped", true)],
            all.JsonLines().Select(l => (l.GetProperty("id").GetString(), l.GetProperty("state").GetString(), l.GetProperty("acknowledged").GetBoolean())));
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("only held (unknown) or dropped", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Deliveries not delivered", healthAfter.Output, StringComparison.Ordinal);

        var queue = new SqliteMessageQueue(SqliteDatabase.ForFile(Path.Combine(_cli.WorkDir, "alerts.db")), TimeProvider.System);
        var queued = Assert.Single(await queue.ReceiveAsync(QueueNames.TelegramDeliveries, 10, TimeSpan.FromMinutes(1)));
        Assert.Equal(new Delivery("ev-held", 1, "main"), MessageJson.Deserialize<Delivery>(queued.Body));
    }
}
