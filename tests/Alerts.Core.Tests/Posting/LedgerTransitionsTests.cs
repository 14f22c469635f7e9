using Alerts.Core.Posting;
using Alerts.Core.Operations;

namespace Alerts.Core.Tests.Posting;

public class LedgerTransitionsTests
{
    [Theory]
    [InlineData(null, LedgerTrigger.Queue, LedgerState.Pending)]
    [InlineData(LedgerState.Pending, LedgerTrigger.Write, LedgerState.Sending)]
    [InlineData(LedgerState.Sending, LedgerTrigger.Answer, LedgerState.Pending)]
    [InlineData(LedgerState.Sending, LedgerTrigger.NotSent, LedgerState.Pending)]
    [InlineData(LedgerState.Sending, LedgerTrigger.Lost, LedgerState.Unknown)]
    [InlineData(LedgerState.Pending, LedgerTrigger.Complete, LedgerState.Sent)]
    [InlineData(LedgerState.Unknown, LedgerTrigger.Release, LedgerState.Pending)]
    [InlineData(LedgerState.Unknown, LedgerTrigger.Acknowledge, LedgerState.Dropped)]
    [InlineData(LedgerState.Dropped, LedgerTrigger.Release, LedgerState.Pending)]
    [InlineData(LedgerState.Pending, LedgerTrigger.Supersede, LedgerState.Superseded)]
    public void Allowed_moves_lead_where_the_table_says(LedgerState? from, LedgerTrigger trigger, LedgerState to)
    {
        Assert.Equal(to, LedgerTransitions.Next(from, trigger));
    }

    [Theory]
    [InlineData(LedgerState.Pending, LedgerTrigger.Lost)] // only a request in flight can be lost
    [InlineData(LedgerState.Sent, LedgerTrigger.Write)] // sent is final: never posted again
    [InlineData(LedgerState.Sent, LedgerTrigger.Release)]
    [InlineData(LedgerState.Sending, LedgerTrigger.Complete)] // an answer is recorded before completing
    [InlineData(LedgerState.Superseded, LedgerTrigger.Release)]
    [InlineData(LedgerState.Pending, LedgerTrigger.Release)] // nothing to release
    public void Other_moves_are_refused_naming_state_and_trigger(LedgerState from, LedgerTrigger trigger)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LedgerTransitions.Next(from, trigger));

        Assert.Contains(from.ToString(), ex.Message);
        Assert.Contains(trigger.ToString(), ex.Message);
    }

    [Fact]
    public void Held_and_unacknowledged_dropped_entries_need_the_operator()
    {
        Assert.True(LedgerTransitions.NeedsAttention(new LedgerEntry { State = LedgerState.Unknown }));
        Assert.True(LedgerTransitions.NeedsAttention(new LedgerEntry { State = LedgerState.Dropped }));
        Assert.False(LedgerTransitions.NeedsAttention(new LedgerEntry { State = LedgerState.Dropped, Acknowledged = true }));
        Assert.False(LedgerTransitions.NeedsAttention(new LedgerEntry { State = LedgerState.Superseded }));
        Assert.False(LedgerTransitions.NeedsAttention(new LedgerEntry { State = LedgerState.Pending }));
    }

    [Fact]
    public void Backoff_doubles_from_the_first_wait_up_to_the_cap()
    {
        var policy = new BackoffPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

        Assert.Equal([5, 5, 10, 20, 30, 30], new[] { 0, 1, 2, 3, 4, 40 }.Select(n => policy.After(n).TotalSeconds));
    }
}
