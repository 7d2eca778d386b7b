namespace Monitor.Worker.Targets;

/// <summary>How a target's evaluation turns into alerts.</summary>
/// <param name="TolerancePercent">Counts: how far below expected-by-now (in % of it) is still AtRisk rather than OffTrack.</param>
/// <param name="TolerancePoints">Rates: the same band in percentage points.</param>
/// <param name="RecoveryMarginPercent">Counts: how far (in % of expected, at least 1) a value must clear a boundary before the status improves.</param>
/// <param name="RecoveryMarginPoints">Rates: the same margin in percentage points.</param>
/// <param name="MinimumDwell">How long a worse condition must hold before it is announced.</param>
/// <param name="RemindEvery">Re-notify interval while AtRisk, OffTrack or NoData persists.</param>
/// <param name="NoDataAfterDays">Days without events, while the period runs, after which the status is NoData.</param>
/// <param name="MinimumGroupSize">Rates over fewer graduates never raise Warning or Critical on their own.</param>
/// <param name="ForecastWindowDays">The recent window the forecast extrapolates from.</param>
public sealed record AlertSettings(
    decimal TolerancePercent = 10m,
    decimal TolerancePoints = 2m,
    decimal RecoveryMarginPercent = 3m,
    decimal RecoveryMarginPoints = 0.5m,
    TimeSpan MinimumDwell = default,
    TimeSpan RemindEvery = default,
    int NoDataAfterDays = 30,
    int MinimumGroupSize = 20,
    int ForecastWindowDays = 28)
{
    public static readonly AlertSettings Default = new(RemindEvery: TimeSpan.FromDays(7));
}
