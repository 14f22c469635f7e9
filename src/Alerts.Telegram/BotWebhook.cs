using System.Security.Cryptography;
using System.Text;
using Alerts.Core.Messages;

namespace Alerts.Telegram;

/// <summary>The webhook's guard: Telegram sends the secret given to setWebhook in <c>X-Telegram-Bot-Api-Secret-Token</c>.</summary>
public static class BotWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Telegram's rule for secret_token (1-256 of A-Z, a-z, 0-9, _ and -), with at least 16 characters required here.</summary>
    public static bool IsValidSecret(string secret) =>
        secret.Length is >= 16 and <= 256 && secret.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    /// <summary>Whether the header carries the configured secret, compared in constant time; false when either is missing.</summary>
    public static bool Accepts(string? header, string? secret)
    {
        if (string.IsNullOrEmpty(header) || string.IsNullOrEmpty(secret))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>
    /// Reads one webhook call: the secret header first (nothing of the body is read for a caller without it), then the
    /// body within <paramref name="maxBytes"/> (by its Content-Length when given, and while reading), then the update.
    /// The result says what to answer and, for a text message or a button press, the update to queue.
    /// </summary>
    public static async Task<WebhookCall> ReadAsync(string? header, string? secret, long? contentLength, Stream body, int maxBytes, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !IsValidSecret(secret))
        {
            return new WebhookCall(WebhookVerdict.NoSecretConfigured);
        }
        if (string.IsNullOrEmpty(header))
        {
            return new WebhookCall(WebhookVerdict.MissingSecret);
        }
        if (!Accepts(header, secret))
        {
            return new WebhookCall(WebhookVerdict.WrongSecret);
        }
        if (contentLength > maxBytes)
        {
            return new WebhookCall(WebhookVerdict.TooLarge);
        }
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        if (length > maxBytes)
        {
            return new WebhookCall(WebhookVerdict.TooLarge);
        }
        string json;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return new WebhookCall(WebhookVerdict.NotAnUpdate);
        }
        if (TelegramBot.ReadUpdate(json) is not { } update)
        {
            return new WebhookCall(WebhookVerdict.NotAnUpdate);
        }
        return TelegramBot.ToBotUpdate(update) is { } message
            ? new WebhookCall(WebhookVerdict.Accepted, message)
            : new WebhookCall(WebhookVerdict.Ignored);
    }
}

/// <summary>What a webhook call was.</summary>
public enum WebhookVerdict
{
    /// <summary>A text message or a button press: queued, 200.</summary>
    Accepted,
    /// <summary>Another kind of update (an edit, a member change): nothing to answer, 200 so Telegram does not retry.</summary>
    Ignored,
    /// <summary>No <see cref="BotWebhook.SecretHeader"/>: 401.</summary>
    MissingSecret,
    /// <summary>The header does not carry the configured secret: 403.</summary>
    WrongSecret,
    /// <summary>Over <c>Bot:MaxUpdateBytes</c>: 413.</summary>
    TooLarge,
    /// <summary>Not an update (not UTF-8 JSON of Telegram's Update): 400.</summary>
    NotAnUpdate,
    /// <summary><c>Bot:WebhookSecret</c> is not set (or not a valid secret): every call is refused, 503.</summary>
    NoSecretConfigured,
}

/// <summary>One webhook call read: the verdict and, when accepted, the update to queue.</summary>
public sealed record WebhookCall(WebhookVerdict Verdict, BotUpdate? Update = null)
{
    public int StatusCode => Verdict switch
    {
        WebhookVerdict.Accepted or WebhookVerdict.Ignored => 200,
        WebhookVerdict.MissingSecret => 401,
        WebhookVerdict.WrongSecret => 403,
        WebhookVerdict.TooLarge => 413,
        WebhookVerdict.NotAnUpdate => 400,
        _ => 503,
    };
}
