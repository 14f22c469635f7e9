using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Alerts.Core;

/// <summary>
/// Converts one configuration value the way the configuration binder does, failing with the binder's message
/// (<c>Failed to convert configuration value 'x' at 'Key:Path' to type '...'.</c>), for the few members bound by hand
/// where the binder's generated code would not do what configuration promises (vocabulary names, entries skipped).
/// </summary>
public static class ConfigurationValues
{
    /// <summary>The value of <paramref name="section"/>, or null when it is missing or empty (the default is kept).</summary>
    public static string? NonEmpty(IConfigurationSection section) => string.IsNullOrEmpty(section.Value) ? null : section.Value;

    public static TimeSpan TimeSpan(IConfigurationSection section, TimeSpan current)
        => NonEmpty(section) is { } value ? Convert(section, value, v => System.TimeSpan.Parse(v, CultureInfo.InvariantCulture)) : current;

    public static bool Bool(IConfigurationSection section, bool current)
        => NonEmpty(section) is { } value ? Convert(section, value, bool.Parse) : current;

    public static double Double(IConfigurationSection section, double current)
        => NonEmpty(section) is { } value ? Convert(section, value, v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)) : current;

    public static T Enum<T>(IConfigurationSection section, T current) where T : struct, Enum
        => NonEmpty(section) is { } value ? Convert(section, value, v => System.Enum.Parse<T>(v, ignoreCase: true)) : current;

    private static T Convert<T>(IConfigurationSection section, string value, Func<string, T> parse)
    {
        try
        {
            return parse(value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidOperationException($"Failed to convert configuration value '{value}' at '{section.Path}' to type '{typeof(T)}'.", ex);
        }
    }
}
