using System.ComponentModel.DataAnnotations;

namespace Alerts.Telegram;

/// <summary>Configuration section <c>Telegram</c> (app settings <c>Telegram__BotToken</c>, <c>Telegram__ApiBaseUrl</c>, ...).</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The bot token from @BotFather. A secret: never logged, never put into exception messages.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Bot API base URL; a self-hosted Bot API server or a test fake replaces the public one here.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one Bot API call may take before its outcome is treated as unknown.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long opening a connection to the Bot API may take; a connect that times out sent nothing and is retried.</summary>
    [Range(1, 300)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>How long the getMe probe (asked after Telegram was unreachable, before the next real send) may take.</summary>
    [Range(1, 300)]
    public int ProbeTimeoutSeconds { get; set; } = 5;
}
