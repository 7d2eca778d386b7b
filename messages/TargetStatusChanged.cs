namespace Monitor.Messages;

/// <summary>
/// The alert: a target's status changed in one scope (the institution, or one unit), a bad status persists (reminder),
/// or a measured rate's books closed (its final verdict). Every figure and status is that one scope's own.
/// </summary>
/// <param name="AlertId">Deterministic id (target, scope, transition number, reminder number): the same alert always has the same id.</param>
/// <param name="TargetId">The target's id.</param>
/// <param name="TargetName">The target's name, as the leaders know it.</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="UnitCode">The unit, or null for the whole institution.</param>
/// <param name="Previous">The status before, or null for the first evaluation.</param>
/// <param name="Current">The status now.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Actual">The value (a count, or a rate in percent); for a rate on and after its measurement date, the measured rate.</param>
/// <param name="Numerator">For rates: placed graduates.</param>
/// <param name="Denominator">For rates: graduates in the cohort.</param>
/// <param name="Threshold">The target's threshold.</param>
/// <param name="ExpectedByNow">What the pace expects by now.</param>
/// <param name="Forecast">The value forecast at the deadline from recent progress.</param>
/// <param name="RequiredPerWeek">What is still needed per week to reach the threshold by the deadline.</param>
/// <param name="DaysLeft">Days until the deadline.</param>
/// <param name="Deadline">The end of the period or the measurement date.</param>
/// <param name="LaggingUnits">For the institution's scope: its units behind their pace, worst first (each with its own status); empty for a unit.</param>
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
    /// The local date the figures are for: the evaluation's day, or for a rate on and after its measurement date the
    /// measurement date itself (the measured figures).
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>For a rate after its measurement date: true once its books have closed, so the verdict and its figures never change again; false while provisional (暂定).</summary>
    public bool IsFinal { get; init; }

    /// <summary>True for the one notice sent when a rate's books close, stating the final verdict with the final figures (最终结果).</summary>
    public bool IsFinalNotice { get; init; }

    /// <summary>The low end of the forecast range at the deadline.</summary>
    public decimal? ForecastLow { get; init; }

    /// <summary>The high end of the forecast range at the deadline.</summary>
    public decimal? ForecastHigh { get; init; }

    /// <summary>For a rate after its measurement date: today's rate, labelled apart from the measured one.</summary>
    public decimal? CurrentActual { get; init; }

    /// <summary>For a rate after its measurement date: graduates placed today.</summary>
    public int? CurrentNumerator { get; init; }

    /// <summary>For a rate after its measurement date: graduates counted today.</summary>
    public int? CurrentDenominator { get; init; }

    /// <summary>The rate's scope counts fewer graduates than the target's minimum group size (reported, never Warning or Critical on its own).</summary>
    public bool SmallGroup { get; init; }
}
