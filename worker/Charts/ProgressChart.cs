using Monitor.Messages;
using Monitor.Worker.History;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Charts;

/// <summary>One day of a progress chart: the value reached and what the pace expected by then.</summary>
public sealed record ProgressPoint(DateOnly Day, decimal Actual, decimal? Expected);

/// <summary>
/// What a progress chart draws for one target in one scope: the cumulative actual by day against the pace line, the
/// threshold, and the forecast range at the deadline, with the latest status. Built from the history rows.
/// </summary>
public sealed record ProgressChart(
    string TargetName,
    string ScopeName,
    bool IsRate,
    decimal Threshold,
    DateOnly PeriodStart,
    DateOnly Deadline,
    IReadOnlyList<ProgressPoint> Points,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    TargetStatus Status)
{
    /// <summary>The chart of one scope from its history rows (any order); null when there is none.</summary>
    public static ProgressChart? From(TargetDefinition target, string scopeName, IReadOnlyList<HistoryEntry> rows)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return null;
        }

        // A rate after its measurement date keeps its measured figure in Actual; the chart's line ends at the deadline.
        var points = rows
            .Where(r => r.Day >= target.PeriodStart && r.Day <= target.Deadline)
            .OrderBy(r => r.Day)
            .Select(r => new ProgressPoint(r.Day, r.Snapshot.Actual, r.Snapshot.ExpectedByNow))
            .ToList();
        var latest = rows.MaxBy(r => r.Day)!.Snapshot;
        return new ProgressChart(
            target.Name,
            scopeName,
            target.IsRate,
            latest.Threshold,
            target.PeriodStart,
            target.Deadline,
            points,
            latest.ForecastLow ?? latest.Forecast,
            latest.ForecastHigh ?? latest.Forecast,
            latest.Status);
    }
}
