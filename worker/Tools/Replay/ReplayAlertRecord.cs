using Monitor.Messages;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// One alert as <c>replay --json</c> writes it, one JSON object per line (camelCase): the simulated date it fired and
/// the alert's own fields (one scope each), numbers as JSON numbers, statuses and severities by their contract names.
/// </summary>
public sealed record ReplayAlertRecord(
    DateOnly Date,
    string TargetId,
    string InstitutionId,
    string? UnitCode,
    TargetStatus? Previous,
    TargetStatus Current,
    AlertSeverity Severity,
    bool IsReminder,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal Threshold,
    decimal? ExpectedByNow,
    decimal? Forecast,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    string Summary,
    Guid AlertId,
    DateOnly? AsOf,
    bool IsFinal,
    bool IsFinalNotice)
{
    public static ReplayAlertRecord From(ReplayedAlert replayed)
    {
        ArgumentNullException.ThrowIfNull(replayed);
        var a = replayed.Alert;
        return new ReplayAlertRecord(
            replayed.On, a.TargetId, a.InstitutionId, a.UnitCode, a.Previous, a.Current, a.Severity, a.IsReminder, a.Actual,
            a.Numerator, a.Denominator, a.Threshold, a.ExpectedByNow, a.Forecast, a.ForecastLow, a.ForecastHigh, a.Summary, a.AlertId, a.AsOf, a.IsFinal, a.IsFinalNotice);
    }
}
