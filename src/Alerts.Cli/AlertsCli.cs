using System.CommandLine;
using Alerts.Cli.Commands;
using Alerts.Hosting;

namespace Alerts.Cli;

/// <summary>The <c>alerts</c> command line: run, scan, eval, sources, events, health, channels, replay, preview.</summary>
public static class AlertsCli
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitSourceFailed = 2;
    public const int ExitBadConfiguration = 3;
    public const int ExitBadInput = 4;

    /// <summary>How long a stopping command may take to finish in-flight deliveries after SIGTERM or Ctrl+C.</summary>
    public static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("Treaty Alerts: detect treaty actions in decree, depositary and news feeds and post them to Telegram.");
        root.Options.Add(CliOptions.Config);
        root.Options.Add(CliOptions.Store);
        root.Options.Add(CliOptions.Verbose);
        Func<CliContext, Command>[] commands =
        [
            RunCommand.Create, SourcesCommand.Create, EventsCommand.Create, FeedCommand.Create, HealthCommand.Create,
            ChannelsCommand.Create, ReplayCommand.Create, DeliveriesCommand.Create, ScanCommand.Create, EvalCommand.Create,
            PreviewCommand.Create, ReviewCommand.Create, BotCommand.Create,
        ];
        foreach (var create in commands)
        {
            root.Subcommands.Add(create(context));
        }

        var parse = root.Parse(args);
        // SIGTERM/SIGINT cancel the action's token; the run then lets requests already written to Telegram be
        // answered (up to Telegram:TimeoutSeconds) and puts the rest back on the queue, so it needs longer than the default 2 s.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = GracefulStopTimeout };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (ConfigurationProblemException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitBadConfiguration;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitFailure;
        }
        catch (Exception ex)
        {
            // One line for people, the whole exception with --verbose for developers.
            await error.WriteLineAsync($"alerts: {ex.GetType().Name}: {ex.Message}");
            if (parse.GetValue(CliOptions.Verbose))
            {
                await error.WriteLineAsync(ex.ToString());
            }
            return ExitFailure;
        }
    }
}
