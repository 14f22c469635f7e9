using System.Collections.Concurrent;

namespace Alerts.Azure;

/// <summary>
/// Remembers which tables or queues this instance has created, so "created on first use" costs one
/// call per name and process. A failed creation is forgotten and tried again by the next caller.
/// </summary>
internal sealed class CreateOnce
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string name, Func<Task> create, CancellationToken cancellationToken)
    {
        var creation = _created.GetOrAdd(name, _ => new Lazy<Task>(create));
        try
        {
            await creation.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (creation.Value.IsFaulted || creation.Value.IsCanceled)
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(name, creation));
            throw;
        }
    }
}
