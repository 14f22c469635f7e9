using System.CommandLine;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Messages;
using Alerts.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts preview &lt;event-id | change.json&gt; --channel &lt;id&gt;</c>: the exact text that would be posted;
/// <c>alerts preview --corpus &lt;dir&gt;...</c>: a gallery and rule counts from a labelled corpus replay.
/// </summary>
public static class PreviewCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string?>("event-or-file") { Description = "An event id (see 'alerts events') or a file holding a TreatyChange as JSON.", Arity = ArgumentArity.ZeroOrOne };
        var corpus = new Option<DirectoryInfo[]>("--corpus") { Description = "Replay labelled corpus folders (items.jsonl, labels.jsonl) into English and Russian posts; prints a Markdown gallery and rule counts.", AllowMultipleArgumentsPerToken = true };
        var events = new Option<int>("--events") { Description = "How many events the --corpus gallery shows.", DefaultValueFactory = _ => 15 };
        var channel = new Option<string?>("--channel") { Description = "A configured channel id; its language, template and link-preview setting apply." };
        var language = new Option<string>("--language") { Description = "Language when no channel is given: en or ru.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "ru");
        var command = new Command("preview", "Print the exact HTML that would be posted for an event or a change.");
        command.Arguments.Add(target);
        command.Options.Add(channel);
        command.Options.Add(language);
        command.Options.Add(corpus);
        command.Options.Add(events);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliServices.BuildConfiguration(parse);
            using var host = CliServices.CreateBuilder(configuration, context, parse.GetValue(CliOptions.Verbose)).Build();
            var provider = host.Services;
            if (parse.GetValue(corpus) is { Length: > 0 } corpora)
            {
                return await CorpusPreview.RunAsync(context, provider, corpora, parse.GetValue(events), cancellationToken);
            }
            if (parse.GetValue(target) is not { } argument)
            {
                await context.Error.WriteLineAsync("alerts preview: give an event id, a change file or --corpus <dir>");
                return AlertsCli.ExitBadInput;
            }

            TreatyChange? change;
            if (File.Exists(argument))
            {
                try
                {
                    change = MessageJson.Deserialize<TreatyChange>(await File.ReadAllTextAsync(argument, cancellationToken));
                }
                catch (InvalidMessageException ex)
                {
                    await context.Error.WriteLineAsync($"alerts preview: '{argument}': {ex.Message}");
                    return AlertsCli.ExitBadInput;
                }
            }
            else
            {
                var head = await provider.GetRequiredService<EventQueries>().GetHeadAsync(argument, cancellationToken);
                change = head is null ? null : EventTable.RevisionOf(head);
            }
            if (change is null)
            {
                await context.Error.WriteLineAsync($"alerts preview: '{argument}' is neither a file nor a known event id");
                return AlertsCli.ExitBadInput;
            }

            ChannelDefinition definition;
            if (parse.GetValue(channel) is { } channelId)
            {
                var found = provider.GetRequiredService<ChannelDirectory>().Find(channelId);
                if (found is null)
                {
                    await context.Error.WriteLineAsync($"alerts preview: no channel '{channelId}' in the configuration (Channels:N:Id)");
                    return AlertsCli.ExitBadInput;
                }
                definition = found;
            }
            else
            {
                definition = new ChannelDefinition { Id = "preview", ChatId = "preview", Language = parse.GetValue(language)! };
            }

            var formatted = provider.GetRequiredService<AlertFormatter>().Format(change, definition);
            if (formatted.TemplateProblem is { } problem)
            {
                await context.Error.WriteLineAsync($"alerts preview: template problem, plain-text fallback shown: {problem}");
            }
            await context.Output.WriteLineAsync(string.Join(Environment.NewLine + Environment.NewLine, formatted.Parts));
            return AlertsCli.ExitOk;
        });
        return command;
    }
}
