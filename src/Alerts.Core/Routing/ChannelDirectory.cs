namespace Alerts.Core.Routing;

/// <summary>
/// The configured channels by id (configuration section <c>Channels</c>), and, through <see cref="FindAsync"/>,
/// subscribers' private chats (<c>user:&lt;chat id&gt;</c>, see <see cref="Subscriptions.PersonalChannels"/>).
/// </summary>
public sealed class ChannelDirectory(IEnumerable<ChannelDefinition> channels, Subscriptions.PersonalChannels? personal = null)
{
    public const string Section = "Channels";

    private readonly Dictionary<string, ChannelDefinition> _byId = channels.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<ChannelDefinition> All => _byId.Values;

    public ChannelDefinition? Find(string channelId) => _byId.GetValueOrDefault(channelId);

    /// <summary>A configured channel, or a subscriber's private chat built from their profile; null when neither.</summary>
    public async Task<ChannelDefinition?> FindAsync(string channelId, CancellationToken cancellationToken = default) =>
        Find(channelId) ?? (personal is null ? null : await personal.FindAsync(channelId, cancellationToken));
}
