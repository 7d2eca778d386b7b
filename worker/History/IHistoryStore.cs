using Monitor.Worker.Telemetry;

namespace Monitor.Worker.History;

/// <summary>
/// Every evaluation's figures per target and scope, one row per local day (the day's latest evaluation wins): what
/// the dashboard's charts and its API read.
/// </summary>
public interface IHistoryStore
{
    /// <summary>
    /// Adds or replaces the rows of the entries' days, all in one statement; a row is replaced only as
    /// <see cref="HistoryEntry.Replaces"/> says (a later evaluation; a real evaluation over a backfilled row, never the reverse).
    /// </summary>
    Task SaveAsync(IReadOnlyCollection<HistoryEntry> entries, CancellationToken cancellationToken);

    /// <summary>One scope's rows from <paramref name="first"/> to <paramref name="last"/> (inclusive), by day; <paramref name="unitCode"/> null is the whole institution.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetSeriesAsync(string targetId, string? unitCode, DateOnly first, DateOnly last, CancellationToken cancellationToken);

    /// <summary>
    /// The newest row of every scope of each target, in one read however many targets: by target id, the institution
    /// first, then its units by code (ordinal); a target without rows has an empty list.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>> GetLatestAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken);

    /// <summary>
    /// The newest figures of every scope of each target, as the gauges report them: read from the columns kept beside
    /// each snapshot, not from the snapshot, and without the units' rows unless <paramref name="withUnits"/>. In no
    /// particular order.
    /// </summary>
    Task<IReadOnlyList<ScopeFigures>> GetLatestFiguresAsync(IReadOnlyCollection<string> targetIds, bool withUnits, CancellationToken cancellationToken);

    /// <summary>Removes the rows of days before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateOnly before, CancellationToken cancellationToken);
}
