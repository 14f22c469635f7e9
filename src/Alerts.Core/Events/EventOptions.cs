using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Alerts.Core.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Events;

/// <summary>How detections are joined into events (configuration section <c>Events</c>). See docs/EVENTS.md.</summary>
public sealed class EventOptions : IValidatableObject
{
    public const string Section = "Events";

    /// <summary>
    /// Per stage (vocabulary name): how long an event may stay idle — no new item — and still take
    /// the next detection of the same treaty, action and states. Past it, the detection starts a new
    /// event (<c>coe-126.withdrawal.ru-2</c>). Long for the slow stages: a proposal can wait a year
    /// for the Duma, a notified withdrawal up to a year and a month for its effect.
    /// Keys not set keep these defaults.
    /// </summary>
    public Dictionary<string, TimeSpan> Windows { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unknown"] = TimeSpan.FromDays(30),
        ["announced"] = TimeSpan.FromDays(60),
        ["proposed"] = TimeSpan.FromDays(400),
        ["legislative"] = TimeSpan.FromDays(180),
        ["enacted"] = TimeSpan.FromDays(400),
        ["notified"] = TimeSpan.FromDays(550),
        ["effective"] = TimeSpan.FromDays(60),
    };

    /// <summary>
    /// A follow-up revision (the scheduled day of effect) is handed out again by
    /// <see cref="EventFollowUps.DueFollowUpsAsync"/> for this long after it was made, so a timer run
    /// that failed between the state write and the enqueue loses nothing; downstream is idempotent.
    /// </summary>
    public TimeSpan FollowUpRepeatWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Reads section <see cref="Section"/> into <paramref name="options"/>. Bound by hand: a window that is not a time span
    /// is skipped (the configuration check names it), where the binder's generated code would stop at it.
    /// </summary>
    public static void Bind(IConfiguration section, EventOptions options)
    {
        foreach (var window in section.GetSection(nameof(Windows)).GetChildren())
        {
            if (window.Value is { Length: > 0 } value && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
            {
                options.Windows[window.Key] = parsed;
            }
        }
        options.FollowUpRepeatWindow = ConfigurationValues.TimeSpan(section.GetSection(nameof(FollowUpRepeatWindow)), options.FollowUpRepeatWindow);
    }

    public TimeSpan WindowFor(TreatyMilestone stage)
        => Windows.TryGetValue(Vocabulary.Name(stage), out var window) ? window : TimeSpan.FromDays(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, window) in Windows)
        {
            if (!Vocabulary.TryParseMilestone(key, out _))
            {
                yield return new ValidationResult($"{Section}:{nameof(Windows)}:{key} is not a stage (unknown, announced, proposed, legislative, enacted, notified, effective)", [nameof(Windows)]);
            }
            else if (window <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{Section}:{nameof(Windows)}:{key} must be positive", [nameof(Windows)]);
            }
        }
        if (FollowUpRepeatWindow < TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:{nameof(FollowUpRepeatWindow)} must not be negative", [nameof(FollowUpRepeatWindow)]);
        }
    }
}

/// <summary>The data-annotation checks of <see cref="EventOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class EventOptionsValidator : IValidateOptions<EventOptions>;
