namespace Monitor.Messages;

/// <summary>
/// A withdrawal made in error is undone (恢复毕业生名册资格): the graduate counts in the denominator again. It may arrive
/// before the withdrawal it undoes; either way the graduate counts.
/// </summary>
/// <param name="InstitutionId">The institution.</param>
/// <param name="CohortYear">届别.</param>
/// <param name="GraduateId">学号.</param>
/// <param name="Reason">Why.</param>
public sealed record GraduateReinstated(string InstitutionId, int CohortYear, string GraduateId, string Reason);
