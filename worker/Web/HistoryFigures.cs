using Monitor.Worker.History;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Web;

/// <summary>
/// The gauges' figures from the history every evaluation writes: the newest row of every target's scopes. Every
/// replica reads the same rows, so every replica reports the same figures, whichever of them evaluated.
/// </summary>
public sealed class HistoryFigures(TargetCatalog targets, IHistoryStore history) : ILatestFigures
{
    public async Task<IReadOnlyList<ScopeFigures>> ReadAsync(CancellationToken cancellationToken)
    {
        var figures = new List<ScopeFigures>();
        foreach (var target in targets.All)
        {
            figures.AddRange((await history.GetLatestAsync(target.Id, cancellationToken)).Select(entry => ScopeFigures.Of(entry.Snapshot)));
        }

        return figures;
    }
}
