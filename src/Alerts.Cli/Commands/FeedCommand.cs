using System.CommandLine;
using Alerts.Core.Events;
using Alerts.Core.Formatting;
using Alerts.Core.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts feed --out &lt;dir&gt;</c>: the events as Atom 1.0 and JSON Feed 1.1 files.</summary>
public static class FeedCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Directory to write all.atom, all.json, state/XX.*, treaty/<id>.* into.", Required = true };
        var language = new Option<string>("--language") { Description = "Language of the entry titles and text: en or ru.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "ru");
        var command = new Command("feed", "Write the events as Atom and JSON Feed files: all events, per state, per treaty.");
        command.Options.Add(output);
        command.Options.Add(language);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var heads = await host.Services.GetRequiredService<EventQueries>().ListAsync(cancellationToken);
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            var lang = parse.GetValue(language)!;
            var names = host.Services.GetService<ITreatyNames>();
            var feeds = EventFeedWriter.Plan(heads, lang, names);
            foreach (var feed in feeds)
            {
                var stem = Path.Combine(directory, feed.Name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
                await using (var atom = File.Create(stem + ".atom"))
                {
                    EventFeedWriter.WriteAtom(atom, feed, lang, names);
                }
                await using (var json = File.Create(stem + ".json"))
                {
                    EventFeedWriter.WriteJson(json, feed, lang, names);
                }
            }
            await context.Output.WriteLineAsync($"alerts feed: {feeds.Count} feeds ({heads.Count} events) written to {directory}");
            return AlertsCli.ExitOk;
        });
        return command;
    }
}
