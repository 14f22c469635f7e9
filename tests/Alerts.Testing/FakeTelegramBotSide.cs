using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Alerts.Testing;

/// <summary>
/// The bot's side of the fake: users writing to the bot in private chats (<see cref="UserSays"/>, <see cref="UserPresses"/>),
/// delivered by <c>getUpdates</c> (offset confirms, <c>timeout</c> long-polls; refused with 409 while a webhook is set);
/// <c>setWebhook</c> (URL and secret recorded), <c>getWebhookInfo</c>, <c>deleteWebhook</c>, <c>answerCallbackQuery</c>,
/// and users who block the bot (403 on sends to them).
/// </summary>
public sealed partial class FakeTelegramServer
{
    private readonly List<JsonObject> _updates = [];
    private readonly Dictionary<long, JsonObject> _sentUpdates = [];
    private readonly HashSet<string> _blocked = [];
    private readonly Dictionary<string, JsonNode?> _keyboards = [];
    private long _nextUpdateId = 700_000_000;
    private TaskCompletionSource _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The URL given to setWebhook, or null.</summary>
    public string? WebhookUrl { get; private set; }

    /// <summary>The secret_token given to setWebhook, or null.</summary>
    public string? WebhookSecret { get; private set; }

    /// <summary>Updates not yet confirmed by a getUpdates offset.</summary>
    public int PendingUpdates
    {
        get { lock (_gate) { return _updates.Count; } }
    }

    /// <summary>The user writes <paramref name="text"/> to the bot in their private chat (chat id = user id). Returns the update id.</summary>
    public long UserSays(long userId, string text, string languageCode = "en")
    {
        var message = new JsonObject
        {
            ["message_id"] = NextMessageId(userId.ToString(CultureInfo.InvariantCulture)),
            ["from"] = User(userId, languageCode),
            ["chat"] = PrivateChat(userId),
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and >= 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }
        return AddUpdate("message", message);
    }

