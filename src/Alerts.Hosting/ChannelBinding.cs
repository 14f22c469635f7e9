using Alerts.Core;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting;

/// <summary>
/// Reads a <c>Channels:N</c> entry into a <see cref="ChannelDefinition"/>, as the configuration binder did, without
/// reflection. By hand because of <see cref="ChannelDefinition.Actions"/>: the binder's generated code knows only the
/// C# names (not <c>entry_into_force</c>) and stops at an unknown one, where an unknown action is skipped here and
/// named by the configuration check.
/// </summary>
internal static class ChannelBinding
{
    /// <exception cref="InvalidOperationException">a value does not convert (the message names its key).</exception>
    public static void Bind(IConfigurationSection section, ChannelDefinition channel)
    {
        string? Text(string key) => section.GetSection(key).Value;
        IConfigurationSection Part(string key) => section.GetSection(key);

        channel.Id = Text(nameof(ChannelDefinition.Id)) ?? channel.Id;
        channel.ChatId = Text(nameof(ChannelDefinition.ChatId)) ?? channel.ChatId;
        channel.Language = Text(nameof(ChannelDefinition.Language)) ?? channel.Language;
        channel.Template = Text(nameof(ChannelDefinition.Template)) ?? channel.Template;
        channel.Enabled = ConfigurationValues.Bool(Part(nameof(ChannelDefinition.Enabled)), channel.Enabled);
        channel.DisableLinkPreview = ConfigurationValues.Bool(Part(nameof(ChannelDefinition.DisableLinkPreview)), channel.DisableLinkPreview);
        channel.States.AddRange(Values(Part(nameof(ChannelDefinition.States))));
        channel.Treaties.AddRange(Values(Part(nameof(ChannelDefinition.Treaties))));
        foreach (var action in Values(Part(nameof(ChannelDefinition.Actions))))
        {
            if (Vocabulary.TryParseAction(action, out var parsed) || Enum.TryParse(action, ignoreCase: true, out parsed))
            {
                channel.Actions.Add(parsed);
            }
        }
        channel.MinimumLevel = ConfigurationValues.Enum(Part(nameof(ChannelDefinition.MinimumLevel)), channel.MinimumLevel);
        channel.MinimumConfidence = ConfigurationValues.Double(Part(nameof(ChannelDefinition.MinimumConfidence)), channel.MinimumConfidence);
        channel.Review = Text(nameof(ChannelDefinition.Review)) ?? channel.Review;
        channel.Backfill = Text(nameof(ChannelDefinition.Backfill)) ?? channel.Backfill;
        channel.Updates = ConfigurationValues.Enum(Part(nameof(ChannelDefinition.Updates)), channel.Updates);
    }

    /// <summary>The list's entries that are values (an empty one included, as the binder adds it).</summary>
    private static IEnumerable<string> Values(IConfigurationSection list)
        => list.GetChildren().Select(item => item.Value).OfType<string>();
}
