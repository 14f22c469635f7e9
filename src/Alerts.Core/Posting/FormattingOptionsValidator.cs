using Alerts.Core.Formatting;
using Alerts.Core.Routing;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Posting;

/// <summary>Checks at start that every channel's template loads, renders and yields valid Telegram HTML.</summary>
public sealed class FormattingOptionsValidator(ChannelDirectory channels, ITreatyNames names) : IValidateOptions<FormattingOptions>
{
    public ValidateOptionsResult Validate(string? name, FormattingOptions options)
    {
        try
        {
            new AlertFormatter(new AlertTemplates(options.TemplatesDirectory), names).ValidateTemplates(channels.All);
            return ValidateOptionsResult.Success;
        }
        catch (AlertTemplateException ex)
        {
            return ValidateOptionsResult.Fail($"{FormattingOptions.Section}:TemplatesDirectory: {ex.Message}");
        }
    }
}
