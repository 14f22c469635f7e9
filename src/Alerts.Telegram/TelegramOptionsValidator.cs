using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Alerts.Telegram;

/// <summary>
/// Fails at start on a token that cannot work. Messages name the setting and never echo its value:
/// a half-resolved Key Vault reference or a mistyped token is still a secret.
/// </summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        var token = options.BotToken?.Trim() ?? "";
        if (token.Length == 0)
        {
            failures.Add($"{TelegramOptions.Section}:BotToken is required for Telegram delivery (without it, run the dry run instead).");
        }
        else if (token.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{TelegramOptions.Section}:BotToken is an unresolved Key Vault reference: check the app's managed identity and its access to the vault.");
        }
        else if (!TokenShape().IsMatch(token))
        {
            failures.Add($"{TelegramOptions.Section}:BotToken is not a bot token (expected '<digits>:<secret>' as issued by @BotFather).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{TelegramOptions.Section}:ApiBaseUrl must be an absolute http(s) URL, e.g. {TelegramOptions.DefaultApiBaseUrl}.");
        }
        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{TelegramOptions.Section}:TimeoutSeconds must be between 1 and 300.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{10,}$")]
    private static partial Regex TokenShape();
}
