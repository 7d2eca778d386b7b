namespace Monitor.Worker.Telemetry;

/// <summary>Where the gauges' figures come from: the latest figures of every target in every scope (the history's, see Web/HistoryFigures).</summary>
public interface ILatestFigures
{
    /// <summary>
    /// The latest figures of every target and scope known (the institutions' only, unless <paramref name="withUnits"/>), in
    /// no particular order; empty before the first evaluation.
    /// </summary>
    Task<IReadOnlyList<ScopeFigures>> ReadAsync(bool withUnits, CancellationToken cancellationToken);
}
