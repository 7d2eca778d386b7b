namespace Monitor.Messages;

/// <summary>An inbound event was refused as invalid; the original stays in the endpoint's error queue.</summary>
/// <param name="MessageType">The refused message's type, e.g. EnterpriseVisitRecorded.</param>
/// <param name="BusinessId">Its producer id (VisitId, ReportId, GraduateId), when readable.</param>
/// <param name="InstitutionId">Its institution, when readable.</param>
/// <param name="Errors">What is wrong, one entry per problem, each naming the field.</param>
/// <param name="RejectedAt">When it was refused.</param>
public sealed record EventRejected(
    string MessageType,
    string? BusinessId,
    string? InstitutionId,
    IReadOnlyList<string> Errors,
    DateTimeOffset RejectedAt);
