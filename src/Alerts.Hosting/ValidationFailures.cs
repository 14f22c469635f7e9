using System.Text.RegularExpressions;
using Alerts.Core.Routing;
using Alerts.Core.Sources;
using Microsoft.Extensions.Options;

namespace Alerts.Hosting;

/// <summary>
/// Reads the failures of the compile-time generated validators (<see cref="OptionsValidatorAttribute"/>), which work in
/// the native build where the reflection-based data-annotation check does not. They write <c>Member: message</c> and
/// name the member <c>Type.Member</c> in the attributes' default messages; users see the key and the member alone, as
/// the reflection-based check wrote it (<c>Delivery:PerChatPerSecond: The field PerChatPerSecond must be ...</c>).
/// </summary>
internal static partial class ValidationFailures
{
    /// <summary>The member and the message of one failure; false for a failure that names no member.</summary>
    public static bool TrySplit(string failure, string typeName, out string member, out string message)
    {
        var match = MemberFailure().Match(failure);
        if (!match.Success)
        {
            member = "";
            message = failure;
            return false;
        }
        member = match.Groups["member"].Value;
        message = match.Groups["message"].Value.Replace($"{typeName}.{member}", member, StringComparison.Ordinal);
        return true;
    }

    /// <summary>Each failure of <paramref name="validator"/> on <paramref name="value"/> as <c>path:Member: message</c>.</summary>
    public static IEnumerable<string> Keyed<T>(IValidateOptions<T> validator, T value, string path) where T : class
    {
        var result = validator.Validate(Options.DefaultName, value);
        if (!result.Failed)
        {
            yield break;
        }
        foreach (var failure in result.Failures ?? [])
        {
            yield return TrySplit(failure, typeof(T).Name, out var member, out var message) ? $"{path}:{member}: {message}" : $"{path}: {message}";
        }
    }

    // ValidateOptionsResultBuilder joins a result's members with ", " before ": " and the message.
    [GeneratedRegex(@"^(?<member>[A-Za-z_]\w*)(?:, [A-Za-z_]\w*)*: (?<message>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MemberFailure();
}

/// <summary>The data-annotation checks of a <c>Sources:N</c> entry, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class SourceDefinitionValidator : IValidateOptions<SourceDefinition>;

/// <summary>The data-annotation checks of a <c>Channels:N</c> entry, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ChannelDefinitionValidator : IValidateOptions<ChannelDefinition>;
