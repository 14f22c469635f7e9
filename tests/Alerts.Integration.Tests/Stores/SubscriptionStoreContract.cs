using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Stores;

/// <summary>
/// What <see cref="SubscriptionStore"/> must do on every <see cref="IStateStore"/> adapter. The table is shared by the
/// tests of one backend, so each test uses its own chat ids (and asserts only about them).
/// </summary>
public abstract class SubscriptionStoreContract
{
    private static long _next = Random.Shared.NextInt64(1_000_000, 1_000_000_000) * 1000;

    protected abstract IStateStore CreateStore();

    protected static long NewChat() => Interlocked.Increment(ref _next);

    private SubscriptionStore Subscriptions() => new(CreateStore(), TimeProvider.System);

    private static readonly TreatyChange RussiaQuitsTorture = AlertFormatter.SampleChange;

    private static readonly SubscriptionFilter Russia = new("RU", null, null);
    private static readonly SubscriptionFilter Withdrawals = new(null, null, TreatyAction.Withdrawal);
    private static readonly SubscriptionFilter TortureWithdrawals = new(null, "coe:126", TreatyAction.Withdrawal);
    private static readonly SubscriptionFilter UnitedStates = new("US", null, null);
    private static readonly SubscriptionFilter RussiaRatifies = new("RU", null, TreatyAction.Ratification);

    [Fact]
    public async Task Follow_lists_in_order_refuses_a_repeat_and_the_filter_over_the_maximum()
    {
        var store = Subscriptions();
        var chat = NewChat();

        Assert.Equal(FollowResult.Added, await store.FollowAsync(chat, Russia, maxFilters: 2));
        Assert.Equal(FollowResult.AlreadyFollowing, await store.FollowAsync(chat, Russia, maxFilters: 2));
        Assert.Equal(FollowResult.Added, await store.FollowAsync(chat, TortureWithdrawals, maxFilters: 2));
        Assert.Equal(FollowResult.TooMany, await store.FollowAsync(chat, UnitedStates, maxFilters: 2));

        Assert.Equal([Russia, TortureWithdrawals], await Subscriptions().ListAsync(chat));
        Assert.Empty(await store.ListAsync(NewChat()));
    }

    [Fact]
    public async Task Unfollow_removes_one_filter_and_reports_a_filter_not_followed()
    {
        var store = Subscriptions();
        var chat = NewChat();
        await store.FollowAsync(chat, Russia, 10);
        await store.FollowAsync(chat, UnitedStates, 10);

        Assert.True(await store.UnfollowAsync(chat, Russia));
        Assert.False(await store.UnfollowAsync(chat, Russia));
        Assert.False(await store.UnfollowAsync(chat, Withdrawals));
        Assert.Equal([UnitedStates], await store.ListAsync(chat));
    }

    [Fact]
    public async Task A_change_reaches_each_chat_with_a_matching_filter_once_and_no_other()
    {
        var store = Subscriptions();
        var (byState, byTreatyAndAction, byAction, twice, other, wrongAction) = (NewChat(), NewChat(), NewChat(), NewChat(), NewChat(), NewChat());
        await store.FollowAsync(byState, Russia, 10);
        await store.FollowAsync(byTreatyAndAction, TortureWithdrawals, 10);
        await store.FollowAsync(byAction, Withdrawals, 10);
        await store.FollowAsync(twice, Russia, 10);
        await store.FollowAsync(twice, Withdrawals, 10);
        await store.FollowAsync(other, UnitedStates, 10);
        await store.FollowAsync(wrongAction, RussiaRatifies, 10);
        var mine = new HashSet<long> { byState, byTreatyAndAction, byAction, twice, other, wrongAction };

        var chats = (await Subscriptions().MatchingChatsAsync(RussiaQuitsTorture)).Where(mine.Contains).ToList();

        Assert.Equal(new[] { byState, byTreatyAndAction, byAction, twice }.Order(), chats);
    }

    [Fact]
    public async Task Unfollowed_and_stopped_chats_are_routed_nothing()
    {
        var store = Subscriptions();
        var (unfollowed, stopped, kept) = (NewChat(), NewChat(), NewChat());
        await store.FollowAsync(unfollowed, Russia, 10);
        await store.FollowAsync(stopped, Russia, 10);
        await store.FollowAsync(stopped, TortureWithdrawals, 10);
        await store.FollowAsync(kept, Russia, 10);

        await store.UnfollowAsync(unfollowed, Russia);
        Assert.Equal(2, await store.UnfollowAllAsync(stopped));

        var chats = (await store.MatchingChatsAsync(RussiaQuitsTorture)).Where(c => c == unfollowed || c == stopped || c == kept).ToList();
        Assert.Equal([kept], chats);
        Assert.Empty(await store.ListAsync(stopped));
    }

    [Fact]
    public async Task An_index_row_left_by_an_interrupted_unfollow_routes_nothing()
    {
        var raw = CreateStore();
        var store = new SubscriptionStore(raw, TimeProvider.System);
        var chat = NewChat();
        await store.FollowAsync(chat, Russia, 10);

        // The user's row goes first: a crash before the index row is deleted leaves only the index row.
        await raw.DeleteAsync(StateTables.Subscriptions, SubscriptionStore.UserPartition(chat), SubscriptionStore.FilterRow(Russia));

        Assert.DoesNotContain(chat, await store.MatchingChatsAsync(RussiaQuitsTorture));
        Assert.Equal(FollowResult.Added, await store.FollowAsync(chat, Russia, 10));
        Assert.Contains(chat, await store.MatchingChatsAsync(RussiaQuitsTorture));
    }

