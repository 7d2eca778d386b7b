namespace Monitor.Messages;

/// <summary>A graduate leaves the cohort's roster (e.g. 延期毕业); they no longer count in the denominator.</summary>
/// <param name="InstitutionId">The institution.</param>
/// <param name="CohortYear">届别.</param>
/// <param name="GraduateId">学号.</param>
/// <param name="Reason">Why.</param>
public sealed record GraduateWithdrawn(string InstitutionId, int CohortYear, string GraduateId, string Reason);
