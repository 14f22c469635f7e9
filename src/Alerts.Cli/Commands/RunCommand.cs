using System.CommandLine;
using Alerts.Cli.Running;
using Alerts.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts run [--once]</c>: the whole pipeline on this machine.</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Run one full cycle (every due source polled, every resulting message processed) and exit." };
        var tick = new Option<TimeSpan>("--tick") { Description = "How often the continuous run wakes to poll what is due.", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var command = new Command("run", "Poll the configured sources on their schedules, detect, route and deliver. Without a bot token, prints each alert instead of sending (dry run).");
        command.Options.Add(once);
        command.Options.Add(tick);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliServices.BuildConfiguration(parse);
            var builder = CliServices.CreateBuilder(configuration, context, parse.GetValue(CliOptions.Verbose));
            var services = builder.Services;
            CliDelivery.Add(services, configuration, context);
            CliDelivery.KeepDryRunOffTheStore(services, configuration);
            services.AddSingleton<LocalRunner>();
            BotPolling.Add(services, configuration);
            var maxDelayedWait = RunSetting(configuration, "Run:MaxDelayedWait");
            var visibilityTimeout = RunSetting(configuration, "Run:VisibilityTimeout");
            using var host = builder.Build();
            var provider = host.Services;
            PipelineServices.Start(host);
            var runner = provider.GetRequiredService<LocalRunner>();
            runner.MaxDelayedWait = maxDelayedWait ?? runner.MaxDelayedWait;
            runner.VisibilityTimeout = visibilityTimeout ?? runner.VisibilityTimeout;

            if (!CliDelivery.HasToken(configuration) && !configuration.GetSection(AlertsConfiguration.ChannelsSection).GetChildren().Any())
            {
                // The default configuration has no channels: a dry run would route nothing and print nothing.
                await context.Error.WriteLineAsync("alerts run: dry run with no channels configured: events are detected and kept ('alerts events'), but no post is printed; add a channel (Channels:0:Id, :ChatId, :Language) to see each post.");
            }
            var bot = await BotPolling.ResolveAsync(provider, cancellationToken);
            if (parse.GetValue(once))
            {
                if (bot is not null)
                {
                    await BotPolling.DrainAsync(bot, provider, cancellationToken);
                }
                var report = await runner.RunCycleAsync(waitForDelayed: true, cancellationToken);
                return Summarise(context, report);
            }
            await context.Error.WriteLineAsync("alerts run: polling; press Ctrl+C to stop.");
            var polling = bot?.RunAsync(cancellationToken) ?? Task.CompletedTask;
            try
            {
                await runner.RunForeverAsync(parse.GetValue(tick), report => Summarise(context, report), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            try
            {
                await polling;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            return AlertsCli.ExitOk;
        });
        return command;
    }

    /// <summary>A <c>Run:*</c> time span, or a configuration problem naming the key (exit 3) when it is not a positive one.</summary>
    private static TimeSpan? RunSetting(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }
        throw new ConfigurationProblemException([$"{key}: '{value}' is not a positive time span (hh:mm:ss)"]);
    }

    private static int Summarise(CliContext context, RunReport report)
    {
        var polls = report.Polls;
        context.Error.WriteLine(
            $"alerts run: {polls.Count} sources polled ({polls.Count(p => p.Status == Core.Sources.PollStatus.NotModified)} not modified, {report.FailedSources.Count} failed), " +
            $"{report.Changes} treaty changes, {report.Deliveries} deliveries, {report.Posted} posted" +
            (report.PendingDelayed > 0 ? $", {report.PendingDelayed} messages left for later" : ""));
        if (report.FailedSources.Count > 0)
        {
            var table = new Table().AddColumns("source", "HTTP", "error");
            foreach (var failed in report.FailedSources)
            {
                table.AddRow(Markup.Escape(failed.SourceId), failed.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Markup.Escape(failed.Error ?? ""));
            }
            var errorConsole = new CliContext(context.Error, context.Error).Console;
            errorConsole.Write(table);
        }
        foreach (var poisoned in report.Poisoned)
        {
            context.Error.WriteLine($"poisoned: {poisoned}");
        }
        foreach (var lost in report.NotDelivered)
        {
            context.Error.WriteLine($"not delivered: {lost} (see alerts deliveries list)");
        }
        return report.FailedSources.Count > 0 ? AlertsCli.ExitSourceFailed
            : report.Poisoned.Count > 0 || report.NotDelivered.Count > 0 ? AlertsCli.ExitFailure
            : AlertsCli.ExitOk;
    }
}
