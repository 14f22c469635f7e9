using Alerts.Core.Sources;

namespace Alerts.Cli.Running;

/// <summary>What one local cycle did, for the exit code and the per-source table.</summary>
public sealed class RunReport
{
    private readonly object _gate = new();
    private readonly List<PollOutcome> _polls = [];
    private readonly List<string> _poisoned = [];
    private readonly List<string> _notDelivered = [];

    public int Changes { get; private set; }
    public int Deliveries { get; private set; }
    public int Posted { get; private set; }
    public int PendingDelayed { get; set; }

    public IReadOnlyList<PollOutcome> Polls { get { lock (_gate) { return _polls.ToList(); } } }
    public IReadOnlyList<string> Poisoned { get { lock (_gate) { return _poisoned.ToList(); } } }

    /// <summary>Deliveries that ended neither sent nor queued: dropped, or held because their outcome is unknown.</summary>
    public IReadOnlyList<string> NotDelivered { get { lock (_gate) { return _notDelivered.ToList(); } } }
    public IReadOnlyList<PollOutcome> FailedSources => Polls.Where(p => p.Status == PollStatus.Failed).ToList();

    public void Add(PollOutcome outcome) { lock (_gate) { _polls.Add(outcome); Changes += outcome.Changes.Count; } }
    public void AddDeliveries(int count) { lock (_gate) { Deliveries += count; } }
    public void AddPosted() { lock (_gate) { Posted++; } }
    public void AddPoisoned(string description) { lock (_gate) { _poisoned.Add(description); } }
    public void AddNotDelivered(string description) { lock (_gate) { _notDelivered.Add(description); } }
}
