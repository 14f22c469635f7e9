using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Messages = Alerts.Core.Messages;
using Alerts.Core.Routing;
using Alerts.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Core.Tests.Routing;

/// <summary>The review queue on a real SQLite store: what is held, per channel, and what approval and rejection do.</summary>
public sealed class ReviewQueueTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly ReviewQueue _reviews;
    private readonly RouteChangeStage _route;
    private static readonly ChannelDefinition Careful = new() { Id = "careful", ChatId = "-1", Language = "en" };
    private static readonly ChannelDefinition Open = new() { Id = "open", ChatId = "-2", Language = "ru", Review = ReviewQueue.None };
    private static readonly ChannelDefinition Strict = new() { Id = "strict", ChatId = "-3", Language = "en", Review = ReviewQueue.All };

    public ReviewQueueTests()
    {
        var store = _sqlite.Store;
        _reviews = new ReviewQueue(store, TimeProvider.System);
        _route = new RouteChangeStage(new ChannelDirectory([Careful, Open, Strict]), _reviews, NullLogger<RouteChangeStage>.Instance);
    }

    public void Dispose() => _sqlite.Dispose();

    private static TreatyChange Unknown(int revision = 1) => AlertFormatter.SampleChange with
    {
        EventId = "unknown-3f2a.withdrawal.ru",
        Revision = revision,
        Treaty = new TreatyRef(TreatyRef.UnknownId, "Treaty of Friendship"),
    };

    [Fact]
    public async Task An_unknown_treaty_is_held_where_the_channel_reviews_and_goes_out_where_it_does_not()
    {
        var deliveries = await _route.RunAsync(Unknown());

        Assert.Equal(["open"], deliveries.Select(d => d.ChannelId));
        var held = await _reviews.ListAsync();
        Assert.Equal(["careful:unknown-3f2a.withdrawal.ru", "strict:unknown-3f2a.withdrawal.ru"], held.Select(e => e.Id).Order());
        Assert.Equal("unknown treaty", held.Single(e => e.ChannelId == "careful").Reason);
    }

    [Fact]
    public async Task A_known_treaty_goes_out_unless_the_channel_reviews_all()
    {
        var deliveries = await _route.RunAsync(AlertFormatter.SampleChange);

        Assert.Equal(["careful", "open"], deliveries.Select(d => d.ChannelId));
        Assert.Equal("strict", Assert.Single(await _reviews.ListAsync()).ChannelId);
    }

    [Theory]
    [InlineData("XX", "the actor is not a known state")]
    [InlineData("RU", "confidence 0.30 under 0.50")]
    public async Task A_non_state_actor_or_a_low_confidence_is_held(string state, string reason)
    {
        var change = AlertFormatter.SampleChange with { States = [state], Confidence = state == "RU" ? 0.3 : 0.9 };

        var deliveries = await _route.RunAsync(change);

        Assert.Equal(state == "RU" ? [] : ["open"], deliveries.Select(d => d.ChannelId));
        Assert.Equal(reason, (await _reviews.GetAsync("careful", change.EventId))!.Reason);
    }

    [Fact]
    public async Task Approval_delivers_the_latest_revision_and_later_revisions_flow_rejection_drops_them()
    {
        await _route.RunAsync(Unknown(1));
        await _route.RunAsync(Unknown(2));

        var approved = await _reviews.DecideAsync("careful:unknown-3f2a.withdrawal.ru", approve: true);
        await _reviews.DecideAsync("strict:unknown-3f2a.withdrawal.ru", approve: false);
        var third = await _route.RunAsync(Unknown(3));

        Assert.Equal(new Delivery("unknown-3f2a.withdrawal.ru", 2, "careful"), approved);
        Assert.Equal(["careful", "open"], third.Select(d => d.ChannelId));
        Assert.Empty(await _reviews.ListAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _reviews.DecideAsync("careful:no-such-event", approve: true));
    }
}
