using Monitor.Worker.History;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Web;

/// <summary>
/// The gauges' figures from the history every evaluation writes: the newest row of every target's scopes, in one read. Every
/// replica reads the same rows, so every replica reports the same figures, whichever of them evaluated.
/// </summary>
public sealed class HistoryFigures(TargetCatalog targets, IHistoryStore history) : ILatestFigures
{
    public async Task<IReadOnlyList<ScopeFigures>> ReadAsync(CancellationToken cancellationToken)
    {
        var latest = await history.GetLatestAsync([.. targets.All.Select(t => t.Id)], cancellationToken);
        return [.. targets.All.SelectMany(t => latest[t.Id]).Select(entry => ScopeFigures.Of(entry.Snapshot))];
    }
}
