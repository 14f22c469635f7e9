namespace Alerts.Core.Queues;

/// <summary>
/// The retry policy of every queue, in both hosts. The Functions host reads the same numbers from
/// <c>host.json</c> (<c>extensions.queues.maxDequeueCount</c> and <c>visibilityTimeout</c>); a test keeps the two equal.
/// </summary>
public static class QueuePolicy
{
    /// <summary>
    /// A message whose stage throws on this attempt (its dequeue count) is moved to its poison queue by the app
    /// (<c>host.json</c> <c>maxDequeueCount</c>).
    /// </summary>
    public const int MaxDequeueCount = 5;

    /// <summary>
    /// How long a message whose stage threw stays invisible before the next attempt (<c>host.json</c>
    /// <c>visibilityTimeout</c>, which the Functions host applies to a failed invocation).
    /// </summary>
    public static TimeSpan RetryDelay { get; } = TimeSpan.FromSeconds(30);
}
