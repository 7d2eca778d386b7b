using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Placement;

/// <summary>The rules roster events and destination reports must meet; every error names its field.</summary>
public static class PlacementValidation
{
    private const int MinCohort = 2000;
    private const int MaxCohort = 2100;

    public static IReadOnlyList<string> Validate(GraduateRegistered g, InstitutionCatalog institutions)
    {
        var errors = new List<string>();
        var institution = Common(g.InstitutionId, g.CohortYear, g.GraduateId, institutions, errors);
        if (string.IsNullOrWhiteSpace(g.UnitCode))
        {
            errors.Add("unitCode: required (the graduate's secondary college)");
        }
        else if (institution is not null && institution.FindUnit(g.UnitCode) is null)
        {
            errors.Add($"unitCode: '{g.UnitCode}' is not a unit of {institution.Id} ({string.Join(", ", institution.Units.Select(u => u.Code))})");
        }

        foreach (var category in g.Disadvantaged ?? [])
        {
            if (!DestinationKinds.DisadvantagedCategories.Contains(category))
            {
                errors.Add($"disadvantaged: '{category}' is not one of {string.Join(", ", DestinationKinds.DisadvantagedCategories)}");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> Validate(GraduateWithdrawn w, InstitutionCatalog institutions)
    {
        var errors = new List<string>();
        Common(w.InstitutionId, w.CohortYear, w.GraduateId, institutions, errors);
        return errors;
    }

    public static IReadOnlyList<string> Validate(GraduateDestinationReported r, InstitutionCatalog institutions, DateTimeOffset now)
    {
        var errors = new List<string>();
        Fields.Id(r.ReportId, "reportId", errors);
        var institution = Common(r.InstitutionId, r.CohortYear, r.GraduateId, institutions, errors);
        if (!Enum.IsDefined(r.Destination))
        {
            errors.Add($"destination: '{r.Destination}' is not a destination value ({string.Join(", ", Enum.GetNames<Destination>())})");
        }

        if (r.EffectiveOn == default)
        {
            errors.Add("effectiveOn: required (yyyy-MM-dd)");
        }
        else if (institution is not null && r.EffectiveOn > institution.LocalDate(now))
        {
            errors.Add($"effectiveOn: {r.EffectiveOn:yyyy-MM-dd} is in the future");
        }
        else if (r.CohortYear is >= MinCohort and <= MaxCohort && r.EffectiveOn.Year < r.CohortYear - 1)
        {
            errors.Add($"effectiveOn: {r.EffectiveOn:yyyy-MM-dd} is before the {r.CohortYear} cohort's final year");
        }

        if (r.ReportedAt == default)
        {
            errors.Add("reportedAt: required (an ISO 8601 timestamp with offset)");
        }
        else if (r.ReportedAt > now.AddMinutes(5))
        {
            errors.Add($"reportedAt: {r.ReportedAt:O} is in the future");
        }

        if (!string.IsNullOrWhiteSpace(r.EmployerCreditCode) && EmployerIdentity.CheckCreditCode(EmployerIdentity.NormaliseCreditCode(r.EmployerCreditCode)) is { } problem)
        {
            errors.Add($"employerCreditCode: '{r.EmployerCreditCode}' {problem}");
        }

        return errors;
    }

    private static Institution? Common(string? institutionId, int cohortYear, string? graduateId, InstitutionCatalog institutions, List<string> errors)
    {
        var institution = Fields.Institution(institutionId, institutions, errors);
        if (cohortYear is < MinCohort or > MaxCohort)
        {
            errors.Add($"cohortYear: {cohortYear} is not a cohort year between {MinCohort} and {MaxCohort}");
        }

        Fields.Id(graduateId, "graduateId", errors);
        return institution;
    }
}
