using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Telemetry;

/// <summary>A target's latest figures in one scope (<paramref name="UnitCode"/> null: the whole institution), as the gauges report them.</summary>
public sealed record ScopeFigures(string TargetId, string InstitutionId, string? UnitCode, decimal Actual, decimal? Expected, decimal Threshold, TargetStatus Status)
{
    /// <summary>What an evaluation produced: the engine's figures and the status it announced (the snapshot's status).</summary>
    public static ScopeFigures Of(ScopeEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var a = evaluation.Assessment;
        return new(evaluation.Target.Id, evaluation.InstitutionId, evaluation.UnitCode, a.Actual, a.ExpectedByNow, a.Threshold, evaluation.AnnouncedStatus);
    }

    /// <summary>A published or stored snapshot's figures.</summary>
    public static ScopeFigures Of(MetricSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.TargetId, snapshot.InstitutionId, snapshot.UnitCode, snapshot.Actual, snapshot.ExpectedByNow, snapshot.Threshold, snapshot.Status);
    }
}
