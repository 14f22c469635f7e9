using System.Security.Cryptography;
using System.Text;

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
}
