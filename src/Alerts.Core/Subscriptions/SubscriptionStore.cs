using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Personal subscriptions in <see cref="StateTables.Subscriptions"/>, on the state-store port:
/// <list type="bullet">
/// <item>partition <c>user|&lt;chat id&gt;</c>: row <c>profile</c> (language, active) and one row <c>filter|&lt;key&gt;</c> per filter;</item>
/// <item>partition <c>index|state|RU</c>, <c>index|treaty|coe:126</c>, <c>index|action|withdrawal</c> or <c>index|all</c>
/// (a filter's most selective dimension): row <c>&lt;chat id&gt;|&lt;key&gt;</c>, so routing a change reads a few partitions;</item>
/// <item>partition <c>updates|&lt;n&gt;</c>: row per Telegram <c>update_id</c> handled, so a redelivered update is answered once.</item>
/// </list>
/// A follow writes the index row before the user's row and an unfollow deletes it after, so an index row without its
/// user row (a crash in between) is skipped by routing and rewritten by the next follow.
/// </summary>
public sealed class SubscriptionStore(IStateStore store, TimeProvider time)
{
    public const string ProfileRow = "profile";

    public static string UserPartition(long chatId) => "user|" + chatId.ToString(CultureInfo.InvariantCulture);

    public static string FilterRow(SubscriptionFilter filter) => "filter|" + filter.Key;

    private static string IndexRow(long chatId, SubscriptionFilter filter) => chatId.ToString(CultureInfo.InvariantCulture) + "|" + filter.Key;

    public async Task<SubscriberProfile?> GetProfileAsync(long chatId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Subscriptions, UserPartition(chatId), ProfileRow, cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<SubscriberProfile>(doc.Json);
    }

