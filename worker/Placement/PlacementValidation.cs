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
        ArgumentNullException.ThrowIfNull(g);
        var errors = new List<string>();
        var institution = Common(g.InstitutionId, g.CohortYear, g.GraduateId, institutions, errors);
        if (string.IsNullOrWhiteSpace(g.UnitCode))
        {
            errors.Add("unitCode: required (the graduate's secondary college)");
        }
        else
        {
            Fields.Unit(g.UnitCode, institution, "unitCode", errors);
        }

        Fields.Text(g.Major, "major", Fields.MaxNameLength, required: false, errors);
        foreach (var category in g.Disadvantaged ?? [])
        {
            if (category is null || !DestinationKinds.DisadvantagedCategories.Contains(category))
            {
                errors.Add($"disadvantaged: {Excerpt.Quote(category)} is not one of {string.Join(", ", DestinationKinds.DisadvantagedCategories)}");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> Validate(GraduateWithdrawn w, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(w);
        var errors = new List<string>();
        Common(w.InstitutionId, w.CohortYear, w.GraduateId, institutions, errors);
        Fields.Text(w.Reason, "reason", Fields.MaxReasonLength, required: true, errors);
        return errors;
    }

    public static IReadOnlyList<string> Validate(GraduateReinstated r, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<string>();
        Common(r.InstitutionId, r.CohortYear, r.GraduateId, institutions, errors);
        Fields.Text(r.Reason, "reason", Fields.MaxReasonLength, required: true, errors);
        return errors;
    }

    public static IReadOnlyList<string> Validate(GraduateDestinationReported r, InstitutionCatalog institutions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(r);
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
        else if (r.ReportedAt.Year < MinCohort)
        {
            errors.Add($"reportedAt: {r.ReportedAt:O} is before {MinCohort}");
        }

        Fields.Text(r.EmployerName, "employerName", Fields.MaxNameLength, required: false, errors);
        VisitValidation.CreditCode(r.EmployerCreditCode, errors);
        return errors;
    }

    /// <summary>
    /// The registration as it is fingerprinted: only what the rates use — the unit's configured code and whether the
    /// graduate is disadvantaged — so neither the categories nor the major are kept, nor derivable from the stored hash.
    /// </summary>
    public static RosterEntry Entry(GraduateRegistered g, InstitutionCatalog institutions)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(institutions);
        var institution = institutions.Find(g.InstitutionId);
        var unit = institution is null ? g.UnitCode : Fields.FindUnit(institution, g.UnitCode)?.Code ?? g.UnitCode;
        return new RosterEntry(g.InstitutionId, g.CohortYear, g.GraduateId, unit, (g.Disadvantaged ?? []).Count > 0);
    }

    /// <summary>The report as it is stored and fingerprinted: the instant in UTC, the credit code normalised.</summary>
    public static GraduateDestinationReported Normalise(GraduateDestinationReported r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r with
        {
            ReportedAt = r.ReportedAt.ToUniversalTime(),
            EmployerCreditCode = string.IsNullOrWhiteSpace(r.EmployerCreditCode) ? null : EmployerIdentity.NormaliseCreditCode(r.EmployerCreditCode),
        };
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
