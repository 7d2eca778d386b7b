namespace Monitor.Messages;

/// <summary>The alert: a target's status changed in a scope, or a bad status persists (reminder).</summary>
/// <param name="AlertId">Deterministic id (target, scope, transition number, reminder number): the same alert always has the same id.</param>
/// <param name="TargetId">The target's id.</param>
/// <param name="TargetName">The target's name, as the leaders know it.</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="UnitCode">The unit, or null for the whole institution.</param>
/// <param name="Previous">The status before, or null for the first evaluation.</param>
/// <param name="Current">The status now.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Actual">The current value (a count, or a rate in percent).</param>
/// <param name="Numerator">For rates: placed graduates.</param>
/// <param name="Denominator">For rates: graduates in the cohort.</param>
/// <param name="Threshold">The target's threshold.</param>
/// <param name="ExpectedByNow">What the pace expects by now.</param>
/// <param name="Forecast">The value forecast at the deadline from recent progress.</param>
/// <param name="RequiredPerWeek">What is still needed per week to reach the threshold by the deadline.</param>
/// <param name="DaysLeft">Days until the deadline.</param>
/// <param name="Deadline">The end of the period or the measurement date.</param>
/// <param name="LaggingUnits">Units behind their pace, worst first.</param>
/// <param name="Summary">A short text a leader reads as is (Chinese by default).</param>
/// <param name="EvaluatedAt">When the evaluation ran.</param>
/// <param name="IsReminder">True when this repeats a bad status that persists.</param>
public sealed record TargetStatusChanged(
    Guid AlertId,
    string TargetId,
    string TargetName,
    string InstitutionId,
    string? UnitCode,
    TargetStatus? Previous,
    TargetStatus Current,
    AlertSeverity Severity,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal Threshold,
    decimal? ExpectedByNow,
    decimal? Forecast,
    decimal? RequiredPerWeek,
    int? DaysLeft,
    DateOnly Deadline,
    IReadOnlyList<LaggingUnit> LaggingUnits,
    string Summary,
    DateTimeOffset EvaluatedAt,
    bool IsReminder)
{
    /// <summary>
    /// For a grouped alert: the codes of the units it stands for, when several units of the institution turned worse (or
    /// are reminded) in one evaluation. Their figures are in <see cref="LaggingUnits"/>; the other figures are the
    /// institution's. Null for an alert about one scope.
    /// </summary>
    public IReadOnlyList<string>? GroupedUnits { get; init; }
}
