using System.ComponentModel.DataAnnotations;
using Alerts.Core.Messages;

namespace Alerts.Core.Sources;

/// <summary>One configured source (configuration section <c>Sources:N</c>).</summary>
public sealed class SourceDefinition
{
    /// <summary>Stable id used in state and messages, e.g. <c>government-ru-docs</c>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,62}$", ErrorMessage = "Id must be 1-63 lowercase letters, digits, '.', '_' or '-'.")]
    public string Id { get; set; } = "";

    [Required, Url]
    public string Url { get; set; } = "";

    /// <summary>
    /// The outlet's name as posts show it ("Source: The Daily Example"), when the outlet is not one the posts already name
    /// (Formatting/OutletNames); without it, the feed's own title is used, else the site's host. A name longer than
    /// 60 characters is not used.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>How to read it: <c>rss</c> (RSS/Atom/JSON Feed, detected), <c>pravo-api</c>, <c>duma-api</c>, <c>coe-signatures</c>, <c>untc-notifications</c>, <c>html-list</c>.</summary>
    public string Kind { get; set; } = Kinds.SourceKinds.Rss;

    /// <summary>Language of the items when the feed does not say (<c>en</c>, <c>ru</c>...).</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The state whose own acts this source publishes (ISO alpha-2, e.g. <c>RU</c> for government.ru), if any.
    /// A decree title rarely names its own state («О денонсации ...»): a detection without states from such a
    /// source is that state's act.
    /// </summary>
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "State must be an ISO 3166-1 alpha-2 code such as RU.")]
    public string? State { get; set; }

    /// <summary>How authoritative its items are.</summary>
    public SourceLevel Authority { get; set; } = SourceLevel.Media;

    /// <summary>Schedule group: <c>decrees</c>, <c>depositaries</c> or <c>news</c>; each group has its own timer.</summary>
    [Required]
    public string Group { get; set; } = "news";

    /// <summary>Least time between two polls.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    public bool Enabled { get; set; } = true;

    /// <summary>Allow loopback and private addresses (tests and intranet sources only). Off by default.</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>Kind-specific settings (CSS selectors of an html-list, API tokens by setting name...).</summary>
    public Dictionary<string, string> Options { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
