namespace Alerts.Core.Formatting;

/// <summary>Where the alert templates live (configuration section <c>Formatting</c>).</summary>
public sealed class FormattingOptions
{
    public const string Section = "Formatting";

    /// <summary>
    /// Folder holding <c>&lt;lang&gt;.liquid</c> (the post) and <c>&lt;lang&gt;.update.liquid</c> (the short reply on a new stage).
    /// Relative paths are taken from the application's base directory.
    /// </summary>
    public string TemplatesDirectory { get; set; } = Path.Combine("config", "templates");
}
