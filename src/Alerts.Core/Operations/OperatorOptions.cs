namespace Alerts.Core.Operations;

/// <summary>Where operator notices and the daily health report go.</summary>
public sealed class OperatorOptions
{
    /// <summary>Telegram chat of the operator (<c>Telegram:OperatorChatId</c>); empty to only log.</summary>
    public string? ChatId { get; set; }
}
