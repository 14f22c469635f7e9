using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Integration.Tests.Stores;

/// <summary>
/// What every <see cref="IMessageQueue"/> adapter must do. Each test uses its own queue names.
/// Time passes through <see cref="PassAsync"/>: a fake clock for SQLite, real (short) waits for Azurite,
/// whose visibility runs on the wall clock; waits for redelivery poll with a bound instead of sleeping exactly.
/// </summary>
public abstract class MessageQueueContract
{
    /// <summary>A visibility/delay the backend can wait out during a test.</summary>
    protected static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    /// <summary>A delay no test waits out.</summary>
    protected static readonly TimeSpan Long = TimeSpan.FromHours(1);

    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(250);
    private const int PollAttempts = 120;

    protected string Queue { get; } = "q" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>A new queue instance over the same storage as every other instance of this test.</summary>
    protected abstract IMessageQueue CreateQueue();

    /// <summary>Lets at least <paramref name="duration"/> pass for the backend.</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    [Fact]
    public async Task Enqueued_message_is_received_with_its_body_and_a_first_dequeue()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, """{"sourceId":"gazette","attempt":1,"text":"Ελλάδα 🎉"}""");

        var message = Assert.Single(await queue.ReceiveAsync(Queue, 10, TimeSpan.FromMinutes(1)));

        Assert.Equal(Queue, message.Queue);
        Assert.Equal("""{"sourceId":"gazette","attempt":1,"text":"Ελλάδα 🎉"}""", message.Body);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.Id));
        Assert.False(string.IsNullOrEmpty(message.Receipt));
        Assert.NotEqual(default, message.InsertedAt);
    }

    [Fact]
    public async Task Receiving_from_an_unknown_queue_returns_nothing_and_counts_zero()
    {
        var queue = CreateQueue();
        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await queue.CountAsync(Queue));
    }

    [Fact]
    public async Task Messages_come_out_in_the_order_they_went_in_up_to_the_asked_number()
    {
        var queue = CreateQueue();
        var bodies = Enumerable.Range(1, 6).Select(i => $$"""{"n":{{i}}}""").ToList();
        foreach (var body in bodies)
        {
            await queue.EnqueueAsync(Queue, body);
        }

        var firstBatch = await queue.ReceiveAsync(Queue, 4, TimeSpan.FromMinutes(1));
        var rest = await queue.ReceiveAsync(Queue, 32, TimeSpan.FromMinutes(1));

        Assert.Equal(4, firstBatch.Count);
        Assert.Equal(bodies, firstBatch.Concat(rest).Select(m => m.Body));
        Assert.Equal(6, firstBatch.Concat(rest).Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_received_message_is_invisible_to_other_receivers_but_still_counted()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "one");
        Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));

        Assert.Empty(await CreateQueue().ReceiveAsync(Queue, 32, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await queue.CountAsync(Queue));
    }

    [Fact]
    public async Task A_message_not_completed_comes_back_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "retry me");
        var first = Assert.Single(await queue.ReceiveAsync(Queue, 1, Short));

        await PassAsync(Short);
        var second = Assert.Single(await ReceiveEventuallyAsync(queue, Queue));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("retry me", second.Body);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.Receipt, second.Receipt);
    }

    [Fact]
    public async Task A_stale_receipt_does_not_affect_the_message_now_held_by_someone_else()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "contested");
        var stale = Assert.Single(await queue.ReceiveAsync(Queue, 1, Short));
        await PassAsync(Short);
        var current = Assert.Single(await ReceiveEventuallyAsync(CreateQueue(), Queue, TimeSpan.FromMinutes(5)));

        await queue.CompleteAsync(stale);
        await queue.ReleaseAsync(stale, TimeSpan.Zero);
        await queue.PoisonAsync(stale);

        Assert.Equal(1, await queue.CountAsync(Queue));
        Assert.Equal(0, await queue.CountAsync(QueueNames.Poison(Queue)));
        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));
        await queue.CompleteAsync(current);
        Assert.Equal(0, await queue.CountAsync(Queue));
    }

    [Fact]
    public async Task Complete_removes_the_message_for_good()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "done");
        await queue.EnqueueAsync(Queue, "not yet");
        var message = Assert.Single(await queue.ReceiveAsync(Queue, 1, Short));

        await queue.CompleteAsync(message);
        await queue.CompleteAsync(message);

        Assert.Equal(1, await queue.CountAsync(Queue));
        await PassAsync(Short + Short);
        var left = await queue.ReceiveAsync(Queue, 32, TimeSpan.FromMinutes(1));
        Assert.Equal(["not yet"], left.Select(m => m.Body));
    }

    [Fact]
    public async Task A_message_enqueued_with_a_delay_is_not_visible_before_it()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "later", Long);

        Assert.Empty(await queue.ReceiveAsync(Queue, 32, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await queue.CountAsync(Queue));
    }

    [Fact]
    public async Task A_message_enqueued_with_a_delay_becomes_visible_after_it()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "soon", Short);

        await PassAsync(Short);
        var message = Assert.Single(await ReceiveEventuallyAsync(queue, Queue));

        Assert.Equal("soon", message.Body);
        Assert.Equal(1, message.DequeueCount);
    }

    [Fact]
    public async Task Release_with_a_delay_hides_the_message_until_then_and_keeps_its_dequeue_count()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "back off");
        var first = Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(5)));

        await queue.ReleaseAsync(first, Short);

        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));
        await PassAsync(Short);
        var again = Assert.Single(await ReceiveEventuallyAsync(queue, Queue));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("back off", again.Body);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Release_with_a_long_delay_keeps_the_message_hidden_and_counted()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "much later");
        var message = Assert.Single(await queue.ReceiveAsync(Queue, 1, Short));

        await queue.ReleaseAsync(message, Long);
        await PassAsync(Short + Short);

        Assert.Empty(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await queue.CountAsync(Queue));
    }

    [Fact]
    public async Task Release_without_delay_makes_the_message_available_at_once()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "now");
        var first = Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(5)));

        await queue.ReleaseAsync(first, TimeSpan.Zero);

        var again = Assert.Single(await ReceiveEventuallyAsync(queue, Queue));
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Poison_moves_the_message_to_the_poison_queue_with_the_same_body()
    {
        var queue = CreateQueue();
        const string body = """{"chatId":"-100123","text":"<b>Ratified</b> ✓"}""";
        await queue.EnqueueAsync(Queue, body);
        var message = Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(5)));

        await queue.PoisonAsync(message);

        Assert.Equal(0, await queue.CountAsync(Queue));
        Assert.Equal(1, await queue.CountAsync(QueueNames.Poison(Queue)));
        var poisoned = Assert.Single(await queue.ReceiveAsync(QueueNames.Poison(Queue), 32, TimeSpan.FromMinutes(1)));
        Assert.Equal(body, poisoned.Body);
        Assert.Equal(QueueNames.Poison(Queue), poisoned.Queue);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_and_one_at_the_limit_accepted()
    {
        var queue = CreateQueue();
        var atLimit = new string('x', MessageJson.MaxMessageBytes);
        // Counted in UTF-8 bytes, not characters: a third as many euro signs already exceed the limit.
        var overInBytes = new string('€', MessageJson.MaxMessageBytes / 3 + 1);

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(() => queue.EnqueueAsync(Queue, atLimit + "x"));
        Assert.Equal(MessageJson.MaxMessageBytes + 1, ex.Bytes);
        await Assert.ThrowsAsync<MessageTooLargeException>(() => queue.EnqueueAsync(Queue, overInBytes));
        Assert.Equal(0, await queue.CountAsync(Queue));

        await queue.EnqueueAsync(Queue, atLimit);
        var message = Assert.Single(await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1)));
        Assert.Equal(atLimit, message.Body);
    }

    [Fact]
    public async Task Count_includes_visible_hidden_and_delayed_messages_of_that_queue_only()
    {
        var queue = CreateQueue();
        await queue.EnqueueAsync(Queue, "visible");
        await queue.EnqueueAsync(Queue, "received");
        await queue.EnqueueAsync(Queue, "delayed", Long);
        await queue.EnqueueAsync(Queue + "-other", "elsewhere");
        await queue.ReceiveAsync(Queue, 1, TimeSpan.FromMinutes(1));

        Assert.Equal(3, await CreateQueue().CountAsync(Queue));
        Assert.Equal(1, await queue.CountAsync(Queue + "-other"));
    }

    [Fact]
    public async Task Concurrent_receivers_never_get_the_same_message()
    {
        const int messages = 20;
        var queue = CreateQueue();
        for (var i = 0; i < messages; i++)
        {
            await queue.EnqueueAsync(Queue, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var receivers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var receiver = CreateQueue();
            var got = new List<QueueMessage>();
            for (var round = 0; round < 10; round++)
            {
                got.AddRange(await receiver.ReceiveAsync(Queue, 3, TimeSpan.FromMinutes(5)));
            }
            return got;
        })).ToList();
        var received = (await Task.WhenAll(receivers)).SelectMany(m => m).ToList();

        Assert.Equal(messages, received.Count);
        Assert.Equal(messages, received.Select(m => m.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public async Task Queue_names_outside_the_shared_rules_are_refused(string name)
    {
        var queue = CreateQueue();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => queue.EnqueueAsync(name, "x"));
    }

    /// <summary>Receives until something arrives, letting time pass between attempts; bounded so a broken adapter fails instead of hanging.</summary>
    protected async Task<IReadOnlyList<QueueMessage>> ReceiveEventuallyAsync(IMessageQueue queue, string name, TimeSpan? visibility = null)
    {
        for (var attempt = 0; attempt < PollAttempts; attempt++)
        {
            var received = await queue.ReceiveAsync(name, 32, visibility ?? TimeSpan.FromMinutes(1));
            if (received.Count > 0)
            {
                return received;
            }
            await PassAsync(PollStep);
        }
        return [];
    }
}
