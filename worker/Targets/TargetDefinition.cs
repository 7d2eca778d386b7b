using Monitor.Messages;

namespace Monitor.Worker.Targets;

/// <summary>
/// One target of a work report: what is measured, for whom, by when, how far, at what pace, and how to alert.
/// </summary>
public sealed record TargetDefinition
{
    public required string Id { get; init; }

    /// <summary>The name leaders know it by, e.g. 学院领导班子走访用人单位.</summary>
    public required string Name { get; init; }

    public required string InstitutionId { get; init; }

    public required MetricKind Metric { get; init; }

    /// <summary>For visit metrics: which tier counts.</summary>
    public VisitTier? Tier { get; init; }

    /// <summary>For placement: the cohort (届).</summary>
    public int? CohortYear { get; init; }

    /// <summary>For placement: only graduates with at least one disadvantaged category.</summary>
    public bool DisadvantagedOnly { get; init; }

    /// <summary>A count, or a rate in percent.</summary>
    public required decimal Threshold { get; init; }

    public required DateOnly PeriodStart { get; init; }

    /// <summary>End of the period (counts) or measurement date (rates).</summary>
    public required DateOnly Deadline { get; init; }

    public required PaceCurve Pace { get; init; }

    /// <summary>Also evaluate each unit of the institution.</summary>
    public bool PerUnit { get; init; }

    /// <summary>Per-unit thresholds for counts; a unit not listed gets an even share of the institution's threshold. Rates use the same threshold.</summary>
    public IReadOnlyDictionary<string, decimal> UnitThresholds { get; init; } = new Dictionary<string, decimal>();

    public required AlertSettings Alerting { get; init; }

    /// <summary>The report's own words, for the docs and the status board.</summary>
    public string? Text { get; init; }

    /// <summary>Shown before the figures when this is not the live target, e.g. "2023 基线".</summary>
    public string? Label { get; init; }

    /// <summary>For rates: how many days after the measurement date reports still count (the books close at the end of that day).</summary>
    public int ClosesAfterDays { get; init; } = DefaultClosesAfterDays;

    public const int DefaultClosesAfterDays = 14;

    public bool IsRate => Metric == MetricKind.PlacementRate;

    /// <summary>For rates: the last local day whose arriving reports still count; from the next day the figures are final.</summary>
    public DateOnly BooksCloseOn => Deadline.AddDays(ClosesAfterDays);

    /// <summary>
    /// For rates: the graduates a denominator needs placed to reach the threshold, in whole graduates (97 % of 30 is
    /// 29.1: all 30 are needed; 95 % of 296 is 281.2: 282).
    /// </summary>
    public int Needed(int denominator) => (int)Math.Ceiling(Threshold * denominator / 100m);

    /// <summary>The threshold for a scope: the institution's, or a unit's share.</summary>
    public decimal ThresholdFor(string? unitCode, int unitCount)
    {
        if (unitCode is null || IsRate)
        {
            return Threshold;
        }

        return UnitThresholds.TryGetValue(unitCode, out var own) ? own : Math.Ceiling(Threshold / Math.Max(1, unitCount));
    }

    /// <summary>
    /// The same target moved to another year: dates, cohort and id shift, thresholds stay. The demo applies the 2024
    /// targets to the 2023 baseline this way.
    /// </summary>
    public TargetDefinition ForYear(int year, string label)
    {
        var shift = year - Deadline.Year;
        var from = Deadline.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var to = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = Id.Replace(from, to, StringComparison.Ordinal);
        return this with
        {
            Id = id == Id ? $"{Id}@{year}" : id,
            Name = Name.Replace(from, to, StringComparison.Ordinal),
            CohortYear = CohortYear + shift,
            PeriodStart = PeriodStart.AddYears(shift),
            Deadline = Deadline.AddYears(shift),
            Pace = Pace.ShiftYears(shift),
            Label = label,
        };
    }
}
