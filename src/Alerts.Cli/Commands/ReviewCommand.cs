using System.CommandLine;
using System.Globalization;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts review</c>, <c>alerts review approve &lt;id&gt;</c>, <c>alerts review reject &lt;id&gt;</c>: events held for review per channel.</summary>
public static class ReviewCommand
{
    public static Command Create(CliContext context)
    {
        var format = CliOptions.TableOrJsonl();
        var all = new Option<bool>("--all") { Description = "Also list approved and rejected events." };
        var command = new Command("review", "List events held for review (Channels:N:Review), oldest first; approve or reject one.");
        command.Options.Add(format);
        command.Options.Add(all);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var entries = await provider.GetRequiredService<ReviewQueue>().ListAsync(!parse.GetValue(all), cancellationToken);
            if (parse.GetValue(format) == "jsonl")
            {
                await context.WriteJsonLinesAsync(entries, e => new ReviewLine(e.Id, e.ChannelId, e.EventId, e.Revision, e.Status, e.Reason, e.Treaty, e.Title, e.HeldAt), CliJsonContext.Default.ReviewLine);
                return AlertsCli.ExitOk;
            }
            var table = new Table().AddColumns("id", "status", "reason", "treaty", "title", "held");
            foreach (var e in entries)
            {
                table.AddRow(Markup.Escape(e.Id), e.Status, Markup.Escape(e.Reason), Markup.Escape(e.Treaty), Markup.Escape(e.Title), e.HeldAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }
            context.Console.Write(table);
            return AlertsCli.ExitOk;
        });
        command.Subcommands.Add(Decide(context, approve: true));
        command.Subcommands.Add(Decide(context, approve: false));
        return command;
    }

    private static Command Decide(CliContext context, bool approve)
    {
        var id = new Argument<string>("id") { Description = "<channel>:<event id>, as 'alerts review' lists it." };
        var command = new Command(approve ? "approve" : "reject", approve
            ? "Post a held event: its latest revision goes on the delivery queue (sent by 'alerts run' or the Functions app)."
            : "Drop a held event: it and its later revisions never go to the channel.");
        command.Arguments.Add(id);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            try
            {
                var delivery = await provider.GetRequiredService<ReviewQueue>().DecideAsync(parse.GetValue(id)!, approve, cancellationToken);
                if (delivery is not null)
                {
                    await provider.GetRequiredService<IMessageQueue>().EnqueueAsync(QueueNames.TelegramDeliveries, MessageJson.Serialize(delivery), null, cancellationToken);
                    await context.Output.WriteLineAsync($"approved: {delivery.EventId} revision {delivery.Revision} queued for channel {delivery.ChannelId}");
                }
                else
                {
                    await context.Output.WriteLineAsync($"rejected: {parse.GetValue(id)}");
                }
                return AlertsCli.ExitOk;
            }
            catch (KeyNotFoundException ex)
            {
                await context.Error.WriteLineAsync($"alerts review: {ex.Message}");
                return AlertsCli.ExitBadInput;
            }
        });
        return command;
    }
}
