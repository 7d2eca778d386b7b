namespace Monitor.Messages;

/// <summary>A visit recorded in error is withdrawn (撤销走访记录); totals are recomputed without it.</summary>
/// <param name="VisitId">The id of the visit to cancel.</param>
/// <param name="InstitutionId">The institution that recorded it.</param>
/// <param name="Reason">Why it is cancelled.</param>
public sealed record EnterpriseVisitCancelled(string VisitId, string InstitutionId, string Reason);
