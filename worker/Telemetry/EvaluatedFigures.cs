using System.Collections.Concurrent;

namespace Monitor.Worker.Telemetry;

/// <summary>
/// The latest figures of the evaluations this replica ran, kept in memory: each evaluation replaces the figures of the
/// scopes it evaluated. Another replica's evaluations are not seen here.
/// </summary>
public sealed class EvaluatedFigures : ILatestFigures, IDisposable
{
    private readonly ConcurrentDictionary<(string TargetId, string InstitutionId, string? UnitCode), ScopeFigures> latest = new();
    private readonly MonitorMetrics metrics;

    /// <summary>Follows <paramref name="metrics"/>' evaluations from now on.</summary>
    public EvaluatedFigures(MonitorMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.metrics = metrics;
        metrics.EvaluationFinished += OnEvaluationFinished;
    }

    public Task<IReadOnlyList<ScopeFigures>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ScopeFigures>>([.. latest.Values]);

    public void Dispose() => metrics.EvaluationFinished -= OnEvaluationFinished;

    private void OnEvaluationFinished(object? sender, EvaluationFinishedEventArgs e)
    {
        foreach (var evaluation in e.Results)
        {
            var figures = ScopeFigures.Of(evaluation);
            latest[(figures.TargetId, figures.InstitutionId, figures.UnitCode)] = figures;
        }
    }
}
