using Monitor.Messages;

namespace Monitor.Worker.History;

/// <summary>
/// A target's figures in one scope on one day: the snapshot of the day's latest evaluation. <paramref name="Day"/> is the
/// institution's local date of that evaluation (a rate's snapshot after its measurement date still has its own day).
/// </summary>
public sealed record HistoryEntry(DateOnly Day, MetricSnapshot Snapshot);
