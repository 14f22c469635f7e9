namespace Alerts.Telegram;

/// <summary>
/// Removes the bot token from text. Telegram.Bot and HttpClient put the request URL
/// (<c>/bot&lt;token&gt;/method</c>) into some exception messages; everything this adapter logs or
/// returns goes through here first.
/// </summary>
public sealed class TokenRedactor
{
    public const string Mask = "<redacted>";
    private readonly string[] _forms;

    public TokenRedactor(string token)
    {
        var forms = new List<string>();
        if (!string.IsNullOrEmpty(token))
        {
            forms.Add(token);
            forms.Add(Uri.EscapeDataString(token));
            var colon = token.IndexOf(':');
            if (colon >= 0 && colon + 1 < token.Length)
            {
                // The secret half alone is enough to use the bot.
                forms.Add(token[(colon + 1)..]);
            }
        }
        _forms = forms.Distinct().OrderByDescending(f => f.Length).ToArray();
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        foreach (var form in _forms)
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Type and message of an exception and its inner exceptions, redacted; no stack, no URL.</summary>
    public string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }
        return Redact(string.Join(" -> ", parts));
    }
}
