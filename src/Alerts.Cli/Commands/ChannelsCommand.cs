using System.CommandLine;
using System.Globalization;
using Alerts.Core.Posting;
using Alerts.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts channels</c>: every channel with its delivery state, and <c>alerts channels enable &lt;id&gt;</c>:
/// resume deliveries to a channel the app disabled (the bot was removed or lost its rights, Telegram answered 403).
/// </summary>
public static class ChannelsCommand
{
    public static Command Create(CliContext context)
    {
        var format = CliOptions.TableOrJsonl();
        var command = new Command("channels", "List the channels (configured, and any with stored state) with their state: enabled, disabled by the app (and why, since when), or disabled in the configuration.");
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var directory = provider.GetRequiredService<ChannelDirectory>();
            var states = await provider.GetRequiredService<ChannelStateStore>().GetAllAsync(cancellationToken);
            var rows = directory.All.Select(c => c.Id).Union(states.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(id => new ChannelRow(id, directory.Find(id), states.GetValueOrDefault(id) ?? new ChannelState()))
                .ToList();

            if (parse.GetValue(format) == "jsonl")
            {
                await context.WriteJsonLinesAsync(rows, row => new ChannelLine(
                    Id: row.Id,
                    ChatId: row.Definition?.ChatId,
                    Language: row.Definition?.Language,
                    Configured: row.Definition is not null,
                    State: row.StateName,
                    DisabledReason: row.State.DisabledReason,
                    DisabledAt: row.State.DisabledAt,
                    MigratedChatId: row.State.MigratedChatId), CliJsonContext.Default.ChannelLine);
                return AlertsCli.ExitOk;
            }

            var table = new Table().AddColumns("channel", "chat", "language", "state", "since", "reason", "migrated to");
            foreach (var row in rows)
            {
                table.AddRow(
                    Markup.Escape(row.Id),
                    Markup.Escape(row.Definition?.ChatId ?? "(not configured)"),
                    Markup.Escape(row.Definition?.Language ?? "-"),
                    row.StateName == Enabled ? Enabled : $"[red]{Markup.Escape(row.StateName)}[/]",
                    row.State.DisabledAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(row.State.DisabledReason ?? ""),
                    Markup.Escape(row.State.MigratedChatId ?? ""));
            }
            context.Console.Write(table);
            return AlertsCli.ExitOk;
        });

        var id = new Argument<string>("channel-id") { Description = "The channel id, as listed by 'alerts channels'." };
        var enable = new Command("enable", "Re-enable a channel the app disabled, once the bot is back in the chat with its rights. Deliveries resume with the next message.");
        enable.Arguments.Add(id);
        enable.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var channelId = parse.GetValue(id)!;
            var store = provider.GetRequiredService<ChannelStateStore>();
            var definition = provider.GetRequiredService<ChannelDirectory>().Find(channelId);
            var states = await store.GetAllAsync(cancellationToken);
            if (definition is null && !states.ContainsKey(channelId))
            {
                await context.Error.WriteLineAsync($"alerts channels enable: no channel '{channelId}': it is neither configured (Channels:N:Id) nor known to the store");
                return AlertsCli.ExitBadInput;
            }

            if (states.GetValueOrDefault(channelId) is { Disabled: true } state)
            {
                await store.EnableAsync(channelId, cancellationToken);
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"alerts channels enable: '{channelId}' enabled (disabled since {state.DisabledAt:yyyy-MM-dd HH:mm}: {state.DisabledReason})"));
            }
            else
            {
                await context.Error.WriteLineAsync($"alerts channels enable: '{channelId}' was not disabled by the app; nothing changed");
            }

            if (definition is { Enabled: false })
            {
                // The store cannot override the configuration: say so rather than pretend.
                await context.Error.WriteLineAsync($"alerts channels enable: '{channelId}' is disabled in the configuration (Channels:N:Enabled = false); set it to true for deliveries to resume");
            }
            return AlertsCli.ExitOk;
        });
        command.Subcommands.Add(enable);
        return command;
    }

    private const string Enabled = "enabled";

    private sealed record ChannelRow(string Id, ChannelDefinition? Definition, ChannelState State)
    {
        public string StateName => State.Disabled ? "disabled" : Definition is { Enabled: false } ? "disabled in configuration" : Enabled;
    }
}
