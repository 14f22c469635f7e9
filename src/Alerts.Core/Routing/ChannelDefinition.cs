using System.ComponentModel.DataAnnotations;
using Alerts.Core.Messages;

namespace Alerts.Core.Routing;

/// <summary>One Telegram channel that receives alerts (configuration section <c>Channels:N</c>).</summary>
public sealed class ChannelDefinition
{
    [Required, RegularExpression("^[a-z0-9][a-z0-9._-]{0,62}$", ErrorMessage = "Id must be 1-63 lowercase letters, digits, '.', '_' or '-'.")]
    public string Id { get; set; } = "";

    /// <summary>Telegram chat id (<c>-100...</c>) or <c>@channelusername</c>.</summary>
    [Required]
    public string ChatId { get; set; } = "";

    /// <summary><c>en</c> or <c>ru</c>.</summary>
    [RegularExpression("^(en|ru)$", ErrorMessage = "Language must be 'en' or 'ru'.")]
    public string Language { get; set; } = "en";

    /// <summary>Template name or path; empty for the built-in template of the language.</summary>
    public string? Template { get; set; }

    public bool Enabled { get; set; } = true;

    public bool DisableLinkPreview { get; set; } = true;

    /// <summary>Only these states (ISO alpha-2); empty for all.</summary>
    public List<string> States { get; set; } = [];

    /// <summary>Only these treaty ids; empty for all.</summary>
    public List<string> Treaties { get; set; } = [];

    /// <summary>Only these actions; empty for all.</summary>
    public List<TreatyAction> Actions { get; set; } = [];

    public SourceLevel MinimumLevel { get; set; } = SourceLevel.Media;

    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.5;

    /// <summary>
    /// Which events wait for an operator (<c>alerts review</c>) instead of going out: <c>none</c>;
    /// <c>uncertain</c> (default): an unknown treaty, an actor that is not a state or a confidence under
    /// <see cref="MinimumConfidence"/>; <c>all</c>.
    /// </summary>
    [RegularExpression("^(none|uncertain|all)$", ErrorMessage = "Review must be 'none', 'uncertain' or 'all'.")]
    public string Review { get; set; } = "uncertain";

    /// <summary>
    /// Events older than <c>Polling:FirstPollBackfill</c> that a source's first poll finds: <c>none</c> (default,
    /// remembered silently) or <c>digest</c> (one post listing them, dated, never one "new" post each).
    /// </summary>
    [RegularExpression("^(none|digest)$", ErrorMessage = "Backfill must be 'none' or 'digest'.")]
    public string Backfill { get; set; } = BackfillDigest.None;

    /// <summary>On a new revision: <c>edit</c> the earlier post, <c>reply</c> to it, or <c>both</c> (edit, and reply when the stage advances).</summary>
    public UpdateMode Updates { get; set; } = UpdateMode.Both;
}

/// <summary>How a later revision appears in a channel that shows the event already (configuration values <c>edit</c>, <c>reply</c>, <c>both</c>).</summary>
public enum UpdateMode
{
    /// <summary>Both: edit the post, and reply to it when the procedural step advanced (editing alone notifies nobody).</summary>
    Both,
    /// <summary>Edit the earlier post to the new text.</summary>
    Edit,
    /// <summary>Reply to the earlier post when the procedural step advanced; otherwise nothing is sent.</summary>
    Reply,
}
