using System.CommandLine;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts replay &lt;queue&gt;</c>: move poison messages back onto their queue once the cause is fixed.</summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var queueName = new Argument<string>("queue") { Description = "The queue whose poison messages to replay: " + string.Join(", ", QueueNames.All) + "." };
        queueName.AcceptOnlyFromAmong([.. QueueNames.All]);
        var max = new Option<int>("--max") { Description = "Replay at most this many messages.", DefaultValueFactory = _ => 1000 };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the poison messages without moving them." };
        var command = new Command("replay", "Move messages from <queue>-poison back to <queue> (with a fresh dequeue count), oldest first. Use --store to reach the Functions app's storage.");
        command.Arguments.Add(queueName);
        command.Options.Add(max);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliServices.BuildHost(parse, context);
            var provider = host.Services;
            var queue = provider.GetRequiredService<IMessageQueue>();
            var target = parse.GetValue(queueName)!;
            var poison = QueueNames.Poison(target);
            var limit = parse.GetValue(max);
            var moved = 0;
            // Hidden while being moved; a crash in between leaves the message in both queues, never in neither.
            var visibility = TimeSpan.FromMinutes(5);
            while (moved < limit)
            {
                var batch = await queue.ReceiveAsync(poison, Math.Min(32, limit - moved), visibility, cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }
                foreach (var message in batch)
                {
                    if (parse.GetValue(dryRun))
                    {
                        await context.Output.WriteLineAsync(message.Body);
                        await queue.ReleaseAsync(message, TimeSpan.Zero, cancellationToken);
                    }
                    else
                    {
                        await queue.EnqueueAsync(target, message.Body, null, cancellationToken);
                        await queue.CompleteAsync(message, cancellationToken);
                    }
                    moved++;
                }
                if (parse.GetValue(dryRun))
                {
                    break;
                }
            }
            await context.Error.WriteLineAsync(parse.GetValue(dryRun)
                ? $"alerts replay: {moved} messages in {poison} (not moved: --dry-run)"
                : $"alerts replay: {moved} messages moved from {poison} to {target}");
            return AlertsCli.ExitOk;
        });
        return command;
    }
}
