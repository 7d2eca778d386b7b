using Monitor.Messages;

namespace Monitor.Worker.History;

/// <summary>
/// A target's figures in one scope on one day: the snapshot of the day's latest evaluation. <paramref name="Day"/> is the
/// institution's local date of that evaluation (a rate's snapshot after its measurement date still has its own day).
/// </summary>
public sealed record HistoryEntry(DateOnly Day, MetricSnapshot Snapshot)
{
    /// <summary>
    /// Computed afterwards from the stored facts (<c>history backfill</c>, the demo), not by an evaluation on that day: a
    /// real evaluation replaces such a row, a backfilled one never replaces a real evaluation's.
    /// </summary>
    public bool Backfilled { get; init; }

    /// <summary>The scope's unit, or "" for the whole institution: how the stores key a row.</summary>
    public string UnitKey => Snapshot.UnitCode ?? string.Empty;

    /// <summary>
    /// Whether this entry replaces <paramref name="stored"/>, the row kept for the same target, scope and day: a real
    /// evaluation always replaces a backfilled row and is never replaced by one; otherwise the later evaluation wins
    /// (an equal time too, so saving the same entry twice is harmless).
    /// </summary>
    public bool Replaces(HistoryEntry stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Backfilled == stored.Backfilled
            ? Snapshot.EvaluatedAt >= stored.Snapshot.EvaluatedAt
            : stored.Backfilled;
    }
}
