using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>
/// Personal subscriptions in <see cref="StateTables.Subscriptions"/>, on the state-store port:
/// <list type="bullet">
/// <item>partition <c>user|&lt;chat id&gt;</c>: row <c>profile</c> (language, active) and one row <c>filter|&lt;key&gt;</c> per filter;</item>
/// <item>partition <c>index|state|RU</c>, <c>index|treaty|coe:126</c>, <c>index|action|withdrawal</c> or <c>index|all</c>
/// (a filter's most selective dimension): row <c>&lt;chat id&gt;|&lt;key&gt;</c>, so routing a change reads a few partitions;</item>
/// <item>partition <c>updates|&lt;yyyy-MM-dd&gt;</c> (the UTC day it was handled): row per Telegram <c>update_id</c>, so a
/// redelivered update is answered once; kept <see cref="SubscriptionOptions.UpdateRetentionDays"/> days, then pruned
/// (<see cref="PruneUpdatesAsync"/>, run by the first claim of each day in whichever host handles updates). The first
/// prune also deletes the rows of the layout before it, partitions <c>updates|&lt;update id / 100000&gt;</c>.</item>
/// </list>
/// A follow writes the index row before the user's row and an unfollow deletes it after, so an index row without its
/// user row (a crash in between) is skipped by routing and rewritten by the next follow.
/// </summary>
public sealed class SubscriptionStore(IStateStore store, TimeProvider time, IOptions<SubscriptionOptions>? options = null)
{
    public const string ProfileRow = "profile";

    /// <summary>Partition of the prune cursor (row <see cref="PrunedThroughRow"/>: the last day whose updates were deleted).</summary>
    private const string UpdatesPartition = "updates";
    private const string PrunedThroughRow = "pruned-through";

    private DateOnly _prunedOn;

    private int RetentionDays => options?.Value.UpdateRetentionDays ?? new SubscriptionOptions().UpdateRetentionDays;

    public static string UpdatesPartitionOf(DateOnly day) => "updates|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

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
    /// Records that an update is being handled; false when it was already (a retried webhook call, a webhook call queued
    /// twice, or a repeated getUpdates batch), in which case it must not be answered again. An update is remembered in the
    /// partition of the day it was handled and looked up in the <see cref="SubscriptionOptions.UpdateRetentionDays"/> days
    /// before (Telegram keeps an unconfirmed update for 24 hours, so it cannot come back later than that).
    /// </summary>
    public async Task<bool> TryClaimUpdateAsync(long updateId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var row = updateId.ToString("D12", CultureInfo.InvariantCulture);
        for (var back = 1; back <= RetentionDays; back++)
        {
            if (await store.GetAsync(StateTables.Subscriptions, UpdatesPartitionOf(today.AddDays(-back)), row, cancellationToken) is not null)
            {
                return false;
            }
        }
        try
        {
            await store.InsertAsync(StateTables.Subscriptions, UpdatesPartitionOf(today), row, MessageJson.Serialize(new HandledUpdate(updateId, time.GetUtcNow())), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
        if (_prunedOn != today)
        {
            await PruneUpdatesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Deletes the handled-update rows of the days before the retention window, from the day after the last prune (a
    /// cursor row in partition <c>updates</c>) up to the window; once a day per process, so each host prunes on its own
    /// and a second instance finds little left. Returns how many rows it deleted.
    /// </summary>
    public async Task<int> PruneUpdatesAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var last = today.AddDays(-RetentionDays - 1);
        var stored = await store.GetAsync(StateTables.Subscriptions, UpdatesPartition, PrunedThroughRow, cancellationToken);
        var cursor = stored is null ? null : MessageJson.Deserialize<PruneCursor>(stored.Json);
        // Without a cursor no claim has pruned yet, and every claim prunes on its first day: there is at most the last
        // day to clear. After an idle period the loop reads one (empty) partition per day once.
        var first = cursor is null ? last : cursor.Day.AddDays(1);
        var deleted = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            deleted += await DeleteRowsAsync(await store.QueryAsync(StateTables.Subscriptions, UpdatesPartitionOf(day), cancellationToken), cancellationToken);
        }
        var legacyPruned = cursor?.LegacyPruned ?? false;
        if (!legacyPruned)
        {
            // Once per store: the rows of the layout before the per-day one (partition updates|<update id / 100000>)
            // were never looked up since, and nothing else would ever delete them.
            var legacy = (await store.QueryAllAsync(StateTables.Subscriptions, cancellationToken)).Where(d => IsLegacyUpdatesPartition(d.PartitionKey));
            deleted += await DeleteRowsAsync(legacy, cancellationToken);
        }
        if (first <= last || !legacyPruned)
        {
            var day = first <= last ? last : cursor!.Day;
            await store.UpsertAsync(StateTables.Subscriptions, UpdatesPartition, PrunedThroughRow, MessageJson.Serialize(new PruneCursor(day, LegacyPruned: true)), cancellationToken);
        }
        _prunedOn = today;
        return deleted;
    }

    /// <summary><c>updates|&lt;digits&gt;</c>: a partition of the first layout of handled updates (by update id, never pruned).</summary>
    public static bool IsLegacyUpdatesPartition(string partitionKey)
        => partitionKey.StartsWith("updates|", StringComparison.Ordinal)
           && partitionKey.Length > "updates|".Length
           && partitionKey.AsSpan("updates|".Length).IndexOfAnyExceptInRange('0', '9') < 0;

    private async Task<int> DeleteRowsAsync(IEnumerable<StoredDocument> documents, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var doc in documents)
        {
            if (await store.DeleteAsync(StateTables.Subscriptions, doc.PartitionKey, doc.RowKey, cancellationToken))
            {
                deleted++;
            }
        }
        return deleted;
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

/// <summary>The prune cursor: the last day whose updates were deleted; whether the first layout's rows are gone (false in cursors written before).</summary>
internal sealed record PruneCursor(DateOnly Day, bool LegacyPruned = false);
