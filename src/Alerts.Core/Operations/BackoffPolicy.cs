namespace Alerts.Core.Operations;

/// <summary>
/// Exponential backoff, one policy type for everything that retries: delivery (5xx, Telegram unreachable),
/// polling (a failing source) and the local runner (a message whose stage threw).
/// The wait after the n-th failure in a row is <c>First × 2^(n−1)</c>, never above <see cref="Max"/>.
/// </summary>
public sealed record BackoffPolicy(TimeSpan First, TimeSpan Max)
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row (1 for the first); <see cref="First"/> for 0 or less.</summary>
    public TimeSpan After(int failures)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var ticks = Math.Min(First.Ticks * Math.Pow(2, doublings), Max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
