using Monitor.Worker.Targets;

namespace Monitor.Worker.Telemetry;

/// <summary>An evaluation of this replica has finished: what it evaluated, in every scope.</summary>
public sealed class EvaluationFinishedEventArgs(IReadOnlyList<ScopeEvaluation> results, TimeSpan elapsed) : EventArgs
{
    public IReadOnlyList<ScopeEvaluation> Results { get; } = results;

    public TimeSpan Elapsed { get; } = elapsed;
}
