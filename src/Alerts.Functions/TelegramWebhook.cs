using System.Net;
using Alerts.Core.Messages;
using Alerts.Core.Ports;
using Alerts.Telegram;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Functions;

/// <summary>
/// POST /api/telegram/webhook → bot-updates: Telegram's webhook. Anonymous at the Functions level and guarded by the
/// secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c> (<c>Bot:WebhookSecret</c>, a Key Vault reference in
/// Azure): a call without it is refused with 401, a wrong one with 403, and nothing is read, queued or logged of it.
/// An accepted update is cut to what the conversation reads, queued, and answered 200 at once; <see cref="AnswerBotUpdate"/>
/// answers the user.
/// </summary>
public sealed class TelegramWebhook(IMessageQueue queue, IOptions<BotOptions> options, ILogger<TelegramWebhook> logger)
{
    public const string Route = "telegram/webhook";

    [Function(nameof(TelegramWebhook))]
    public async Task<HttpResponseData> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequestData request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var header = request.Headers.TryGetValues(BotWebhook.SecretHeader, out var values) ? values.FirstOrDefault() : null;
        var contentLength = request.Headers.TryGetValues("Content-Length", out var lengths) && long.TryParse(lengths.FirstOrDefault(), out var length) ? length : (long?)null;
        var call = await BotWebhook.ReadAsync(header, settings.WebhookSecret, contentLength, request.Body, settings.MaxUpdateBytes, cancellationToken);
        switch (call.Verdict)
        {
            case WebhookVerdict.Accepted:
                await queue.EnqueueAsync(QueueNames.BotUpdates, MessageJson.SerializeForQueue(call.Update!), null, cancellationToken);
                logger.LogInformation("Webhook: update {UpdateId} queued", call.Update!.UpdateId);
                break;
            case WebhookVerdict.Ignored:
                break;
            case WebhookVerdict.NoSecretConfigured:
                logger.LogError("Webhook call refused: Bot:WebhookSecret is not set to a valid secret, so no call can be checked");
                break;
            default:
                // Which check failed, never what the caller sent.
                logger.LogWarning("Webhook call refused: {Verdict}", call.Verdict);
                break;
        }
        return request.CreateResponse((HttpStatusCode)call.StatusCode);
    }
}
