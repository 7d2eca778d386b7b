namespace Monitor.Worker.Targets;

/// <summary>How a target's evaluation turns into alerts.</summary>
/// <param name="TolerancePercent">Counts: how far below expected-by-now (in % of it) is still AtRisk rather than OffTrack.</param>
/// <param name="TolerancePoints">Rates: the same band in percentage points.</param>
/// <param name="RecoveryMarginPercent">Counts: how far (in % of expected, at least 1) a value must clear a boundary before the status improves.</param>
/// <param name="RecoveryMarginPoints">Rates: the same margin in percentage points.</param>
/// <param name="MinimumDwell">How long a worse pace status (AtRisk, OffTrack) must hold before it is announced.</param>
/// <param name="RemindEvery">Re-notify interval while AtRisk, OffTrack or NoData persists in the institution's scope (units' persisting statuses are carried by the digest).</param>
/// <param name="NoDataAfterDays">Working days without events (weekdays the pace expects work on), while the period runs, after which the status is NoData.</param>
/// <param name="MinimumGroupSize">Rates over fewer graduates never raise Warning or Critical on their own.</param>
/// <param name="ForecastWindowDays">The recent window the forecast extrapolates from.</param>
/// <param name="JudgeAfterDays">No status but Pending (or Met) before this many days of the period have run.</param>
/// <param name="JudgeFromOwed">No status but Pending (or Met) before the pace expects at least this many whole units (employers, graduates).</param>
/// <param name="RecoveryDwell">How long a better pace status must hold before it is announced.</param>
/// <param name="RemindUnits">Whether units are reminded of a persisting bad status too (by default only the institution is; the digest lists the units).</param>
public sealed record AlertSettings(
    decimal TolerancePercent = 10m,
    decimal TolerancePoints = 2m,
    decimal RecoveryMarginPercent = 3m,
    decimal RecoveryMarginPoints = 0.5m,
    TimeSpan MinimumDwell = default,
    TimeSpan RemindEvery = default,
    int NoDataAfterDays = 30,
    int MinimumGroupSize = 20,
    int ForecastWindowDays = 28,
    int JudgeAfterDays = 14,
    int JudgeFromOwed = 3,
    TimeSpan RecoveryDwell = default,
    bool RemindUnits = false)
{
    public static readonly AlertSettings Default = new(
        MinimumDwell: TimeSpan.FromDays(3), RemindEvery: TimeSpan.FromDays(28), RecoveryDwell: TimeSpan.FromDays(7));
}
