namespace Monitor.Messages;

/// <summary>An enterprise visit (访企拓岗走访) was made.</summary>
/// <param name="VisitId">The producer's id for this visit; a redelivery with the same id changes nothing.</param>
/// <param name="InstitutionId">The institution (院校) that made the visit.</param>
/// <param name="Tier">学院领导班子 or 二级学院/职能部门.</param>
/// <param name="UnitCode">The unit (二级学院/部门) code; required for <see cref="VisitTier.Unit"/>.</param>
/// <param name="EmployerName">用人单位名称.</param>
/// <param name="EmployerCreditCode">统一社会信用代码 (18 characters, GB 32100-2015), when known.</param>
/// <param name="VisitedOn">走访日期, a local date.</param>
/// <param name="Mode">走出去 or 请进来.</param>
/// <param name="PositionsOpened">开拓岗位数.</param>
public sealed record EnterpriseVisitRecorded(
    string VisitId,
    string InstitutionId,
    VisitTier Tier,
    string? UnitCode,
    string EmployerName,
    string? EmployerCreditCode,
    DateOnly VisitedOn,
    VisitMode Mode,
    int PositionsOpened);
