namespace Monitor.Messages;

/// <summary>A graduate joins a cohort's roster (毕业生名册).</summary>
/// <param name="InstitutionId">The institution.</param>
/// <param name="CohortYear">届别, e.g. 2024.</param>
/// <param name="GraduateId">学号 or another stable id.</param>
/// <param name="UnitCode">The graduate's secondary college (二级学院).</param>
/// <param name="Major">专业.</param>
/// <param name="Disadvantaged">困难群体 categories: LowIncome, PovertyAlleviated, ZeroEmploymentFamily, Disability, LongTermUnemployed, Other.</param>
public sealed record GraduateRegistered(
    string InstitutionId,
    int CohortYear,
    string GraduateId,
    string UnitCode,
    string? Major,
    IReadOnlyList<string> Disadvantaged);
