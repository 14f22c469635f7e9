using Alerts.Core.Detection;
using Alerts.Core.Messages;
using Alerts.Core.Subscriptions;
using Alerts.Core.Tests.Detection;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class FilterParserTests
{
    private static readonly Lazy<FilterParser> Shared = new(() => new FilterParser(TreatyCatalog.Load(DetectionTestData.CataloguePath)));

    private static FilterParser Parser => Shared.Value;

    [Theory]
    [InlineData("RU")]
    [InlineData("Russia")]
    [InlineData("Россия")]
    [InlineData("россии")]
    public void A_state_by_code_or_name_in_either_language_is_that_state(string text)
    {
        var parsed = Parser.Parse(text);
        Assert.Equal(new SubscriptionFilter("RU", null, null), parsed.Filter);
    }

    [Theory]
    [InlineData("coe:126", "coe:126")]
    [InlineData("New START", "new-start")]
    [InlineData("ДВЗЯИ", "un:XXVI-4")]
    [InlineData("un:xxvi-4", "un:XXVI-4")]
    [InlineData("CTBT", "un:XXVI-4")]
    public void A_treaty_by_id_short_name_or_alias_is_that_catalogue_treaty(string text, string id)
    {
        var parsed = Parser.Parse(text);
        Assert.Equal(new SubscriptionFilter(null, id, null), parsed.Filter);
    }

    [Theory]
    [InlineData("withdrawal", TreatyAction.Withdrawal)]
    [InlineData("withdrawals", TreatyAction.Withdrawal)]
    [InlineData("выход", TreatyAction.Withdrawal)]
    [InlineData("ratification", TreatyAction.Ratification)]
    [InlineData("entry into force", TreatyAction.EntryIntoForce)]
    [InlineData("отзыв ратификации", TreatyAction.Deratification)]
    public void An_action_word_in_either_language_is_that_action(string text, TreatyAction action)
    {
        Assert.Equal(new SubscriptionFilter(null, null, action), Parser.Parse(text).Filter);
    }

    [Fact]
    public void Combinations_take_one_of_each()
    {
        Assert.Equal(new SubscriptionFilter("RU", null, TreatyAction.Withdrawal), Parser.Parse("Russia withdrawal").Filter);
        Assert.Equal(new SubscriptionFilter("RU", null, TreatyAction.Withdrawal), Parser.Parse("Россия выход").Filter);
        Assert.Equal(new SubscriptionFilter("RU", "coe:126", TreatyAction.Withdrawal), Parser.Parse("RU coe:126 withdrawal").Filter);
        Assert.Equal(new SubscriptionFilter("US", "new-start", null), Parser.Parse("US New START").Filter);
    }

    [Fact]
    public void Unknown_words_are_named_and_nothing_is_followed()
    {
        var parsed = Parser.Parse("Russia bananas");
        Assert.Null(parsed.Filter);
        Assert.Equal(FilterProblem.UnknownWords, parsed.Problem);
        Assert.Equal(["bananas"], parsed.Words);
    }

    [Fact]
    public void Two_states_or_two_actions_in_one_filter_are_refused_and_nothing_at_all_is_no_filter()
    {
        Assert.Equal(FilterProblem.TwoStates, Parser.Parse("RU Belarus").Problem);
        Assert.Equal(FilterProblem.TwoActions, Parser.Parse("withdrawal ratification").Problem);
        Assert.Equal(FilterProblem.Empty, Parser.Parse("the of").Problem);
        Assert.Equal(SubscriptionFilter.Everything, Parser.Parse("all").Filter);
    }

    [Fact]
    public void A_filter_is_said_back_in_words_in_english_and_russian()
    {
        var filter = new SubscriptionFilter("RU", null, TreatyAction.Withdrawal);
        Assert.Equal("Russia — withdrawals, all treaties", Parser.Describe(filter, "en"));
        Assert.Equal("Россия — выход, все договоры", Parser.Describe(filter, "ru"));
        Assert.Equal("All states — all steps, New START", Parser.Describe(new SubscriptionFilter(null, "new-start", null), "en"));
        Assert.Equal("Все государства — все шаги, ДСНВ", Parser.Describe(new SubscriptionFilter(null, "new-start", null), "ru"));
    }
}
