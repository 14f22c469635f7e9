using Alerts.Core.Feeds;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Sources;

/// <summary>
/// Items already seen per source in <see cref="StateTables.Items"/> (partition = source id,
/// row = <see cref="ItemIdentity.Key"/>), so an item is never alerted twice, across restarts.
/// </summary>
public sealed class SeenItemStore(IStateStore store)
{
    private const int Parallelism = 8;

    /// <summary>Sorts fetched items into new, edited (same identity, other title or summary) and unchanged.</summary>
    public async Task<ItemDiff> DiffAsync(string sourceId, IReadOnlyList<FeedItem> items, CancellationToken cancellationToken = default)
    {
        // One feed can list the same item twice; the first occurrence counts.
        var unique = items
            .Select(item => (Item: item, Key: ItemIdentity.Key(item), Hash: ItemIdentity.ContentHash(item)))
            .DistinctBy(x => x.Key)
            .ToList();
        var stored = new SeenItem?[unique.Count];
        await Parallel.ForAsync(0, unique.Count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var doc = await store.GetAsync(StateTables.Items, sourceId, unique[i].Key, ct);
                stored[i] = doc is null ? null : MessageJson.Deserialize<SeenItem>(doc.Json);
            });

        var fresh = new List<ObservedItem>();
        var edited = new List<ObservedItem>();
        var unchanged = 0;
        for (var i = 0; i < unique.Count; i++)
        {
            var (item, key, hash) = unique[i];
            var observed = new ObservedItem(item, key, hash);
            if (stored[i] is null)
            {
                fresh.Add(observed);
            }
            else if (!string.Equals(stored[i]!.ContentHash, hash, StringComparison.Ordinal))
            {
                edited.Add(observed);
            }
            else
            {
                unchanged++;
            }
        }
        return new ItemDiff(fresh, edited, unchanged);
    }

    /// <summary>Remembers items as seen with their current content.</summary>
    public Task RememberAsync(string sourceId, IEnumerable<ObservedItem> items, DateTimeOffset now, CancellationToken cancellationToken = default)
        => Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (observed, ct) =>
            {
                var seen = new SeenItem(observed.ContentHash, observed.Item.Link, observed.Item.Title, now);
                await store.UpsertAsync(StateTables.Items, sourceId, observed.Key, MessageJson.Serialize(seen), ct);
            });

    public async Task<int> CountAsync(string sourceId, CancellationToken cancellationToken = default)
        => (await store.QueryAsync(StateTables.Items, sourceId, cancellationToken)).Count;
}

public sealed record SeenItem(string ContentHash, string Link, string Title, DateTimeOffset SeenAt);

/// <summary>A fetched item with its identity key and content hash.</summary>
public sealed record ObservedItem(FeedItem Item, string Key, string ContentHash);

public sealed record ItemDiff(IReadOnlyList<ObservedItem> New, IReadOnlyList<ObservedItem> Edited, int Unchanged);