    public Task SaveProfileAsync(SubscriberProfile profile, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(StateTables.Subscriptions, UserPartition(profile.ChatId), ProfileRow, MessageJson.Serialize(profile), cancellationToken);

    /// <summary>The user's filters, in the order they were added.</summary>
    public async Task<IReadOnlyList<SubscriptionFilter>> ListAsync(long chatId, CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAsync(StateTables.Subscriptions, UserPartition(chatId), cancellationToken);
        return docs.Where(d => d.RowKey.StartsWith("filter|", StringComparison.Ordinal))
            .Select(d => MessageJson.Deserialize<FollowedFilter>(d.Json))
            .OrderBy(f => f.Since).ThenBy(f => f.Filter.Key, StringComparer.Ordinal)
            .Select(f => f.Filter)
            .ToList();
    }

    /// <summary>Adds a filter unless the user follows it already or has <paramref name="maxFilters"/> filters.</summary>
    public async Task<FollowResult> FollowAsync(long chatId, SubscriptionFilter filter, int maxFilters, CancellationToken cancellationToken = default)
    {
        var existing = await ListAsync(chatId, cancellationToken);
        if (existing.Contains(filter))
        {
            return FollowResult.AlreadyFollowing;
        }
        if (existing.Count >= maxFilters)
        {
            return FollowResult.TooMany;
        }
        var json = MessageJson.Serialize(new FollowedFilter(chatId, filter, time.GetUtcNow()));
        await store.UpsertAsync(StateTables.Subscriptions, filter.IndexPartition, IndexRow(chatId, filter), json, cancellationToken);
        try
        {
            await store.InsertAsync(StateTables.Subscriptions, UserPartition(chatId), FilterRow(filter), json, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return FollowResult.AlreadyFollowing;
        }
        return FollowResult.Added;
    }

    /// <summary>Removes one filter; false when the user did not follow it.</summary>
    public async Task<bool> UnfollowAsync(long chatId, SubscriptionFilter filter, CancellationToken cancellationToken = default)
    {
        var removed = await store.DeleteAsync(StateTables.Subscriptions, UserPartition(chatId), FilterRow(filter), cancellationToken);
        await store.DeleteAsync(StateTables.Subscriptions, filter.IndexPartition, IndexRow(chatId, filter), cancellationToken);
        return removed;
    }

    /// <summary>Removes every filter of the user (<c>/stop</c>, or the user blocked the bot); returns how many there were.</summary>
    public async Task<int> UnfollowAllAsync(long chatId, CancellationToken cancellationToken = default)
    {
        var filters = await ListAsync(chatId, cancellationToken);
        foreach (var filter in filters)
        {
            await UnfollowAsync(chatId, filter, cancellationToken);
        }
        return filters.Count;
    }

    /// <summary>
    /// The chats with at least one filter the change matches, each once, ordered by chat id. Reads the index partitions
    /// of the change's states, treaty and action and the follow-everything partition, then checks each user row still exists.
    /// </summary>
    public async Task<IReadOnlyList<long>> MatchingChatsAsync(TreatyChange change, CancellationToken cancellationToken = default)
    {
        var partitions = change.States.Select(SubscriptionFilter.IndexOfState)
            .Append(SubscriptionFilter.IndexOfTreaty(change.Treaty.Id))
            .Append(SubscriptionFilter.IndexOfAction(change.Action))
            .Append(SubscriptionFilter.IndexOfEverything)
            .Distinct(StringComparer.Ordinal);
        var candidates = new Dictionary<long, List<SubscriptionFilter>>();
        foreach (var partition in partitions)
        {
            foreach (var doc in await store.QueryAsync(StateTables.Subscriptions, partition, cancellationToken))
            {
                var followed = MessageJson.Deserialize<FollowedFilter>(doc.Json);
                if (followed.Filter.Matches(change))
                {
                    if (!candidates.TryGetValue(followed.ChatId, out var list))
                    {
                        candidates[followed.ChatId] = list = [];
                    }
                    list.Add(followed.Filter);
                }
            }
        }
        var chats = new List<long>();
        foreach (var (chatId, filters) in candidates.OrderBy(c => c.Key))
        {
            foreach (var filter in filters)
            {
                // The index row may outlive an unfollow interrupted half-way: the user's row decides.
                if (await store.GetAsync(StateTables.Subscriptions, UserPartition(chatId), FilterRow(filter), cancellationToken) is not null)
                {
                    chats.Add(chatId);
                    break;
                }
            }
        }
        return chats;
    }

    /// <summary>
    /// Records that an update is being handled; false when it was already (a retried webhook call or a repeated
    /// getUpdates batch), in which case it must not be answered again.
    /// </summary>
    public async Task<bool> TryClaimUpdateAsync(long updateId, CancellationToken cancellationToken = default)
    {
        var partition = "updates|" + (updateId / 100_000).ToString(CultureInfo.InvariantCulture);
        var row = updateId.ToString("D12", CultureInfo.InvariantCulture);
        try
        {
            await store.InsertAsync(StateTables.Subscriptions, partition, row, MessageJson.Serialize(new HandledUpdate(updateId, time.GetUtcNow())), cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }
}

public enum FollowResult
{
    Added,
    AlreadyFollowing,
    TooMany,
}

/// <summary>A subscriber: the private chat (the user's id), the language the bot speaks to them, whether they stopped.</summary>
public sealed record SubscriberProfile
{
    public required long ChatId { get; init; }
    /// <summary><c>en</c> or <c>ru</c>.</summary>
    public required string Language { get; init; }
    /// <summary>Set when the user chose the language (<c>/language</c>); otherwise it follows Telegram's language_code.</summary>
    public bool LanguageChosen { get; init; }
    public bool Stopped { get; init; }
    public required DateTimeOffset Since { get; init; }
}

/// <summary>A filter row (in the user's partition and in the index).</summary>
public sealed record FollowedFilter(long ChatId, SubscriptionFilter Filter, DateTimeOffset Since);

internal sealed record HandledUpdate(long UpdateId, DateTimeOffset At);
