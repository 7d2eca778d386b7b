namespace Monitor.Worker.Targets;

/// <summary>
/// A target's metric in one scope: its value now and as of any earlier day (for forecasts and the measurement date).
/// </summary>
public sealed record Measurement
{
    /// <summary>The value as of the end of a day: a count, or a rate in percent.</summary>
    public required Func<DateOnly, decimal> ValueOn { get; init; }

    /// <summary>For rates: placed graduates as of a day.</summary>
    public Func<DateOnly, int>? NumeratorOn { get; init; }

    /// <summary>For rates: graduates counted (registered minus withdrawn).</summary>
    public int? Denominator { get; init; }

    /// <summary>
    /// The latest day with an event, if any: in this scope as the builders measure it; for a unit, the evaluation puts
    /// the whole target's, because NoData is about the target's feed.
    /// </summary>
    public DateOnly? LastEventOn { get; init; }

    /// <summary>For visit targets: positions opened (开拓岗位数) in this scope.</summary>
    public int? PositionsOpened { get; init; }

    /// <summary>For placement targets: graduates by destination kind as of the evaluation day.</summary>
    public Func<DateOnly, IReadOnlyDictionary<string, int>>? BreakdownOn { get; init; }

    /// <summary>For placement targets: reports for graduates not on the roster.</summary>
    public int? OrphanReports { get; init; }
}
