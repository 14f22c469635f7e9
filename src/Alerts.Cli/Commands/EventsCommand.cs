using System.CommandLine;
using System.Globalization;
using Alerts.Core.Events;
using Alerts.Core.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts events</c> and <c>alerts events show &lt;id&gt;</c>.</summary>
public static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var format = CliOptions.TableOrJsonl();
        var command = new Command("events", "List treaty events: treaty, action, states, stage, level, sources, last change.");
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var heads = await provider.GetRequiredService<EventQueries>().ListAsync(cancellationToken);
            if (parse.GetValue(format) == "jsonl")
            {
                await context.WriteJsonLinesAsync(heads, head => new EventLine(
                    Id: head.EventId,
                    Treaty: head.Treaty,
                    Action: head.Action,
                    States: head.States,
                    Stage: head.Milestone,
                    Step: head.Step,
                    EffectiveDate: head.EffectiveDate,
                    Level: head.Level,
                    Revision: head.Revision,
                    Sources: head.Sources.Count,
                    LastChange: head.LastChange), CliJsonContext.Default.EventLine);
                return AlertsCli.ExitOk;
            }
            var table = new Table().AddColumns("id", "treaty", "action", "states", "stage", "level", "rev", "sources", "last change");
            foreach (var head in heads)
            {
                table.AddRow(
                    Markup.Escape(head.EventId),
                    Markup.Escape($"{head.Treaty.Name} ({head.Treaty.Id})"),
                    Vocabulary.Name(head.Action),
                    string.Join(",", head.States),
                    Vocabulary.Name(head.Milestone),
                    Vocabulary.Name(head.Level),
                    head.Revision.ToString(CultureInfo.InvariantCulture),
                    head.Sources.Count.ToString(CultureInfo.InvariantCulture),
                    head.LastChange.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }
            context.Console.Write(table);
            return AlertsCli.ExitOk;
        });

        var id = new Argument<string>("event-id") { Description = "The event id, as listed by 'alerts events'." };
        var show = new Command("show", "Print an event's timeline with each source.");
        show.Arguments.Add(id);
        show.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var eventId = parse.GetValue(id)!;
            var head = await provider.GetRequiredService<EventQueries>().GetHeadAsync(eventId, cancellationToken);
            if (head is null)
            {
                await context.Error.WriteLineAsync($"alerts events show: no event '{eventId}'");
                return AlertsCli.ExitBadInput;
            }
            var console = context.Console;
            console.MarkupLine($"[bold]{Markup.Escape(head.Treaty.Name)}[/] ({Markup.Escape(head.Treaty.Id)}) — {Vocabulary.Name(head.Action)} by {Markup.Escape(string.Join(", ", head.States))}");
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"stage {Vocabulary.Name(head.Milestone)}{(head.Step is { } step ? $" ({Markup.Escape(step)})" : "")}, level {Vocabulary.Name(head.Level)}, revision {head.Revision}, first seen {head.FirstSeen:yyyy-MM-dd HH:mm}"));
            if (head.EffectiveDate is { } effective)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"takes effect {effective:yyyy-MM-dd}{(head.EffectiveDateBasis is { } basis ? $" ({Markup.Escape(basis)})" : "")}"));
            }
            if (head.MilestoneHistory.Count > 0)
            {
                console.MarkupLine("procedure: " + string.Join(" → ", head.MilestoneHistory.Select(h =>
                    Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{h.Step ?? Vocabulary.Name(h.Milestone)} {h.SeenAt:yyyy-MM-dd}")))));
            }
            var timeline = new Table().AddColumns("when", "rev", "stage", "level", "source", "title", "link");
            foreach (var source in head.Sources.OrderBy(s => s.Source.Published ?? head.FirstSeen))
            {
                timeline.AddRow(
                    (source.Source.Published ?? head.FirstSeen).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    source.Revision.ToString(CultureInfo.InvariantCulture),
                    Vocabulary.Name(source.Milestone),
                    Vocabulary.Name(source.Source.Authority),
                    Markup.Escape(source.Source.SourceId),
                    Markup.Escape(source.Source.Title),
                    Markup.Escape(source.Source.Link));
            }
            console.Write(timeline);
            return AlertsCli.ExitOk;
        });
        command.Subcommands.Add(show);
        return command;
    }
}
