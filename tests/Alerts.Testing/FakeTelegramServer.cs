using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Testing;

/// <summary>
/// A Telegram Bot API server on 127.0.0.1 (random port) speaking the real protocol:
/// <c>POST|GET /bot&lt;token&gt;/&lt;method&gt;</c> with JSON, form or query parameters, answering
/// <c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":..,"description":..,"parameters":..}</c>.
/// It implements sendMessage, editMessageText and getMe, validates HTML like Telegram, records every call,
/// injects faults (next calls or per chat) and can enforce the flood limits. The bot's side (users in private chats,
/// getUpdates, setWebhook) is in FakeTelegramBotSide.cs.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string DefaultToken = "7012345678:AAH-fake-token-for-tests-0123456789";
    public const int MaxTextLength = 4096;

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<FakeTelegramCall> _calls = [];
    private readonly Dictionary<string, List<FakeTelegramMessage>> _chats = [];
    private readonly Queue<FakeTelegramFault> _nextFaults = new();
    private readonly Dictionary<string, FakeTelegramFault> _chatFaults = [];
    private readonly List<(string Chat, DateTimeOffset At)> _sends = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;

    private FakeTelegramServer(WebApplication app, string token, TimeProvider time)
    {
        _app = app;
        Token = token;
        _time = time;
    }

    public string Token { get; }

    /// <summary>The base URL to give the client (<c>Telegram:ApiBaseUrl</c>), e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>When set, sends and edits beyond these limits are answered 429 with a retry_after.</summary>
    public FakeTelegramLimits? Limits { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<FakeTelegramCall> Calls
    {
        get { lock (_gate) { return _calls.ToList(); } }
    }

    /// <summary>Requests of one method (e.g. <c>sendMessage</c>).</summary>
    public IReadOnlyList<FakeTelegramCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>How many requests were answered 429.</summary>
    public int TooManyRequestsCount => Calls.Count(c => c.StatusCode == 429);

    /// <summary>The messages now visible in a chat, oldest first.</summary>
    public IReadOnlyList<FakeTelegramMessage> Messages(string chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var list) ? list.ToList() : [];
        }
    }

    /// <summary>All messages posted, in every chat.</summary>
    public int PostedCount
    {
        get { lock (_gate) { return _chats.Values.Sum(l => l.Count); } }
    }

    public static async Task<FakeTelegramServer> StartAsync(string token = DefaultToken, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeTelegramServer(app, token, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    /// <summary>The next <paramref name="times"/> calls (any chat) fail with <paramref name="fault"/>, after faults queued before.</summary>
    public void FailNext(FakeTelegramFault fault, int times = 1)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _nextFaults.Enqueue(fault);
            }
        }
    }

    /// <summary>Every call for this chat fails with <paramref name="fault"/> until <see cref="ClearFaults"/>.</summary>
    public void FailChat(string chatId, FakeTelegramFault fault)
    {
        lock (_gate)
        {
            _chatFaults[chatId] = fault;
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _nextFaults.Clear();
            _chatFaults.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].StartsWith("bot", StringComparison.Ordinal))
        {
            await WriteAsync(context, 404, Error(404, "Not Found"));
            return;
        }
        var method = parts[1];
        var args = await ReadArgumentsAsync(context.Request);
        var chatId = Str(args, "chat_id");
        var text = Str(args, "text");
        var parseMode = Str(args, "parse_mode");
        var messageId = Long(args, "message_id");
        var replyTo = ReplyTo(args);
        var sendWithoutReply = AllowSendingWithoutReply(args);
        var previewDisabled = PreviewDisabled(args);

        if (!string.Equals(parts[0][3..], Token, StringComparison.Ordinal))
        {
            await RecordAndWriteAsync(context, method, chatId, text, parseMode, messageId, replyTo, previewDisabled, 401, Error(401, "Unauthorized"));
            return;
        }

        if (await TryHandleBotMethodAsync(context, method, args))
        {
            return;
        }

        FakeTelegramFault? fault = null;
        lock (_gate)
        {
            // Injected faults hit posts and edits; getMe (the client's probe) answers unless the whole server hangs.
            fault = method == "getMe" ? null : _nextFaults.Count > 0 ? _nextFaults.Dequeue() : null;
            if (fault is null && method != "getMe" && chatId is not null && _chatFaults.TryGetValue(chatId, out var chatFault))
            {
                fault = chatFault;
            }
        }

        if (fault is FakeTelegramFault.Timeout timeout)
        {
            int status = 0;
            if (timeout.PostAnyway)
            {
                (status, _) = Execute(method, chatId, text, parseMode, messageId, replyTo, sendWithoutReply);
            }
            Record(method, chatId, text, parseMode, messageId, replyTo, previewDisabled, status, "timeout");
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                await Task.Delay(timeout.Delay, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await WriteAsync(context, 504, Error(504, "Gateway Timeout"));
            return;
        }

        if (fault is not null)
        {
            var (status, body) = FaultResponse(fault);
            await RecordAndWriteAsync(context, method, chatId, text, parseMode, messageId, replyTo, previewDisabled, status, body);
            return;
        }

        if (Limits is { } limits && method is "sendMessage" or "editMessageText" && chatId is not null)
        {
            var wait = ReserveSend(limits, chatId);
            if (wait > 0)
            {
                await RecordAndWriteAsync(context, method, chatId, text, parseMode, messageId, replyTo, previewDisabled, 429,
                    Error(429, $"Too Many Requests: retry after {wait}", new JsonObject { ["retry_after"] = wait }));
                return;
            }
        }

        var (code, response) = BeforeSend(method, chatId, args) ?? Execute(method, chatId, text, parseMode, messageId, replyTo, sendWithoutReply);
        await RecordAndWriteAsync(context, method, chatId, text, parseMode, messageId, replyTo, previewDisabled, code, response);
    }

    private (int Status, JsonObject Body) Execute(string method, string? chatId, string? text, string? parseMode, long? messageId, long? replyTo, bool sendWithoutReply)
    {
        switch (method)
        {
            case "getMe":
                return (200, Ok(new JsonObject { ["id"] = BotId(), ["is_bot"] = true, ["first_name"] = "Fake", ["username"] = "fake_alerts_bot" }));
            case "sendMessage":
            case "editMessageText":
                break;
            default:
                return (404, Error(404, "Not Found: method not found"));
        }
        if (string.IsNullOrEmpty(chatId))
        {
            return (400, Error(400, "Bad Request: chat not found"));
        }
        if (string.IsNullOrEmpty(text))
        {
            return (400, Error(400, "Bad Request: message text is empty"));
        }
        var plain = text;
        if (string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase))
        {
            if (!FakeTelegramHtml.TryParse(text, out plain, out var parseError))
            {
                return (400, Error(400, "Bad Request: can't parse entities: " + parseError));
            }
        }
        if (plain.Trim().Length == 0)
        {
            return (400, Error(400, "Bad Request: message text is empty"));
        }
        if (plain.Length > MaxTextLength)
        {
            return (400, Error(400, "Bad Request: message is too long"));
        }

        lock (_gate)
        {
            if (!_chats.TryGetValue(chatId, out var messages))
            {
                messages = [];
                _chats[chatId] = messages;
            }
            if (method == "sendMessage")
            {
                if (replyTo is { } target && messages.All(m => m.MessageId != target))
                {
                    if (!sendWithoutReply)
                    {
                        return (400, Error(400, "Bad Request: message to be replied not found"));
                    }
                    replyTo = null;
                }
                var id = messages.Count == 0 ? 1 : messages.Max(m => m.MessageId) + 1;
                messages.Add(new FakeTelegramMessage(chatId, id, text, plain, replyTo, 0));
                return (200, Ok(MessageJson(chatId, id, plain, null)));
            }

            var index = messages.FindIndex(m => m.MessageId == messageId);
            if (index < 0)
            {
                return (400, Error(400, "Bad Request: message to edit not found"));
            }
            var current = messages[index];
            if (current.Html == text)
            {
                return (400, Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
            }
            messages[index] = current with { Html = text, PlainText = plain, EditCount = current.EditCount + 1 };
            return (200, Ok(MessageJson(chatId, current.MessageId, plain, _time.GetUtcNow().ToUnixTimeSeconds())));
        }
    }

    /// <summary>Counts a send against the limits; returns 0 when allowed, else the seconds to wait.</summary>
    private int ReserveSend(FakeTelegramLimits limits, string chatId)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _sends.RemoveAll(s => now - s.At > TimeSpan.FromMinutes(1));
            var second = TimeSpan.FromSeconds(1) - limits.Tolerance;
            var minute = TimeSpan.FromMinutes(1) - limits.Tolerance;
            var chatSecond = _sends.Where(s => s.Chat == chatId && now - s.At < second).ToList();
            var chatMinute = _sends.Where(s => s.Chat == chatId && now - s.At < minute).ToList();
            var global = _sends.Where(s => now - s.At < second).ToList();
            double wait = 0;
            if (chatSecond.Count >= limits.PerChatPerSecond)
            {
                wait = Math.Max(wait, (chatSecond[0].At + second - now).TotalSeconds);
            }
            if (chatMinute.Count >= limits.PerChatPerMinute)
            {
                wait = Math.Max(wait, (chatMinute[0].At + minute - now).TotalSeconds);
            }
            if (global.Count >= limits.GlobalPerSecond)
            {
                wait = Math.Max(wait, (global[0].At + second - now).TotalSeconds);
            }
            if (wait > 0)
            {
                return Math.Max(1, (int)Math.Ceiling(wait));
            }
            _sends.Add((chatId, now));
            return 0;
        }
    }

    private (int Status, JsonObject Body) FaultResponse(FakeTelegramFault fault) => fault switch
    {
        FakeTelegramFault.TooManyRequests t => (429, Error(429, $"Too Many Requests: retry after {t.RetryAfterSeconds}", new JsonObject { ["retry_after"] = t.RetryAfterSeconds })),
        FakeTelegramFault.ServerError s => (s.StatusCode, Error(s.StatusCode, s.StatusCode == 502 ? "Bad Gateway" : "Internal Server Error")),
        FakeTelegramFault.Kicked => (403, Error(403, "Forbidden: bot was kicked from the channel chat")),
        FakeTelegramFault.Migrated m => (400, Error(400, "Bad Request: group chat was upgraded to a supergroup chat", new JsonObject { ["migrate_to_chat_id"] = m.NewChatId })),
        FakeTelegramFault.BadEntities b => (400, Error(400, "Bad Request: can't parse entities: " + b.Detail)),
        _ => (500, Error(500, "Internal Server Error")),
    };

    private async Task RecordAndWriteAsync(HttpContext context, string method, string? chatId, string? text, string? parseMode, long? messageId, long? replyTo, bool? previewDisabled, int status, JsonObject body)
    {
        Record(method, chatId, text, parseMode, messageId, replyTo, previewDisabled, status, body["description"]?.GetValue<string>());
        await WriteAsync(context, status, body);
    }

    private void Record(string method, string? chatId, string? text, string? parseMode, long? messageId, long? replyTo, bool? previewDisabled, int status, string? description)
    {
        lock (_gate)
        {
            _calls.Add(new FakeTelegramCall(method, chatId, text, parseMode, messageId, replyTo, previewDisabled, status, description, _time.GetUtcNow()));
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private JsonObject MessageJson(string chatId, long messageId, string plainText, long? editDate)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["sender_chat"] = Chat(chatId),
            ["chat"] = Chat(chatId),
            ["date"] = _time.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = plainText,
        };
        if (editDate is { } date)
        {
            message["edit_date"] = date;
        }
        return message;
    }

    private static JsonObject Chat(string chatId) => IsPrivate(chatId) ? PrivateChat(long.Parse(chatId, CultureInfo.InvariantCulture)) : new()
    {
        ["id"] = NumericChatId(chatId),
        ["type"] = "channel",
        ["title"] = "Fake channel " + chatId,
    };

    /// <summary>Telegram answers with numeric ids even when addressed by <c>@username</c>.</summary>
    public static long NumericChatId(string chatId) =>
        long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : -1_000_000_000_000 - Math.Abs((long)StringComparer.Ordinal.GetHashCode(chatId) % 1_000_000_000);

    private long BotId() => long.Parse(Token[..Token.IndexOf(':')], CultureInfo.InvariantCulture);

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static JsonObject Error(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }
        return body;
    }

    private static async Task<Dictionary<string, JsonNode?>> ReadArgumentsAsync(HttpRequest request)
    {
        var args = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            args[key] = JsonValue.Create(value.ToString());
        }
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                args[key] = JsonValue.Create(value.ToString());
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync();
            if (json.Length > 0 && JsonNode.Parse(json) is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    args[key] = value?.DeepClone();
                }
            }
        }
        return args;
    }

    private static string? Str(Dictionary<string, JsonNode?> args, string key) =>
        args.TryGetValue(key, out var node) && node is JsonValue value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;

    private static long? Long(Dictionary<string, JsonNode?> args, string key) =>
        long.TryParse(Str(args, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Form posts carry nested objects as JSON strings; JSON posts carry them as objects.</summary>
    private static JsonObject? Obj(Dictionary<string, JsonNode?> args, string key) => args.TryGetValue(key, out var node) ? node switch
    {
        JsonObject o => o,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonNode.Parse(v.GetValue<string>()) as JsonObject,
        _ => null,
    } : null;

    private static long? ReplyTo(Dictionary<string, JsonNode?> args)
    {
        if (Obj(args, "reply_parameters") is { } reply && reply["message_id"] is JsonValue id)
        {
            return id.GetValueKind() == JsonValueKind.Number ? id.GetValue<long>() : long.Parse(id.GetValue<string>(), CultureInfo.InvariantCulture);
        }
        return Long(args, "reply_to_message_id");
    }

    private static bool AllowSendingWithoutReply(Dictionary<string, JsonNode?> args) =>
        (Obj(args, "reply_parameters")?["allow_sending_without_reply"] is JsonValue v && v.GetValueKind() == JsonValueKind.True)
        || Str(args, "allow_sending_without_reply") == "true";

    private static bool? PreviewDisabled(Dictionary<string, JsonNode?> args)
    {
        if (Obj(args, "link_preview_options") is { } options)
        {
            return options["is_disabled"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        }
        var legacy = Str(args, "disable_web_page_preview");
        return legacy is null ? null : legacy == "true";
    }
}
