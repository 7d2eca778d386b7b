using Monitor.Messages;

namespace Monitor.Worker.Tools.Status;

/// <summary>
/// One target in one scope as <c>status --json</c> writes it (an array of these, camelCase): numbers as JSON numbers,
/// dates <c>yyyy-MM-dd</c>, statuses by their contract names. Fields are added, never renamed.
/// </summary>
/// <param name="AsOf">The local date evaluated (<c>--at</c>, or today in the institution's time zone).</param>
/// <param name="Status">The status shown: the worker's announced one or the assessed one, as <paramref name="StatusSource"/> says.</param>
/// <param name="AssessedStatus">The engine's status for <paramref name="AsOf"/>, before hysteresis and dwell.</param>
/// <param name="StatusSource"><c>announced</c> (from the stored alert state) or <c>assessed</c>.</param>
/// <param name="EvaluatedAt">When the worker last evaluated this target and scope (its stored state); null when it never has.</param>
/// <param name="SilenceIds">The silences in force now that cover this target and scope (<c>silence list</c>); empty when none.</param>
/// <param name="SilencedUntil">When the last of them ends, or null.</param>
public sealed record StatusRecord(
    string TargetId,
    string TargetName,
    string? Label,
    string InstitutionId,
    string? UnitCode,
    string Scope,
    MetricKind Metric,
    DateOnly AsOf,
    decimal Actual,
    int? Numerator,
    int? Denominator,
    decimal Threshold,
    decimal? ExpectedByNow,
    decimal? Forecast,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    decimal? RequiredPerWeek,
    int? DaysLeft,
    DateOnly Deadline,
    TargetStatus Status,
    TargetStatus AssessedStatus,
    string StatusSource,
    DateTimeOffset? EvaluatedAt,
    IReadOnlyList<long> SilenceIds,
    DateTimeOffset? SilencedUntil)
{
    public static StatusRecord From(StatusLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var e = line.Evaluation;
        var a = e.Assessment;
        return new StatusRecord(
            e.Target.Id,
            e.Target.Name,
            e.Target.Label,
            e.InstitutionId,
            e.UnitCode,
            e.ScopeName,
            e.Target.Metric,
            a.Today,
            a.Actual,
            a.Numerator,
            a.Denominator,
            a.Threshold,
            a.ExpectedByNow,
            a.Forecast,
            a.ForecastLow,
            a.ForecastHigh,
            a.RequiredPerWeek,
            a.DaysLeft,
            a.Deadline,
            e.AnnouncedStatus,
            line.AssessedStatus,
            line.Source == Tools.Status.StatusSource.Announced ? "announced" : "assessed",
            line.EvaluatedAt,
            [.. line.Silences.Select(s => s.Id)],
            line.Silences.Count == 0 ? null : line.Silences.Max(s => s.EndsAt));
    }
}
