using Alerts.Core.Ports;
using Alerts.Local;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Stores;

public sealed class SqliteMessageQueueTests : MessageQueueContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected override IMessageQueue CreateQueue() => new SqliteMessageQueue(_database.Open(), _time);

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Visibility_follows_the_injected_clock_to_the_millisecond()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "timed", TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(10)));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var message = Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(10)));

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(10)));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(message.Id, Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task Queue_and_state_share_one_file()
    {
        var database = _database.Open();
        await new SqliteStateStore(database, _time).InsertAsync("sources", "p", "r", "{}");
        await new SqliteMessageQueue(database, _time).EnqueueAsync(Queue, "x");

        Assert.Equal(1, await new SqliteMessageQueue(_database.Open(), _time).CountAsync(Queue));
        Assert.NotNull(await new SqliteStateStore(_database.Open(), _time).GetAsync("sources", "p", "r"));
    }
}
