using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Visits;

/// <summary>The rules a visit must meet before it is counted; every error names its field.</summary>
public static class VisitValidation
{
    public const int MaxNameLength = 200;
    public const int MaxPositions = 100_000;

    public static IReadOnlyList<string> Validate(EnterpriseVisitRecorded visit, InstitutionCatalog institutions, DateTimeOffset now)
    {
        var errors = new List<string>();
        Fields.Id(visit.VisitId, "visitId", errors);
        var institution = Fields.Institution(visit.InstitutionId, institutions, errors);

        if (!Enum.IsDefined(visit.Tier))
        {
            errors.Add($"tier: '{visit.Tier}' is not Leadership or Unit");
        }
        else if (visit.Tier == VisitTier.Unit && string.IsNullOrWhiteSpace(visit.UnitCode))
        {
            errors.Add("unitCode: required for a Unit visit (the secondary college or department that made it)");
        }

        if (!string.IsNullOrWhiteSpace(visit.UnitCode) && institution is not null && institution.FindUnit(visit.UnitCode) is null)
        {
            errors.Add($"unitCode: '{visit.UnitCode}' is not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))})");
        }

        if (string.IsNullOrWhiteSpace(visit.EmployerName))
        {
            errors.Add("employerName: required");
        }
        else if (visit.EmployerName.Length > MaxNameLength)
        {
            errors.Add($"employerName: longer than {MaxNameLength} characters");
        }

        if (!string.IsNullOrWhiteSpace(visit.EmployerCreditCode) && EmployerIdentity.CheckCreditCode(EmployerIdentity.NormaliseCreditCode(visit.EmployerCreditCode)) is { } problem)
        {
            errors.Add($"employerCreditCode: '{visit.EmployerCreditCode}' {problem}");
        }

        if (visit.VisitedOn == default)
        {
            errors.Add("visitedOn: required (yyyy-MM-dd)");
        }
        else if (institution is not null && visit.VisitedOn > institution.LocalDate(now))
        {
            errors.Add($"visitedOn: {visit.VisitedOn:yyyy-MM-dd} is in the future (today is {institution.LocalDate(now):yyyy-MM-dd} in {institution.TimeZone.Id})");
        }

        if (!Enum.IsDefined(visit.Mode))
        {
            errors.Add($"mode: '{visit.Mode}' is not Outgoing or Incoming");
        }

        if (visit.PositionsOpened is < 0 or > MaxPositions)
        {
            errors.Add($"positionsOpened: {visit.PositionsOpened} is not between 0 and {MaxPositions}");
        }

        return errors;
    }

    public static IReadOnlyList<string> Validate(EnterpriseVisitCancelled cancellation, InstitutionCatalog institutions)
    {
        var errors = new List<string>();
        Fields.Id(cancellation.VisitId, "visitId", errors);
        Fields.Institution(cancellation.InstitutionId, institutions, errors);
        return errors;
    }
}
