using System.CommandLine;
using Alerts.Core.Formatting;
using Alerts.Core.Publishing;
using Alerts.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts feed --out &lt;dir&gt; [--state XX]... [--treaty id]...</c>: the public events (<see cref="PublicEvents"/>, the
/// same ones the Functions feeds endpoint serves) as Atom 1.0 and JSON Feed 1.1 files. Without <c>--state</c> or
/// <c>--treaty</c> every feed (all, each state, each treaty); with them only the feeds named.
/// </summary>
public static class FeedCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Directory to write all.atom, all.json, state/XX.*, treaty/<id>.* into.", Required = true };
        var language = new Option<string>("--language") { Description = "Language of the entry titles and text: en or ru.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "ru");
        var states = new Option<string[]>("--state") { Description = "Write only this state's feed (state/XX.*), e.g. RU; repeatable, with --treaty too.", AllowMultipleArgumentsPerToken = false };
        var treaties = new Option<string[]>("--treaty") { Description = "Write only this treaty's feed (treaty/<id>.*), e.g. coe:126 or coe-126; repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("feed", "Write the events as Atom and JSON Feed files: all events, per state, per treaty.");
        command.Options.Add(output);
        command.Options.Add(language);
        command.Options.Add(states);
        command.Options.Add(treaties);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            try
            {
                _ = host.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                // As at start-up in the other commands: exit 3, naming the setting.
                throw new ConfigurationProblemException(ex.Failures.Select(f => $"{FeedOptions.Section}: {f}").ToList());
            }
            var heads = await host.Services.GetRequiredService<PublicEvents>().ListAsync(cancellationToken);
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            var lang = parse.GetValue(language)!;
            var names = host.Services.GetService<ITreatyNames>();
            var onlyStates = parse.GetValue(states) ?? [];
            var onlyTreaties = parse.GetValue(treaties) ?? [];
            IReadOnlyList<EventFeed> feeds;
            if (onlyStates.Length == 0 && onlyTreaties.Length == 0)
            {
                feeds = EventFeedWriter.Plan(heads, lang, names);
            }
            else
            {
                var selected = new List<EventFeed>();
                foreach (var state in onlyStates)
                {
                    if (!StateNames.IsKnown(state.ToUpperInvariant()))
                    {
                        await context.Error.WriteLineAsync($"alerts feed: unknown state '{state}' (two-letter codes such as RU)");
                        return AlertsCli.ExitBadInput;
                    }
                    selected.Add(EventFeedWriter.ForState(state.ToUpperInvariant(), heads, lang));
                }
                var endpoint = host.Services.GetRequiredService<FeedEndpoint>();
                foreach (var treaty in onlyTreaties)
                {
                    if (endpoint.FindTreaty(treaty, heads) is not { } found)
                    {
                        await context.Error.WriteLineAsync($"alerts feed: unknown treaty '{treaty}' (catalogue ids such as coe:126)");
                        return AlertsCli.ExitBadInput;
                    }
                    selected.Add(EventFeedWriter.ForTreaty(found, heads, lang, names));
                }
                feeds = selected;
            }
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
