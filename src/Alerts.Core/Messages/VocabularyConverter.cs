using System.ComponentModel;
using System.Globalization;

namespace Alerts.Core.Messages;

/// <summary>
/// Lets configuration use the vocabulary's wire names (<c>entry_into_force</c>, <c>depositary</c>) for
/// the enums, as JSON does, besides the C# names the binder knows (<c>EntryIntoForce</c>).
/// </summary>
public sealed class VocabularyConverter<T>() : EnumConverter(typeof(T)) where T : struct, Enum
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is string text)
        {
            var trimmed = text.Trim();
            foreach (var candidate in Enum.GetValues<T>())
            {
                if (string.Equals(WireName(candidate), trimmed, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }
        }
        return base.ConvertFrom(context, culture, value);
    }

    private static string WireName(T value) => value switch
    {
        TreatyAction action => Vocabulary.Name(action),
        TreatyMilestone stage => Vocabulary.Name(stage),
        SourceLevel level => Vocabulary.Name(level),
        _ => value.ToString(),
    };
}
