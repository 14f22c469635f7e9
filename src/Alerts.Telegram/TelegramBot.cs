using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Messages;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Alerts.Telegram;

/// <summary>Configuration section <c>Bot</c>: how the bot receives what users write.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>How long one getUpdates call waits for an update (long polling, <c>alerts run</c> without a webhook).</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>The HTTPS URL Telegram posts updates to (the Functions webhook); empty for long polling.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c> with every webhook call (1-256 of A-Z, a-z,
    /// 0-9, _ and -). A secret: a Key Vault reference in Azure, never logged.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Largest webhook body read; Telegram's updates are a few KiB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxUpdateBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// The bot's Telegram side with Telegram.Bot: reads updates (getUpdates long polling, or one webhook body), hands each
/// private-chat text or button press to <see cref="BotConversation"/> and sends its answers (HTML, inline keyboards);
/// registers or removes the webhook. Answers are sent once per update (the conversation claims each update_id).
/// </summary>
public sealed class TelegramBot
{
    public const string HttpClientName = "telegram-bot";

    /// <summary>
    /// Telegram.Bot's options (names, converters) with the contracts its package generates (<see cref="JsonBotSerializerContext"/>)
    /// instead of reflection, so the native CLI reads updates too.
    /// </summary>
    private static readonly JsonTypeInfo<Update> UpdateJson = (JsonTypeInfo<Update>)new JsonSerializerOptions(JsonBotAPI.Options)
    {
        TypeInfoResolver = JsonBotSerializerContext.Default,
    }.GetTypeInfo(typeof(Update));

    private readonly TelegramBotClient _client;
    private readonly BotConversation _conversation;
    private readonly BotOptions _options;
    private readonly TokenRedactor _redactor;
    private readonly ILogger<TelegramBot> _logger;
    private int? _offset;

    public TelegramBot(HttpClient httpClient, IOptions<TelegramOptions> telegram, IOptions<BotOptions> options, BotConversation conversation, ILogger<TelegramBot> logger)
    {
        var settings = telegram.Value;
        _options = options.Value;
        _conversation = conversation;
        _logger = logger;
        _redactor = new TokenRedactor(settings.BotToken);
        _client = new TelegramBotClient(new TelegramBotClientOptions(settings.BotToken.Trim(), settings.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0, RetryCount = 1 }, httpClient);
    }

    /// <summary>Reads one webhook body as an update (Telegram's JSON); null when it is not one.</summary>
    public static Update? ReadUpdate(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, UpdateJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The webhook URL Telegram has for this bot; empty when none is set.</summary>
    public async Task<string> WebhookUrlAsync(CancellationToken cancellationToken = default) =>
        (await _client.GetWebhookInfo(cancellationToken)).Url ?? "";

    /// <summary>Registers <paramref name="url"/> as the webhook, with the secret Telegram will send back in every call.</summary>
    public Task SetWebhookAsync(string url, string secret, CancellationToken cancellationToken = default) =>
        _client.SetWebhook(url, allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery], secretToken: secret, cancellationToken: cancellationToken);

    public Task DeleteWebhookAsync(CancellationToken cancellationToken = default) => _client.DeleteWebhook(cancellationToken: cancellationToken);

    /// <summary>One getUpdates call (waiting up to <paramref name="timeoutSeconds"/>), every update handled; returns how many came.</summary>
    public async Task<int> PollOnceAsync(int timeoutSeconds, CancellationToken cancellationToken = default)
    {
        var updates = await _client.GetUpdates(_offset, 100, timeoutSeconds, [UpdateType.Message, UpdateType.CallbackQuery], cancellationToken);
        foreach (var update in updates)
        {
            await HandleAsync(update, cancellationToken);
            // Confirmed with the next call's offset; a crash before it brings the update back, and its claim stops a second answer.
            _offset = update.Id + 1;
        }
        return updates.Length;
    }

    /// <summary>Handles every update waiting now (no long poll), then confirms them: for <c>alerts run --once</c>.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int count;
        while ((count = await PollOnceAsync(0, cancellationToken)) > 0)
        {
            total += count;
        }
        return total;
    }

    /// <summary>Long-polls until cancelled; a failed call waits a little and tries again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(_options.PollTimeoutSeconds, cancellationToken);
                failures = 0;
            }
            catch (Exception ex) when (ex is ApiRequestException or HttpRequestException or RequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failures++;
                _logger.LogWarning("getUpdates failed ({Failures} in a row): {Error}", failures, _redactor.Redact(ex.Message));
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, 2 * failures)), cancellationToken);
            }
        }
    }

    /// <summary>Answers one update: a text message or a button press in a private chat; anything else is ignored.</summary>
    public Task<int> HandleAsync(Update update, CancellationToken cancellationToken = default) =>
        ToBotUpdate(update) is { } message ? HandleAsync(message, cancellationToken) : Task.FromResult(0);

    /// <summary>
    /// What the conversation needs of an update (a text message, or a button press with its callback query id), or null
    /// for any other kind of update. Nothing else of the update (names, usernames) is kept, so the queue carries no more.
    /// </summary>
    public static BotUpdate? ToBotUpdate(Update update) => update switch
    {
        { Message: { Text: { } text, Chat: { } chat } m } => new BotUpdate(update.Id, chat.Id, ChatTypeName(chat.Type), m.From?.LanguageCode, Shorten(text)),
        { CallbackQuery: { Data: { } data, From: { } from } query } => new BotUpdate(update.Id, from.Id, "private", from.LanguageCode, Shorten(data), query.Id),
        _ => null,
    };

    /// <summary>Answers one update as the webhook queued it (or as getUpdates read it): acknowledges a button press, then sends the conversation's replies.</summary>
    public async Task<int> HandleAsync(BotUpdate update, CancellationToken cancellationToken = default)
    {
        if (update.CallbackQueryId is { } queryId)
        {
            await TryAsync(() => _client.AnswerCallbackQuery(queryId, cancellationToken: cancellationToken), "answerCallbackQuery");
        }
        var replies = await _conversation.HandleAsync(new BotMessage(update.UpdateId, update.ChatId, update.ChatType, update.LanguageCode, update.Text), cancellationToken);
        foreach (var reply in replies)
        {
            var keyboard = reply.Buttons is { Count: > 0 } buttons
                ? new InlineKeyboardMarkup(buttons.Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, b.Command) }))
                : null;
            await TryAsync(() => _client.SendMessage(reply.ChatId, reply.Html, ParseMode.Html, replyMarkup: keyboard,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken), "sendMessage");
        }
        return replies.Count;
    }

    /// <summary>Telegram's longest message text; anything longer is not a command the conversation reads anyway.</summary>
    private static string Shorten(string text) => text.Length <= 4096 ? text : text[..4096];

    private async Task TryAsync(Func<Task> call, string method)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is ApiRequestException or RequestException)
        {
            // An answer that cannot be sent (the user blocked the bot meanwhile) is not retried: the update is handled.
            _logger.LogWarning("{Method} to a user failed: {Error}", method, _redactor.Redact(ex.Message));
        }
    }

    private static string ChatTypeName(ChatType type) => type switch
    {
        ChatType.Private => "private",
        ChatType.Group => "group",
        ChatType.Supergroup => "supergroup",
        ChatType.Channel => "channel",
        _ => "other",
    };
}
