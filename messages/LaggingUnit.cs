namespace Monitor.Messages;

/// <summary>A unit (二级学院) behind its own pace, named in an institution's alert.</summary>
/// <param name="UnitCode">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="Actual">Its current value.</param>
/// <param name="ExpectedByNow">What its pace expects by now.</param>
/// <param name="Status">Its own status.</param>
public sealed record LaggingUnit(string UnitCode, string UnitName, decimal Actual, decimal? ExpectedByNow, TargetStatus Status);
