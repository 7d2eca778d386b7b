using System.Diagnostics.Metrics;

namespace Monitor.Tests.Support;

/// <summary>
/// Collects what one meter's instruments report, as a metrics exporter does: every measurement recorded since the
/// listener started, and the observable instruments' values on <see cref="Collect"/>.
/// </summary>
internal sealed class MetricReadings : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Reading> readings = [];
    private readonly Lock gate = new();

    public MetricReadings(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        listener.Start();
    }

    /// <summary>Every reading so far (after <see cref="Collect"/>, the observable instruments' too).</summary>
    public IReadOnlyList<Reading> All
    {
        get
        {
            lock (gate)
            {
                return [.. readings];
            }
        }
    }

    /// <summary>Asks the observable instruments for their values now.</summary>
    public void Collect() => listener.RecordObservableInstruments();

    /// <summary>The readings of one instrument.</summary>
    public IReadOnlyList<Reading> Of(string instrument) => [.. All.Where(r => r.Instrument == instrument)];

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value?.ToString();
        }

        lock (gate)
        {
            readings.Add(new Reading(instrument.Name, value, labels));
        }
    }

    internal sealed record Reading(string Instrument, double Value, IReadOnlyDictionary<string, string?> Labels)
    {
        public string? Label(string name) => Labels.GetValueOrDefault(name);
    }
}
