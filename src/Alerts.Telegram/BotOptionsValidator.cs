using Microsoft.Extensions.Options;

namespace Alerts.Telegram;

/// <summary>The data-annotation checks of <see cref="BotOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class BotOptionsValidator : IValidateOptions<BotOptions>;