    /// <summary>The user presses an inline keyboard button whose callback data is <paramref name="data"/>. Returns the update id.</summary>
    public long UserPresses(long userId, string data, string languageCode = "en")
    {
        var query = new JsonObject
        {
            ["id"] = "cb" + Interlocked.Increment(ref _nextUpdateId).ToString(CultureInfo.InvariantCulture),
            ["from"] = User(userId, languageCode),
            ["chat_instance"] = "ci" + userId.ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        return AddUpdate("callback_query", query);
    }

    /// <summary>Offers an update already confirmed once more, with the same update_id (Telegram redelivering it).</summary>
    public void Redeliver(long updateId)
    {
        lock (_gate)
        {
            _updates.Add((JsonObject)_sentUpdates[updateId].DeepClone());
            _updateArrived.TrySetResult();
        }
    }

    /// <summary>
    /// The JSON Telegram would POST to the webhook for an update made with <see cref="UserSays"/> or <see cref="UserPresses"/>
    /// (the webhook's body; the same update_id every time it is asked for, as in a retried webhook call).
    /// </summary>
    public string UpdateJson(long updateId)
    {
        lock (_gate)
        {
            return _sentUpdates[updateId].ToJsonString();
        }
    }

    /// <summary>The user blocks the bot: every later send to their chat is answered 403.</summary>
    public void BlockBot(long userId)
    {
        lock (_gate)
        {
            _blocked.Add(userId.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The inline keyboard of the last message sent to a chat with one (its JSON), or null.</summary>
    public JsonNode? LastKeyboard(string chatId)
    {
        lock (_gate)
        {
            return _keyboards.GetValueOrDefault(chatId)?.DeepClone();
        }
    }

    /// <summary>The texts (as users see them) sent to a private chat, oldest first.</summary>
    public IReadOnlyList<string> TextsTo(long userId) => Messages(userId.ToString(CultureInfo.InvariantCulture)).Select(m => m.PlainText).ToList();

    private long AddUpdate(string kind, JsonObject payload)
    {
        lock (_gate)
        {
            var id = ++_nextUpdateId;
            var update = new JsonObject { ["update_id"] = id, [kind] = payload };
            _updates.Add(update);
            _sentUpdates[id] = update;
            _updateArrived.TrySetResult();
            return id;
        }
    }

    private long NextMessageId(string chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var list) && list.Count > 0 ? list.Max(m => m.MessageId) + 1 : 1;
        }
    }

    private static JsonObject User(long userId, string languageCode) => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = "User " + userId.ToString(CultureInfo.InvariantCulture),
        ["language_code"] = languageCode,
    };

    private static JsonObject PrivateChat(long userId) => new()
    {
        ["id"] = userId,
        ["type"] = "private",
        ["first_name"] = "User " + userId.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The bot-side methods; false for every other method (handled by the posting side).</summary>
    private async Task<bool> TryHandleBotMethodAsync(HttpContext context, string method, Dictionary<string, JsonNode?> args)
    {
        switch (method)
        {
            case "getUpdates":
                await GetUpdatesAsync(context, args);
                return true;
            case "setWebhook":
                var url = Str(args, "url") ?? "";
                lock (_gate)
                {
                    WebhookUrl = url.Length == 0 ? null : url;
                    WebhookSecret = Str(args, "secret_token");
                    if (Str(args, "drop_pending_updates") == "true")
                    {
                        _updates.Clear();
                    }
                }
                await RecordAndWriteAsync(context, method, null, url, null, null, null, null, 200, Ok(JsonValue.Create(true)));
                return true;
            case "deleteWebhook":
                lock (_gate)
                {
                    WebhookUrl = null;
                    WebhookSecret = null;
                }
                await RecordAndWriteAsync(context, method, null, null, null, null, null, null, 200, Ok(JsonValue.Create(true)));
                return true;
            case "getWebhookInfo":
                var info = new JsonObject { ["url"] = WebhookUrl ?? "", ["has_custom_certificate"] = false, ["pending_update_count"] = PendingUpdates };
                await RecordAndWriteAsync(context, method, null, null, null, null, null, null, 200, Ok(info));
                return true;
            case "answerCallbackQuery":
                await RecordAndWriteAsync(context, method, null, Str(args, "text"), null, null, null, null, 200, Ok(JsonValue.Create(true)));
                return true;
            default:
                return false;
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, Dictionary<string, JsonNode?> args)
    {
        if (WebhookUrl is not null)
        {
            await RecordAndWriteAsync(context, "getUpdates", null, null, null, null, null, null, 409,
                Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
            return;
        }
        var offset = Long(args, "offset");
        var limit = (int)Math.Clamp(Long(args, "limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(Long(args, "timeout") ?? 0, 0, 50));
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            JsonArray batch;
            Task arrived;
            lock (_gate)
            {
                if (offset is { } confirmed)
                {
                    _updates.RemoveAll(u => u["update_id"]!.GetValue<long>() < confirmed);
                }
                batch = new JsonArray(_updates.OrderBy(u => u["update_id"]!.GetValue<long>()).Take(limit).Select(u => (JsonNode)u.DeepClone()).ToArray());
                if (_updateArrived.Task.IsCompleted)
                {
                    _updateArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                arrived = _updateArrived.Task;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (batch.Count > 0 || left <= TimeSpan.Zero)
            {
                await RecordAndWriteAsync(context, "getUpdates", null, null, null, offset, null, null, 200, Ok(batch));
                return;
            }
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                await arrived.WaitAsync(left, linked.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A send to a user who blocked the bot, or the keyboard of a send, noted before the send is executed.</summary>
    private (int Status, JsonObject Body)? BeforeSend(string method, string? chatId, Dictionary<string, JsonNode?> args)
    {
        if (method != "sendMessage" || chatId is null)
        {
            return null;
        }
        lock (_gate)
        {
            if (_blocked.Contains(chatId))
            {
                return (403, Error(403, "Forbidden: bot was blocked by the user"));
            }
            if (args.TryGetValue("reply_markup", out var markup) && markup is not null)
            {
                _keyboards[chatId] = markup is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(v.GetValue<string>()) : markup.DeepClone();
            }
        }
        return null;
    }

    private static bool IsPrivate(string chatId) =>
        long.TryParse(chatId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
}
