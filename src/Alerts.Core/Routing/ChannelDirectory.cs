namespace Alerts.Core.Routing;

/// <summary>The configured channels by id (configuration section <c>Channels</c>).</summary>
public sealed class ChannelDirectory(IEnumerable<ChannelDefinition> channels)
{
    public const string Section = "Channels";

    private readonly Dictionary<string, ChannelDefinition> _byId = channels.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<ChannelDefinition> All => _byId.Values;

    public ChannelDefinition? Find(string channelId) => _byId.GetValueOrDefault(channelId);
}
