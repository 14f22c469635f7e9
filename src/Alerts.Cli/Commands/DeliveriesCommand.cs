using System.CommandLine;
using System.Globalization;
using Alerts.Core.Posting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts deliveries list|release|drop</c>: deliveries held (outcome unknown) or dropped, and what the operator does with them.</summary>
public static class DeliveriesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("deliveries", "Deliveries that ended neither sent nor queued: held (a request left and no answer came) or dropped. List them, send one again (release) or let it go (drop).");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Act(context, "release", "Send a held or dropped delivery again (check the channel first: a held one may have been posted).", (held, id, ct) => held.ReleaseAsync(id, ct), "released; queued for delivery"));
        command.Subcommands.Add(Act(context, "drop", "Let a held or dropped delivery go: it is no longer listed or reported.", (held, id, ct) => held.DropAsync(id, ct), "dropped"));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = CliOptions.TableOrJsonl();
        var all = new Option<bool>("--all") { Description = "Every delivery not sent (also pending, in flight, superseded and acknowledged ones)." };
        var list = new Command("list", "List held and dropped deliveries no operator has released or dropped. Exit 1 when there are any.");
        list.Options.Add(format);
        list.Options.Add(all);
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Build(parse, context);
            var provider = host.Services;
            var records = await provider.GetRequiredService<HeldDeliveries>().ListAsync(parse.GetValue(all), cancellationToken);
            if (parse.GetValue(format) == "jsonl")
            {
                await context.WriteJsonLinesAsync(records, record => new DeliveryLine(
                    Id: record.Id,
                    EventId: record.EventId,
                    Channel: record.ChannelId,
                    Revision: record.Revision,
                    State: record.Entry.State,
                    ChatId: record.Entry.ChatId,
                    MessageIds: record.Entry.MessageIds,
                    Failures: record.Entry.Failures,
                    Acknowledged: record.Entry.Acknowledged,
                    UpdatedAt: record.Entry.UpdatedAt,
                    Note: record.Entry.Note), CliJsonContext.Default.DeliveryLine);
            }
            else
            {
                var table = new Table().AddColumns("id", "state", "chat", "updated", "note");
                foreach (var record in records)
                {
                    table.AddRow(
                        Markup.Escape(record.Id),
                        record.Entry.State == LedgerState.Unknown ? "held" : record.Entry.State.ToString().ToLowerInvariant(),
                        Markup.Escape(record.Entry.ChatId),
                        record.Entry.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        Markup.Escape(record.Entry.Note ?? ""));
                }
                context.Console.Write(table);
            }
            return records.Any(r => LedgerTransitions.NeedsAttention(r.Entry)) ? AlertsCli.ExitFailure : AlertsCli.ExitOk;
        });
        return list;
    }

    private static Command Act(CliContext context, string name, string description, Func<HeldDeliveries, string, CancellationToken, Task<LedgerRecord>> action, string done)
    {
        var id = new Argument<string>("id") { Description = "<event>/<channel>/<revision>, as 'alerts deliveries list' prints it." };
        var command = new Command(name, description);
        command.Arguments.Add(id);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Build(parse, context);
            var provider = host.Services;
            try
            {
                var record = await action(provider.GetRequiredService<HeldDeliveries>(), parse.GetValue(id)!, cancellationToken);
                await context.Error.WriteLineAsync($"alerts deliveries {name}: {record.Id} {done}");
                return AlertsCli.ExitOk;
            }
            catch (ArgumentException ex)
            {
                await context.Error.WriteLineAsync($"alerts deliveries {name}: {ex.Message}");
                return AlertsCli.ExitBadInput;
            }
        });
        return command;
    }

    private static IHost Build(ParseResult parse, CliContext context)
    {
        var configuration = CliServices.BuildConfiguration(parse);
        var builder = CliServices.CreateBuilder(configuration, context, parse.GetValue(CliOptions.Verbose));
        CliDelivery.Add(builder.Services, configuration, context);
        return builder.Build();
    }
}
