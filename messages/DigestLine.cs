namespace Monitor.Messages;

/// <summary>One target in one scope in the daily digest.</summary>
/// <param name="TargetId">The target's id.</param>
/// <param name="TargetName">Its name.</param>
/// <param name="UnitCode">The unit, or null for the whole institution.</param>
/// <param name="Status">Its status now.</param>
/// <param name="PreviousStatus">Its status a day ago, when known.</param>
/// <param name="Actual">The value now.</param>
/// <param name="ActualYesterday">The value a day ago, when known.</param>
/// <param name="ExpectedByNow">What the pace expects by now.</param>
/// <param name="Threshold">The threshold.</param>
public sealed record DigestLine(
    string TargetId,
    string TargetName,
    string? UnitCode,
    TargetStatus Status,
    TargetStatus? PreviousStatus,
    decimal Actual,
    decimal? ActualYesterday,
    decimal? ExpectedByNow,
    decimal Threshold);
