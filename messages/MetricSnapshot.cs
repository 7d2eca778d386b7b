namespace Monitor.Messages;

/// <summary>A target's figures in one scope at one evaluation, for dashboards.</summary>
/// <param name="TargetId">The target's id.</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="UnitCode">The unit, or null for the whole institution.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="Actual">The current value (a count, or a rate in percent).</param>
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
}
