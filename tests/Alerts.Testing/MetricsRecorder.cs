using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Alerts.Testing;

/// <summary>Listens to one meter's counters for the life of a test and keeps every measurement with its tags.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsRecorder(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    /// <summary>Sum of a counter over the measurements whose tags include every given tag.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags)
        => _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private sealed record Measurement(string Instrument, long Value, Dictionary<string, string?> Tags);
}
