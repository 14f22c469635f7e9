using System.CommandLine;
using Alerts.Core.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts health [--send]</c>: the operator's health report (sources, channels, poison queues).</summary>
public static class HealthCommand
{
    public static Command Create(CliContext context)
    {
        var send = new Option<bool>("--send") { Description = "Also send it to the operator chat (Telegram:OperatorChatId)." };
        var command = new Command("health", "Print the health report: failing and stale sources, disabled channels, poison-queue lengths, held and dropped deliveries. Exit 1 when something needs the operator.");
        command.Options.Add(send);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliServices.BuildConfiguration(parse);
            var builder = CliServices.CreateBuilder(configuration, context, parse.GetValue(CliOptions.Verbose));
            var services = builder.Services;
            CliDelivery.Add(services, configuration, context);
            using var host = builder.Build();
            var provider = host.Services;
            var stage = provider.GetRequiredService<HealthReportStage>();
            var report = parse.GetValue(send) ? await stage.RunAsync(cancellationToken) : await stage.BuildAsync(cancellationToken);
            // The operator chat gets the report's Telegram HTML; a terminal gets the text the chat would show.
            await context.Output.WriteLineAsync(Core.Formatting.TelegramHtml.ToPlainText(report.ToHtml()));
            return report.Healthy ? AlertsCli.ExitOk : AlertsCli.ExitFailure;
        });
        return command;
    }
}
