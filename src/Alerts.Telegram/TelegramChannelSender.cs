using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Alerts.Core.Posting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Alerts.Telegram;

/// <summary>
/// Posts and edits HTML messages through the Bot API with Telegram.Bot and maps every answer to a
/// <see cref="SendOutcome"/>; it never retries by itself.
/// <para>
/// Telegram.Bot's own 429 retry is switched off (<c>RetryThreshold = 0</c>): a sleeping client
/// would hold a queue message invisibly and hide the wait from the rate limiter. The delivery stage
/// decides instead: a short <c>retry_after</c> is waited in process, a long one goes back to the
/// queue with a visibility delay.
/// </para>
/// </summary>
public sealed class TelegramChannelSender : IChannelSender
{
    public const string HttpClientName = "telegram";

    private readonly TelegramBotClient _client;
    private readonly TokenRedactor _redactor;
    private readonly ILogger<TelegramChannelSender> _logger;
    private readonly TimeSpan _probeTimeout;

    public TelegramChannelSender(HttpClient httpClient, IOptions<TelegramOptions> options, ILogger<TelegramChannelSender> logger)
    {
        var settings = options.Value;
        _redactor = new TokenRedactor(settings.BotToken);
        _logger = logger;
        _probeTimeout = TimeSpan.FromSeconds(settings.ProbeTimeoutSeconds);
        var clientOptions = new TelegramBotClientOptions(settings.BotToken.Trim(), settings.ApiBaseUrl.TrimEnd('/'))
        {
            RetryThreshold = 0,
            RetryCount = 1,
        };
        _client = new TelegramBotClient(clientOptions, httpClient);
    }

    public async Task<SendOutcome> SendAsync(OutgoingPost post, CancellationToken cancellationToken = default)
    {
        var written = RequestWriteProbe.Observe();
        try
        {
            var message = await _client.SendMessage(
                chatId: ToChatId(post.ChatId),
                text: post.Html,
                parseMode: ParseMode.Html,
                replyParameters: post.ReplyToMessageId is { } replyTo
                    ? new ReplyParameters { MessageId = checked((int)replyTo), AllowSendingWithoutReply = true }
                    : null,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = post.DisableLinkPreview },
                cancellationToken: cancellationToken);
            return SendOutcome.Sent(message.MessageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Map(ex, written, "sendMessage", post.ChatId, editedMessageId: null);
        }
    }

    public async Task<SendOutcome> EditAsync(OutgoingPost post, long messageId, CancellationToken cancellationToken = default)
    {
        var written = RequestWriteProbe.Observe();
        try
        {
            var message = await _client.EditMessageText(
                chatId: ToChatId(post.ChatId),
                messageId: checked((int)messageId),
                text: post.Html,
                parseMode: ParseMode.Html,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = post.DisableLinkPreview },
                cancellationToken: cancellationToken);
            return SendOutcome.Sent(message.MessageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Map(ex, written, "editMessageText", post.ChatId, messageId);
        }
    }

    /// <summary>getMe within <see cref="TelegramOptions.ProbeTimeoutSeconds"/>: true when Telegram answers at all.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_probeTimeout);
        try
        {
            await _client.GetMe(timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Telegram getMe probe failed: {Error}", _redactor.Describe(ex));
            return false;
        }
    }

    private SendOutcome Map(Exception exception, WriteObservation written, string method, string chatId, long? editedMessageId)
    {
        var outcome = Classify(exception, written, editedMessageId);
        // The exception object itself is never logged: its ToString carries inner messages that may hold the URL.
        _logger.LogWarning("Telegram {Method} to chat {ChatId}: {Status} ({Error})", method, chatId, outcome.Status, outcome.Error);
        return outcome;
    }

    private SendOutcome Classify(Exception exception, WriteObservation written, long? editedMessageId)
    {
        var error = _redactor.Describe(exception);
        if (exception is ApiRequestException api)
        {
            var description = _redactor.Redact(api.Message);
            switch (api.ErrorCode)
            {
                case 429:
                    return new SendOutcome(SendStatus.RetryLater, RetryAfter: TimeSpan.FromSeconds(Math.Max(1, api.Parameters?.RetryAfter ?? 1)), Error: description);
                case 403:
                    return new SendOutcome(SendStatus.ChannelGone, Error: description);
                case >= 500:
                    // No retry_after: the caller picks a backoff.
                    return new SendOutcome(SendStatus.RetryLater, Error: description);
            }
            if (api.Parameters?.MigrateToChatId is { } newChat)
            {
                return new SendOutcome(SendStatus.ChatMigrated, MigratedToChatId: newChat.ToString(CultureInfo.InvariantCulture), Error: description);
            }
            if (Contains(description, "can't parse entities"))
            {
                return new SendOutcome(SendStatus.BadMarkup, Error: description);
            }
            if (editedMessageId is { } edited && Contains(description, "message is not modified"))
            {
                // The message already shows this text: the edit we wanted is in place.
                return SendOutcome.Sent(edited);
            }
            if (Contains(description, "chat not found") || Contains(description, "not enough rights") || Contains(description, "need administrator rights"))
            {
                return new SendOutcome(SendStatus.ChannelGone, Error: description);
            }
            return new SendOutcome(SendStatus.Failed, Error: description);
        }

        if (exception is RequestException { HttpStatusCode: { } status } && (int)status >= 500)
        {
            return new SendOutcome(SendStatus.RetryLater, Error: error);
        }
        if (NeverSent(exception, written))
        {
            // Telegram never saw the request, so sending again cannot duplicate.
            return new SendOutcome(SendStatus.NotSent, Error: error);
        }
        if (exception is RequestException or HttpRequestException or OperationCanceledException or TimeoutException or IOException)
        {
            return new SendOutcome(SendStatus.Unknown, Error: error);
        }
        return new SendOutcome(SendStatus.Failed, Error: error);
    }

    /// <summary>
    /// True when the request cannot have reached Telegram:
    /// <list type="bullet">
    /// <item>its body never began to be written (<see cref="RequestWriteProbe"/>): connect refused or timed out
    /// (<c>SocketsHttpHandler.ConnectTimeout</c>), the call timed out waiting for a connection;</item>
    /// <item>the connection failed while being set up (<see cref="HttpRequestError.ConnectionError"/>,
    /// <see cref="HttpRequestError.NameResolutionError"/>; a <see cref="SocketError.ConnectionRefused"/>);</item>
    /// <item>the server reset the connection (<see cref="SocketError.ConnectionReset"/>) before any answer: TCP resets a
    /// connection closed with unread data, so the server never read the whole request; or writing the request failed
    /// because the server had closed it already (broken pipe, <see cref="SocketError.Shutdown"/>): the request is incomplete.</item>
    /// <item>the server ended the connection before the first byte of an answer (<see cref="HttpRequestError.ResponseEnded"/>):
    /// what a server does to a keep-alive connection it is closing, or a reset seen as the end of the stream. The Bot
    /// API answers every request it took, so no answer at all means it did not take this one.</item>
    /// </list>
    /// Anything else after the request was written (the HttpClient timeout) may have been posted: unknown.
    /// </summary>
    internal static bool NeverSent(Exception exception, WriteObservation written)
    {
        if (written.Observed && !written.WriteStarted)
        {
            return true;
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded }:
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.Shutdown or SocketError.HostNotFound }:
                    return true;
            }
        }
        return false;
    }

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static ChatId ToChatId(string chatId) =>
        long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(chatId);
}
