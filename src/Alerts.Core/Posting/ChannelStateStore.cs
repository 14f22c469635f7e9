using System.Text.Json.Serialization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;

namespace Alerts.Core.Posting;

/// <summary>
/// What delivery learned about each channel, in <see cref="StateTables.Channels"/>: partition = channel id,
/// row <c>state</c> = disabled flag and reason and the migrated chat id, rows <c>post|&lt;event&gt;</c> = the
/// messages that carry an event in that channel (edited and replied to by later revisions).
/// </summary>
public sealed class ChannelStateStore(IStateStore store, TimeProvider time)
{
    public const string StateRow = "state";

    public static string PostRow(string eventId) => "post|" + eventId;

    public async Task<ChannelState> GetAsync(string channelId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Channels, channelId, StateRow, cancellationToken);
        return doc is null ? new ChannelState() : MessageJson.Deserialize<ChannelState>(doc.Json);
    }

    /// <summary>The state of every channel delivery has written one for (configured or not any more), by channel id.</summary>
    public async Task<IReadOnlyDictionary<string, ChannelState>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var docs = await store.QueryAllAsync(StateTables.Channels, cancellationToken);
        return docs.Where(d => d.RowKey == StateRow)
            .ToDictionary(d => d.PartitionKey, d => MessageJson.Deserialize<ChannelState>(d.Json), StringComparer.Ordinal);
    }

    /// <summary>Stops deliveries to a channel (the bot was kicked or lost its rights) until an operator enables it.</summary>
    public Task DisableAsync(string channelId, string reason, CancellationToken cancellationToken = default) =>
        UpdateAsync(channelId, s => s with { Disabled = true, DisabledReason = reason, DisabledAt = time.GetUtcNow() }, cancellationToken);

    public Task EnableAsync(string channelId, CancellationToken cancellationToken = default) =>
        UpdateAsync(channelId, s => s with { Disabled = false, DisabledReason = null, DisabledAt = null }, cancellationToken);

    /// <summary>Remembers the supergroup id a group migrated to; later sends go there.</summary>
    public Task SetMigratedChatAsync(string channelId, string chatId, CancellationToken cancellationToken = default) =>
        UpdateAsync(channelId, s => s with { MigratedChatId = chatId }, cancellationToken);

    public async Task<EventPost?> GetPostAsync(string channelId, string eventId, CancellationToken cancellationToken = default)
    {
        var doc = await store.GetAsync(StateTables.Channels, channelId, PostRow(eventId), cancellationToken);
        return doc is null ? null : MessageJson.Deserialize<EventPost>(doc.Json);
    }

    public Task SavePostAsync(string channelId, string eventId, EventPost post, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(StateTables.Channels, channelId, PostRow(eventId), MessageJson.Serialize(post), cancellationToken);

    private async Task UpdateAsync(string channelId, Func<ChannelState, ChannelState> change, CancellationToken cancellationToken)
    {
        // Read-modify-write with the ETag so a disable and a migration written at once both survive.
        for (var attempt = 0; ; attempt++)
        {
            var doc = await store.GetAsync(StateTables.Channels, channelId, StateRow, cancellationToken);
            var current = doc is null ? new ChannelState() : MessageJson.Deserialize<ChannelState>(doc.Json);
            var json = MessageJson.Serialize(change(current));
            try
            {
                await store.WriteOverAsync(StateTables.Channels, channelId, StateRow, doc, json, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
            }
        }
    }
}

/// <summary>A channel's delivery state.</summary>
public sealed record ChannelState
{
    public bool Disabled { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    /// <summary>Set when Telegram answered <c>migrate_to_chat_id</c>: the chat id to use instead of the configured one.</summary>
    public string? MigratedChatId { get; init; }
}

/// <summary>The post that carries an event in a channel: its message ids (one per part), and the revision and stage it shows.</summary>
public sealed record EventPost(string ChatId, IReadOnlyList<long> MessageIds, int Revision, [property: JsonPropertyName("stage")] TreatyMilestone Milestone, DateTimeOffset PostedAt);
