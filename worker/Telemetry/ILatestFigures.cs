namespace Monitor.Worker.Telemetry;

/// <summary>Where the gauges' figures come from: the latest figures of every target in every scope (the history's, see Web/HistoryFigures).</summary>
public interface ILatestFigures
{
    /// <summary>The latest figures of every target and scope known; empty before the first evaluation.</summary>
    Task<IReadOnlyList<ScopeFigures>> ReadAsync(CancellationToken cancellationToken);
}
