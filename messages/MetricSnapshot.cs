namespace Monitor.Messages;

/// <summary>
/// A target's figures in one scope at one evaluation, for dashboards: enough to draw the progress chart (actual against
/// the pace line, the threshold and the forecast range to the deadline) without any other source.
/// </summary>
/// <param name="TargetId">The target's id.</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="UnitCode">The unit, or null for the whole institution.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="Actual">The value (a count, or a rate in percent); for a rate on and after its measurement date, the measured rate (<see cref="AsOf"/> is then the measurement date).</param>
/// <param name="Numerator">For rates: placed graduates.</param>
/// <param name="Denominator">For rates: graduates in the cohort.</param>
/// <param name="Threshold">The target's threshold.</param>
/// <param name="ExpectedByNow">What the pace expects by now.</param>
/// <param name="Forecast">The value forecast at the deadline.</param>
/// <param name="Status">The status.</param>
/// <param name="EvaluatedAt">When the evaluation ran.</param>
public sealed record MetricSnapshot(
    string TargetId,
    string InstitutionId,
    string? UnitCode,
    MetricKind Metric,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal Threshold,
    decimal? ExpectedByNow,
    decimal? Forecast,
    TargetStatus Status,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>For visit targets: positions opened (开拓岗位数) in the same scope and period.</summary>
    public int? PositionsOpened { get; init; }

    /// <summary>For placement targets: graduates by destination kind (employed, furtherStudy, entrepreneurship, militaryOrGrassroots, abroad, unplaced).</summary>
    public IReadOnlyDictionary<string, int>? Breakdown { get; init; }

    /// <summary>For placement targets: destination reports for graduates not on the roster (data quality).</summary>
    public int? OrphanReports { get; init; }

    /// <summary>A label for what the figures are, e.g. "2023 baseline" in the demo.</summary>
    public string? Label { get; init; }

    /// <summary>Deterministic id (target, scope, as-of date, evaluation time): a redelivered snapshot has the same id, so a subscriber can drop it.</summary>
    public Guid SnapshotId { get; init; }

    /// <summary>The target's name, as the leaders know it.</summary>
    public string? TargetName { get; init; }

    /// <summary>The first day of the target's period.</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>The end of the period (counts) or the measurement date (rates).</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>The local date the figures are for: the evaluation's day, or a rate's measurement date once it has passed.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>The low end of the forecast range at the deadline.</summary>
    public decimal? ForecastLow { get; init; }

    /// <summary>The high end of the forecast range at the deadline.</summary>
    public decimal? ForecastHigh { get; init; }

    /// <summary>What is still needed per week to reach the threshold by the deadline (employers or graduates).</summary>
    public decimal? RequiredPerWeek { get; init; }

    /// <summary>Days until the deadline, while the period runs.</summary>
    public int? DaysLeft { get; init; }

    /// <summary>A rate over fewer graduates than the target's minimum group size: reported, not alerted on its own.</summary>
    public bool SmallGroup { get; init; }

    /// <summary>The value can no longer change: a count after its period, a rate once its books have closed.</summary>
    public bool IsFinal { get; init; }

    /// <summary>For a rate after its measurement date: today's rate, kept apart from the measured <see cref="Actual"/>.</summary>
    public decimal? CurrentActual { get; init; }

    /// <summary>For a rate after its measurement date: graduates placed today.</summary>
    public int? CurrentNumerator { get; init; }

    /// <summary>For a rate after its measurement date: graduates counted today.</summary>
    public int? CurrentDenominator { get; init; }
}
