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
    int? DaysWithoutData);
