using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;

namespace Alerts.Core.Tests.Routing;

public class ChannelRouterTests
{
    private static readonly TreatyChange Seed = AlertFormatter.SampleChange; // RU, coe:126, withdrawal, official, 0.95

    private static ChannelDefinition Channel(string id, Action<ChannelDefinition>? configure = null)
    {
        var channel = new ChannelDefinition { Id = id, ChatId = "-100" + id.Length };
        configure?.Invoke(channel);
        return channel;
    }

    [Fact]
    public void Each_filter_excludes_what_it_does_not_list()
    {
        var channels = new[]
        {
            Channel("all"),
            Channel("ru", c => c.States = ["ru"]),
            Channel("by", c => c.States = ["BY"]),
            Channel("cpt", c => c.Treaties = ["coe:126"]),
            Channel("icc", c => c.Treaties = ["un:XVIII-10"]),
            Channel("leaving", c => c.Actions = [TreatyAction.Withdrawal, TreatyAction.Suspension]),
            Channel("joining", c => c.Actions = [TreatyAction.Ratification]),
            Channel("official", c => c.MinimumLevel = SourceLevel.Official),
            Channel("depositary", c => c.MinimumLevel = SourceLevel.Depositary),
            Channel("sure", c => c.MinimumConfidence = 0.95),
            Channel("surer", c => c.MinimumConfidence = 0.96),
            Channel("off", c => c.Enabled = false),
        };

        var routed = ChannelRouter.Route(Seed, channels).Select(c => c.Id);

        Assert.Equal(["all", "ru", "cpt", "leaving", "official", "sure"], routed);
    }

    [Fact]
    public void A_change_naming_several_states_matches_a_channel_listing_any_of_them()
    {
        var change = Seed with { States = ["BY", "RU"] };

        Assert.Single(ChannelRouter.Route(change, [Channel("ru", c => c.States = ["RU"])]));
    }

    [Fact]
    public void Media_reports_below_the_minimum_level_are_not_routed()
    {
        var change = Seed with { Level = SourceLevel.Media };

        Assert.Empty(ChannelRouter.Route(change, [Channel("official", c => c.MinimumLevel = SourceLevel.Official)]));
    }

    [Fact]
    public void Deliveries_are_one_per_matching_channel()
    {
        var deliveries = ChannelRouter.Deliveries(Seed with { Revision = 3 }, [Channel("a"), Channel("b", c => c.Enabled = false), Channel("c")]);

        Assert.Equal([new Delivery(Seed.EventId, 3, "a"), new Delivery(Seed.EventId, 3, "c")], deliveries);
    }
}
