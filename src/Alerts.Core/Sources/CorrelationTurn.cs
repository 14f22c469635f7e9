namespace Alerts.Core.Sources;

/// <summary>
/// Lets a host that polls several sources at once keep the order in which their items are correlated into events
/// fixed, so the same feeds give the same events and posts on every run (fetching still overlaps). The host enters a
/// turn around each poll (<see cref="Enter"/>, an async-local wait for the polls before it); <see cref="PollSourceStage"/>
/// waits for it after fetching and before correlating. Without a turn (the Functions app, where instances poll
/// independently) the wait returns at once.
/// </summary>
public static class CorrelationTurn
{
    private static readonly AsyncLocal<Func<CancellationToken, Task>?> Current = new();

    /// <summary>Makes <paramref name="waitForTurn"/> the wait of the polls started in this async flow until disposed.</summary>
    public static IDisposable Enter(Func<CancellationToken, Task> waitForTurn)
    {
        var previous = Current.Value;
        Current.Value = waitForTurn;
        return new Exit(previous);
    }

    /// <summary>Waits until the polls ordered before this one have finished (at once when no turn was entered).</summary>
    public static Task WaitAsync(CancellationToken cancellationToken) => Current.Value?.Invoke(cancellationToken) ?? Task.CompletedTask;

    private sealed class Exit(Func<CancellationToken, Task>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
