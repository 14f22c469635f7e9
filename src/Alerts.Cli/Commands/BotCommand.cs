using System.CommandLine;
using Alerts.Cli.Running;
using Alerts.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts bot set-webhook [url]</c>, <c>alerts bot delete-webhook</c>, <c>alerts bot webhook</c>: where Telegram sends what
/// users write to the bot. The URL and secret come from <c>Bot:WebhookUrl</c> and <c>Bot:WebhookSecret</c> unless given.
/// </summary>
public static class BotCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bot", "The bot's webhook: register it (Azure), remove it (alerts run long-polls instead), or show it.");

        var url = new Argument<string?>("url") { Description = "The webhook URL (https); default Bot:WebhookUrl.", Arity = ArgumentArity.ZeroOrOne };
        var set = new Command("set-webhook", "Tell Telegram to post updates to the webhook, with Bot:WebhookSecret as the secret token it sends back.");
        set.Arguments.Add(url);
        set.SetAction((parse, cancellationToken) => WithBotAsync(parse, context, async provider =>
        {
            var options = provider.GetRequiredService<IOptions<BotOptions>>().Value;
            var target = parse.GetValue(url) ?? options.WebhookUrl;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            {
                await context.Error.WriteLineAsync("alerts bot set-webhook: Bot:WebhookUrl (or the url argument) must be an https URL");
                return AlertsCli.ExitBadConfiguration;
            }
            if (string.IsNullOrEmpty(options.WebhookSecret) || !BotWebhook.IsValidSecret(options.WebhookSecret))
            {
                await context.Error.WriteLineAsync("alerts bot set-webhook: Bot:WebhookSecret must be 16-256 characters of A-Z, a-z, 0-9, _ and -");
                return AlertsCli.ExitBadConfiguration;
            }
            await provider.GetRequiredService<TelegramBot>().SetWebhookAsync(uri.AbsoluteUri, options.WebhookSecret, cancellationToken);
            await context.Output.WriteLineAsync($"webhook set: {uri.AbsoluteUri}");
            return AlertsCli.ExitOk;
        }));
        command.Subcommands.Add(set);

        var delete = new Command("delete-webhook", "Remove the webhook, so alerts run reads updates with getUpdates.");
        delete.SetAction((parse, cancellationToken) => WithBotAsync(parse, context, async provider =>
        {
            await provider.GetRequiredService<TelegramBot>().DeleteWebhookAsync(cancellationToken);
            await context.Output.WriteLineAsync("webhook removed");
            return AlertsCli.ExitOk;
        }));
        command.Subcommands.Add(delete);

        var show = new Command("webhook", "Print the webhook URL Telegram has (empty: none, alerts run long-polls).");
        show.SetAction((parse, cancellationToken) => WithBotAsync(parse, context, async provider =>
        {
            await context.Output.WriteLineAsync(await provider.GetRequiredService<TelegramBot>().WebhookUrlAsync(cancellationToken));
            return AlertsCli.ExitOk;
        }));
        command.Subcommands.Add(show);
        return command;
    }

    /// <summary>Runs <paramref name="action"/> with the bot's services, or fails naming the missing token.</summary>
    private static async Task<int> WithBotAsync(ParseResult parse, CliContext context, Func<IServiceProvider, Task<int>> action)
    {
        using var host = Build(parse, context);
        if (host is null)
        {
            await context.Error.WriteLineAsync("alerts bot: Telegram:BotToken is not set");
            return AlertsCli.ExitBadConfiguration;
        }
        return await action(host.Services);
    }

    private static IHost? Build(ParseResult parse, CliContext context)
    {
        var configuration = CliServices.BuildConfiguration(parse);
        if (!CliDelivery.HasToken(configuration))
        {
            return null;
        }
        var builder = CliServices.CreateBuilder(configuration, context, parse.GetValue(CliOptions.Verbose));
        BotPolling.Add(builder.Services, configuration);
        return builder.Build();
    }
}
