using System.CommandLine;
using System.Globalization;
using Alerts.Core.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts sources</c>: every configured source with its health.</summary>
public static class SourcesCommand
{
    public static Command Create(CliContext context)
    {
        var format = CliOptions.TableOrJsonl();
        var command = new Command("sources", "List the configured sources with their health: last success, consecutive failures, last error, last HTTP status, stale or not.");
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var catalog = provider.GetRequiredService<SourceCatalog>();
            var states = await provider.GetRequiredService<SourceStateStore>().GetAllAsync(cancellationToken);
            var polling = provider.GetRequiredService<IOptions<PollingOptions>>().Value;
            var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
            var rows = catalog.All.OrderBy(s => s.Group).ThenBy(s => s.Id).Select(source =>
            {
                states.TryGetValue(source.Id, out var state);
                return new SourceHealth(source, state, SourceHealth.IsStale(source, state, polling, now));
            }).ToList();

            if (parse.GetValue(format) == "jsonl")
            {
                await context.WriteJsonLinesAsync(rows, row => new SourceLine(
                    Id: row.Source.Id,
                    Url: row.Source.Url,
                    Kind: row.Source.Kind,
                    Group: row.Source.Group,
                    Enabled: row.Source.Enabled,
                    LastSuccess: row.State?.LastSuccessAt,
                    LastPolled: row.State?.LastPolledAt,
                    ConsecutiveFailures: row.State?.ConsecutiveFailures ?? 0,
                    LastError: row.State?.LastError,
                    LastHttpStatus: row.State?.LastHttpStatus,
                    Stale: row.Stale), CliJsonContext.Default.SourceLine);
                return AlertsCli.ExitOk;
            }

            var table = new Table().AddColumns("source", "group", "kind", "enabled", "last success", "failures", "HTTP", "status", "last error");
            foreach (var row in rows)
            {
                table.AddRow(
                    Markup.Escape(row.Source.Id),
                    Markup.Escape(row.Source.Group),
                    Markup.Escape(row.Source.Kind),
                    row.Source.Enabled ? "yes" : "no",
                    row.State?.LastSuccessAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never",
                    (row.State?.ConsecutiveFailures ?? 0).ToString(CultureInfo.InvariantCulture),
                    row.State?.LastHttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    row.Stale ? "[red]stale[/]" : row.State is null ? "new" : "ok",
                    Markup.Escape(row.State?.LastError ?? ""));
            }
            context.Console.Write(table);
            return AlertsCli.ExitOk;
        });
        return command;
    }
}
