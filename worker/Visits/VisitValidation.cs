using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Visits;

/// <summary>The rules a visit must meet before it is counted; every error names its field.</summary>
public static class VisitValidation
{
    public const int MaxNameLength = Fields.MaxNameLength;
    public const int MaxPositions = 100_000;
    public const int MinYear = 2000;

    /// <summary>Longer than any credit code however written (full-width, spaced): not worth checking character by character.</summary>
    private const int MaxCreditCodeLength = 40;

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

        Fields.Unit(visit.UnitCode, institution, "unitCode", errors);
        Fields.Text(visit.EmployerName, "employerName", MaxNameLength, required: true, errors);
        CreditCode(visit.EmployerCreditCode, errors);

        if (visit.VisitedOn == default)
        {
            errors.Add("visitedOn: required (yyyy-MM-dd)");
        }
        else if (visit.VisitedOn.Year < MinYear)
        {
            errors.Add($"visitedOn: {visit.VisitedOn:yyyy-MM-dd} is before {MinYear}");
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
        Fields.Text(cancellation.Reason, "reason", Fields.MaxReasonLength, required: true, errors);
        return errors;
    }

    /// <summary>An optional credit code: any letter case, full-width or padded is fine (it is stored normalised), a wrong one is not.</summary>
    public static void CreditCode(string? code, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        var problem = code.Length > MaxCreditCodeLength
            ? "is not a credit code (a credit code has 18 characters)"
            : EmployerIdentity.CheckCreditCode(EmployerIdentity.NormaliseCreditCode(code));
        if (problem is not null)
        {
            errors.Add($"employerCreditCode: {Excerpt.Quote(code)} {problem}");
        }
    }

    /// <summary>The visit as it is stored and fingerprinted: the unit's configured code, the credit code normalised.</summary>
    public static EnterpriseVisitRecorded Normalise(EnterpriseVisitRecorded visit, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(institutions);
        var institution = institutions.Find(visit.InstitutionId);
        return visit with
        {
            UnitCode = institution is null ? visit.UnitCode : Fields.FindUnit(institution, visit.UnitCode)?.Code ?? visit.UnitCode,
            EmployerCreditCode = string.IsNullOrWhiteSpace(visit.EmployerCreditCode) ? null : EmployerIdentity.NormaliseCreditCode(visit.EmployerCreditCode),
        };
    }
}
