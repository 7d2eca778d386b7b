using Monitor.Messages;

namespace Monitor.Worker.Targets;

/// <summary>What the engine concludes about a target in a scope on a day. Pure data.</summary>
/// <param name="Status">The status by the rules of DESIGN §3.</param>
/// <param name="StatusWithMargin">The status a value must reach, by the recovery margin, before a worse announced status may improve to it.</param>
public sealed record Assessment(
    TargetStatus Status,
    TargetStatus StatusWithMargin,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal Threshold,
    decimal? ExpectedByNow,
    decimal? Forecast,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    decimal? Remaining,
    decimal? RequiredPerWeek,
    int? DaysLeft,
    DateOnly Deadline,
    DateOnly Today,
    bool SmallGroup,
    int? DaysWithoutData)
{
    /// <summary>The local date the figures are for: <see cref="Today"/>, or a rate's measurement date once reached (the measured figures).</summary>
    public DateOnly AsOf { get; init; } = Today;

    /// <summary>A rate's verdict and figures are final: its books have closed.</summary>
    public bool IsFinal { get; init; }

    /// <summary>A measured rate short of its threshold by no more than its tolerance band (at least one graduate).</summary>
    public bool ShortWithinBand { get; init; }

    /// <summary>For a rate on and after its measurement date: today's rate beside the measured one.</summary>
    public decimal? CurrentActual { get; init; }

    /// <summary>For a rate on and after its measurement date: graduates placed today.</summary>
    public int? CurrentNumerator { get; init; }

    /// <summary>For a rate on and after its measurement date: graduates counted today.</summary>
    public int? CurrentDenominator { get; init; }

    /// <summary>The figures are a rate's measured ones (on or after its measurement date).</summary>
    public bool IsMeasured => AsOf == Deadline && CurrentActual is not null;
}
