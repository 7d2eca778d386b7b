using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>A scope's figures as a <see cref="MetricSnapshot"/>: what an evaluation publishes and the history keeps.</summary>
public static class MetricSnapshots
{
    public static MetricSnapshot For(
        TargetDefinition target, string institutionId, string? unitCode, Assessment a, Measurement m, TargetStatus status, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(m);
        return new MetricSnapshot(
            target.Id, institutionId, unitCode, target.Metric, a.Actual, a.Numerator, a.Denominator, a.Threshold, a.ExpectedByNow, a.Forecast, status, evaluatedAt)
        {
            PositionsOpened = m.PositionsOpened,
            Breakdown = m.BreakdownOn?.Invoke(a.AsOf),
            OrphanReports = m.OrphanReports,
            Label = target.Label,
            SnapshotId = AlertIds.ForSnapshot(target.Id, ScopeKeys.For(institutionId, unitCode), a.AsOf, evaluatedAt),
            TargetName = target.Name,
            PeriodStart = target.PeriodStart,
            Deadline = target.Deadline,
            AsOf = a.AsOf,
            ForecastLow = a.ForecastLow,
            ForecastHigh = a.ForecastHigh,
            RequiredPerWeek = a.RequiredPerWeek,
            DaysLeft = a.DaysLeft,
            SmallGroup = a.SmallGroup,
            IsFinal = a.IsFinal,
            CurrentActual = a.CurrentActual,
            CurrentNumerator = a.CurrentNumerator,
            CurrentDenominator = a.CurrentDenominator,
        };
    }
}
