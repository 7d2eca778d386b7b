using Monitor.Worker.History;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Web;

/// <summary>
/// The gauges' figures from the history every evaluation writes: the newest figures of every target's scopes, in one read
/// of the figures' columns (not the snapshots). Every replica reads the same rows, so every replica reports the same
/// figures, whichever of them evaluated.
/// </summary>
public sealed class HistoryFigures(TargetCatalog targets, IHistoryStore history) : ILatestFigures
{
    public Task<IReadOnlyList<ScopeFigures>> ReadAsync(bool withUnits, CancellationToken cancellationToken) =>
        history.GetLatestFiguresAsync([.. targets.All.Select(t => t.Id)], withUnits, cancellationToken);
}
