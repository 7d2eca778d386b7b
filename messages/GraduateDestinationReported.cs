namespace Monitor.Messages;

/// <summary>A graduate's destination (毕业去向) as of a date; the latest report is the graduate's status.</summary>
/// <param name="ReportId">The producer's id for this report; a redelivery with the same id changes nothing.</param>
/// <param name="InstitutionId">The institution.</param>
/// <param name="CohortYear">届别.</param>
/// <param name="GraduateId">学号.</param>
/// <param name="Destination">毕业去向.</param>
/// <param name="EffectiveOn">The local date from which the destination holds.</param>
/// <param name="ReportedAt">When the report was made; breaks ties between reports of the same date.</param>
/// <param name="EmployerName">用人单位名称, for employment destinations.</param>
/// <param name="EmployerCreditCode">统一社会信用代码, when known.</param>
public sealed record GraduateDestinationReported(
    string ReportId,
    string InstitutionId,
    int CohortYear,
    string GraduateId,
    Destination Destination,
    DateOnly EffectiveOn,
    DateTimeOffset ReportedAt,
    string? EmployerName,
    string? EmployerCreditCode);
