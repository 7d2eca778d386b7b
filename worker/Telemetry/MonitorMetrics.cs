using System.Diagnostics.Metrics;

namespace Monitor.Worker.Telemetry;

/// <summary>
/// The worker's own metrics, meter "Monitor" (the table in docs/operations.md): inbound events consumed, de-duplicated
/// and rejected, the duration of each evaluation, and gauges of every target's figures per scope and of the backlogs.
/// The gauges report <see cref="GaugeReadings"/> held in memory, replaced by a refresher; a scrape reads no store.
/// </summary>
public sealed class MonitorMetrics
{
    public const string MeterName = "Monitor";

    /// <summary>Why an event was rejected: it broke a field rule, reused an id with other content, or could not be read.</summary>
    public const string Invalid = "invalid";

    /// <inheritdoc cref="Invalid"/>
    public const string Conflict = "conflict";

    /// <inheritdoc cref="Invalid"/>
    public const string Unreadable = "unreadable";

    private readonly Counter<long> consumed;
    private readonly Counter<long> deduplicated;
    private readonly Counter<long> rejected;
    private readonly Histogram<double> evaluationDuration;
    private GaugeReadings readings = GaugeReadings.None;

    /// <param name="meters">The host's meter factory: the meter is the host's own, so two hosts in one process count apart.</param>
    public MonitorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        consumed = meter.CreateCounter<long>("monitor.events.consumed", "{event}", "Inbound events handled to their outcome: stored, de-duplicated or rejected");
        deduplicated = meter.CreateCounter<long>("monitor.events.deduplicated", "{event}", "Inbound events stored before with the same content: nothing changed");
        rejected = meter.CreateCounter<long>("monitor.events.rejected", "{event}", "Inbound events rejected (EventRejected published, the message in the error queue), by reason");
        evaluationDuration = meter.CreateHistogram(
            "monitor.evaluation.duration",
            "s",
            "How long an evaluation took: every target, or those an EvaluationRequested names",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        meter.CreateObservableGauge("monitor.target.actual", () => Figures(f => f.Actual), null, "A target's actual figure in a scope at its latest evaluation");
        meter.CreateObservableGauge("monitor.target.expected", () => Figures(f => f.Expected), null, "Where the pace line says a target should stand by now in a scope (absent outside the period)");
        meter.CreateObservableGauge("monitor.target.threshold", () => Figures(f => f.Threshold), null, "A target's threshold in a scope");
        meter.CreateObservableGauge("monitor.target.status", () => Figures(f => (int)f.Status), null, "A target's status in a scope: 0 Pending, 1 OnTrack, 2 AtRisk, 3 OffTrack, 4 Met, 5 Missed, 6 NoData");
        meter.CreateObservableGauge("monitor.outbox.backlog", OutboxBacklog, "{alert}", "Alerts saved but not yet published to the bus");
        meter.CreateObservableGauge("monitor.notifications.pending", PendingNotifications, "{notification}", "Alerts and digests waiting to be posted, by webhook");
    }

    /// <summary>Raised after every evaluation of this replica, once its duration is recorded.</summary>
    public event EventHandler<EvaluationFinishedEventArgs>? EvaluationFinished;

    /// <summary>What the gauges report now.</summary>
    public GaugeReadings Readings
    {
        get => Volatile.Read(ref readings);
        set => Volatile.Write(ref readings, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>An inbound event stored for the first time.</summary>
    public void Accepted(string eventType) => consumed.Add(1, EventType(eventType));

    /// <summary>An inbound event stored before with the same content.</summary>
    public void Deduplicated(string eventType)
    {
        var tag = EventType(eventType);
        consumed.Add(1, tag);
        deduplicated.Add(1, tag);
    }

    /// <summary>An inbound event rejected, for <paramref name="reason"/> (<see cref="Invalid"/>, <see cref="Conflict"/> or <see cref="Unreadable"/>).</summary>
    public void Rejected(string eventType, string reason)
    {
        consumed.Add(1, EventType(eventType));
        rejected.Add(1, EventType(eventType), new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>Records an evaluation's duration and tells those who follow the evaluations.</summary>
    public void Evaluated(TimeSpan elapsed)
    {
        evaluationDuration.Record(elapsed.TotalSeconds);
        EvaluationFinished?.Invoke(this, new EvaluationFinishedEventArgs(elapsed));
    }

    private static KeyValuePair<string, object?> EventType(string eventType) => new("event_type", eventType);

    private IEnumerable<Measurement<double>> Figures(Func<ScopeFigures, decimal?> value)
    {
        foreach (var figures in Readings.Figures)
        {
            if (value(figures) is { } v)
            {
                yield return new Measurement<double>((double)v, Scope(figures));
            }
        }
    }

    /// <summary>target, institution, and unit for a unit's scope only: <c>unit=""</c> selects the institution's in PromQL.</summary>
    private static KeyValuePair<string, object?>[] Scope(ScopeFigures figures) =>
        figures.UnitCode is null
            ? [new("target", figures.TargetId), new("institution", figures.InstitutionId)]
            : [new("target", figures.TargetId), new("institution", figures.InstitutionId), new("unit", figures.UnitCode)];

    private IEnumerable<Measurement<long>> OutboxBacklog() =>
        Readings.OutboxBacklog is { } backlog ? [new Measurement<long>(backlog)] : [];

    private IEnumerable<Measurement<long>> PendingNotifications() =>
        Readings.PendingByWebhook is { } pending ? pending.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("webhook", p.Key))) : [];
}
