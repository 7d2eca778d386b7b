using Monitor.Messages;

namespace Monitor.Worker.Telemetry;

/// <summary>A target's latest figures in one scope (<paramref name="UnitCode"/> null: the whole institution), as the gauges report them.</summary>
public sealed record ScopeFigures(string TargetId, string InstitutionId, string? UnitCode, decimal Actual, decimal? Expected, decimal Threshold, TargetStatus Status)
{
    /// <summary>A published or stored snapshot's figures.</summary>
    public static ScopeFigures Of(MetricSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.TargetId, snapshot.InstitutionId, snapshot.UnitCode, snapshot.Actual, snapshot.ExpectedByNow, snapshot.Threshold, snapshot.Status);
    }
}