    [Fact]
    public async Task Profiles_round_trip_and_a_later_save_replaces_the_earlier()
    {
        var store = Subscriptions();
        var chat = NewChat();
        Assert.Null(await store.GetProfileAsync(chat));
        var since = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        await store.SaveProfileAsync(new SubscriberProfile { ChatId = chat, Language = "ru", Since = since });
        await store.SaveProfileAsync(new SubscriberProfile { ChatId = chat, Language = "en", LanguageChosen = true, Stopped = true, Since = since });

        var profile = await Subscriptions().GetProfileAsync(chat);
        Assert.Equal(new SubscriberProfile { ChatId = chat, Language = "en", LanguageChosen = true, Stopped = true, Since = since }, profile);
    }

    [Fact]
    public async Task An_update_is_claimed_once_across_instances_even_when_they_race()
    {
        var update = NewChat();
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Subscriptions().TryClaimUpdateAsync(update))));

        Assert.Equal(1, claims.Count(c => c));
        Assert.False(await Subscriptions().TryClaimUpdateAsync(update));
        Assert.True(await Subscriptions().TryClaimUpdateAsync(update + 1));
    }

    [Fact]
    public async Task A_handled_update_is_remembered_through_the_retention_window_and_pruned_after_it()
    {
        // A clock of its own, after the real one, so other tests' claims (on the real clock) never prune these rows.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.Date.AddDays(40).AddHours(23));
        var options = Options.Create(new SubscriptionOptions { UpdateRetentionDays = 2 });
        SubscriptionStore At() => new(CreateStore(), time, options);
        var update = NewChat();
        var other = NewChat();

        Assert.True(await At().TryClaimUpdateAsync(update));
        // Just after midnight (the row is in yesterday's partition) and two days on: still a duplicate.
        time.Advance(TimeSpan.FromHours(2));
        Assert.False(await At().TryClaimUpdateAsync(update));
        time.Advance(TimeSpan.FromDays(1));
        Assert.False(await At().TryClaimUpdateAsync(update));

        // Three days on, the first claim of the day prunes the day it was handled.
        time.Advance(TimeSpan.FromDays(1));
        Assert.True(await At().TryClaimUpdateAsync(other));
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-3);
        Assert.DoesNotContain(await CreateStore().QueryAsync(StateTables.Subscriptions, SubscriptionStore.UpdatesPartitionOf(day)),
            d => d.RowKey == update.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await At().TryClaimUpdateAsync(other));
    }

    [Fact]
    public async Task The_first_prune_deletes_the_rows_of_the_layout_before_the_per_day_one_and_keeps_the_rest()
    {
        var raw = CreateStore();
        // A store written by the first layout: partition updates|<update id / 100000>, never pruned. The cursor is
        // removed, as in a store no per-day prune has run on yet (the Azure table is shared by this class's tests).
        await raw.DeleteAsync(StateTables.Subscriptions, "updates", "pruned-through");
        var update = NewChat();
        var legacyPartition = "updates|" + (update / 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var legacyRow = update.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        await raw.UpsertAsync(StateTables.Subscriptions, legacyPartition, legacyRow, $"{{\"updateId\":{update},\"at\":\"2026-01-05T10:00:00+00:00\"}}");
        var chat = NewChat();
        var store = new SubscriptionStore(raw, TimeProvider.System);
        await store.FollowAsync(chat, Russia, 10);
        Assert.True(await store.TryClaimUpdateAsync(update + 1));

        // The claim above pruned (the first of the day in this process): the old row is gone, today's claim, the
        // user's filter and its index row are not, and a later prune leaves the cursor's flag set.
        Assert.Null(await raw.GetAsync(StateTables.Subscriptions, legacyPartition, legacyRow));
        Assert.False(await new SubscriptionStore(CreateStore(), TimeProvider.System).TryClaimUpdateAsync(update + 1));
        Assert.Contains(chat, await store.MatchingChatsAsync(RussiaQuitsTorture));
        Assert.Contains("\"legacyPruned\":true", (await raw.GetAsync(StateTables.Subscriptions, "updates", "pruned-through"))!.Json, StringComparison.OrdinalIgnoreCase);
        Assert.True(SubscriptionStore.IsLegacyUpdatesPartition("updates|12"));
        Assert.False(SubscriptionStore.IsLegacyUpdatesPartition(SubscriptionStore.UpdatesPartitionOf(new DateOnly(2026, 1, 5))));
        Assert.False(SubscriptionStore.IsLegacyUpdatesPartition("updates"));
    }
}

public sealed class SqliteSubscriptionStoreTests : SubscriptionStoreContract, IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    protected override IStateStore CreateStore() => new Alerts.Local.SqliteStateStore(_database.Open(), TimeProvider.System);

    public void Dispose() => _database.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureTableSubscriptionStoreTests(Alerts.Testing.AzuriteFixture azurite) : SubscriptionStoreContract
{
    protected override IStateStore CreateStore() => new Alerts.Azure.AzureTableStateStore(azurite.ConnectionString);
}
