namespace Alerts.Core.Sources;

/// <summary>A source with its state, and whether it has gone stale.</summary>
public sealed record SourceHealth(SourceDefinition Source, SourceState? State, bool Stale)
{
    /// <summary>
    /// Stale: enabled, polled at least once, and no success for <see cref="PollingOptions.StaleAfterIntervals"/>
    /// intervals since the last success, or as many failed polls in a row.
    /// </summary>
    public static bool IsStale(SourceDefinition source, SourceState? state, PollingOptions options, DateTimeOffset now)
    {
        if (!source.Enabled || state?.LastPolledAt is null || state.ConsecutiveFailures == 0)
        {
            return false;
        }
        if (state.ConsecutiveFailures >= options.StaleAfterIntervals)
        {
            return true;
        }
        // Backoff spaces failing polls out, so time since the last success counts too.
        return state.LastSuccessAt is { } success && now - success >= source.Interval * options.StaleAfterIntervals;
    }
}
