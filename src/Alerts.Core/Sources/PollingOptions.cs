using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Sources;

/// <summary>How sources are polled (configuration section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string Section = "Polling";

    /// <summary>
    /// On a source's first poll, items published longer ago than this are remembered without
    /// alerting, so adding a source does not flood the channel with old news.
    /// </summary>
    public TimeSpan FirstPollBackfill { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Longest wait between polls of a failing source (the backoff doubles up to this).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A source that has not succeeded for this many intervals is reported stale.</summary>
    [Range(1, 1000)]
    public int StaleAfterIntervals { get; set; } = 6;

    /// <summary>Detections below this confidence are not tracked at all (channels set their own, higher, thresholds).</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.3;
}

/// <summary>The data-annotation checks of <see cref="PollingOptions"/>, generated at compile time (no reflection: works in the native build).</summary>
[OptionsValidator]
internal sealed partial class PollingOptionsValidator : IValidateOptions<PollingOptions>;
