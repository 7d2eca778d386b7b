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

    /// <summary>The latest day with an event on or before a day, for assessing a past day from today's facts (<see cref="OnDay"/>).</summary>
    public Func<DateOnly, DateOnly?>? LastEventOnOrBefore { get; init; }

    /// <summary>For visit targets: positions opened (开拓岗位数) in this scope.</summary>
    public int? PositionsOpened { get; init; }

    /// <summary>For visit targets: positions opened in this scope by the end of a day.</summary>
    public Func<DateOnly, int>? PositionsOpenedOn { get; init; }

    /// <summary>For placement targets: graduates by destination kind as of the evaluation day.</summary>
    public Func<DateOnly, IReadOnlyDictionary<string, int>>? BreakdownOn { get; init; }

    /// <summary>For placement targets: reports for graduates not on the roster.</summary>
    public int? OrphanReports { get; init; }

    /// <summary>
    /// For a rate on and after its measurement date: the measured figures (each graduate's latest report effective on
    /// or before the measurement date), provisional until the books close, then final and never recomputed.
    /// </summary>
    public MeasuredRate? Measured { get; init; }

    /// <summary>
    /// A learned pace: the share of the period's work (0 to 1) last year's curve had reached by the same day, when the
    /// target's pace is Learned and last year's events are in the store; null to use the target's own pace curve.
    /// </summary>
    public Func<DateOnly, decimal>? PaceShape { get; init; }

    /// <summary>
    /// The measurement as it stood at the end of <paramref name="day"/>, for figures of a past day computed from today's
    /// facts: the last event and the positions opened up to that day (the values are asked by day already).
    /// </summary>
    public Measurement OnDay(DateOnly day) => this with
    {
        LastEventOn = LastEventOnOrBefore is null ? LastEventOn : LastEventOnOrBefore(day),
        PositionsOpened = PositionsOpenedOn is null ? PositionsOpened : PositionsOpenedOn(day),
    };

    /// <summary>
    /// A <see cref="LastEventOnOrBefore"/> over the days events happened on, sorted on first use only: an evaluation of
    /// today never asks, so it pays nothing for it.
    /// </summary>
    public static Func<DateOnly, DateOnly?> LastOf(IEnumerable<DateOnly> eventDays)
    {
        var sorted = new Lazy<DateOnly[]>(() => [.. eventDays.Distinct().Order()]);
        return day =>
        {
            var index = Array.BinarySearch(sorted.Value, day);
            var before = index >= 0 ? index : ~index - 1;
            return before >= 0 ? sorted.Value[before] : null;
        };
    }
}
