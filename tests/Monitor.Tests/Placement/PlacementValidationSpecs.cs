using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;

namespace Monitor.Tests.Placement;

public class PlacementValidationSpecs
{
    // 10:00 on 15 July 2024 in Tianjin.
    private static readonly DateTimeOffset Now = new(2024, 7, 15, 2, 0, 0, TimeSpan.Zero);

    private static readonly GraduateRegistered Registered = new("tjqg", 2024, "2024JX0001", "JX", "机电一体化技术", ["LowIncome"]);

    private static readonly GraduateDestinationReported Reported = new(
        "report-0001", "tjqg", 2024, "2024JX0001", Destination.ContractEmployment, new DateOnly(2024, 7, 1),
        new DateTimeOffset(2024, 7, 2, 9, 0, 0, TimeSpan.FromHours(8)), "华为技术有限公司", "914403001922038216");

    [Fact]
    public void When_roster_events_and_reports_are_valid_should_report_no_errors()
    {
        Assert.Empty(PlacementValidation.Validate(Registered, TestInstitutions.Catalog));
        Assert.Empty(PlacementValidation.Validate(Registered with { Disadvantaged = [], Major = null }, TestInstitutions.Catalog));
        Assert.Empty(PlacementValidation.Validate(new GraduateWithdrawn("tjqg", 2024, "2024JX0001", "延期毕业"), TestInstitutions.Catalog));
        Assert.Empty(PlacementValidation.Validate(Reported, TestInstitutions.Catalog, Now));
        Assert.Empty(PlacementValidation.Validate(Reported with { EmployerName = null, EmployerCreditCode = null }, TestInstitutions.Catalog, Now));
    }

    public static TheoryData<string, GraduateRegistered> BrokenRegistrations => new()
    {
        { "institutionId: 'nankai' is not a configured institution", Registered with { InstitutionId = "nankai" } },
        { "cohortYear: 1999 is not a cohort year between 2000 and 2100", Registered with { CohortYear = 1999 } },
        { "cohortYear: 2101 is not a cohort year", Registered with { CohortYear = 2101 } },
        { "graduateId: required", Registered with { GraduateId = "" } },
        { "unitCode: required", Registered with { UnitCode = " " } },
        { "unitCode: 'XX' is not a unit of tjqg", Registered with { UnitCode = "XX" } },
        { "disadvantaged: 'Orphan' is not one of", Registered with { Disadvantaged = ["LowIncome", "Orphan"] } },
        { "major: contains U+0000 (a NUL character) at position 3", Registered with { Major = "机电\0一体化" } },
        { "major: 201 characters, over the limit of 200", Registered with { Major = new string('专', 201) } },
    };

    [Theory]
    [MemberData(nameof(BrokenRegistrations))]
    public void When_a_registration_breaks_a_rule_should_report_one_error_naming_the_field(string expected, GraduateRegistered registration)
    {
        var error = Assert.Single(PlacementValidation.Validate(registration, TestInstitutions.Catalog));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_withdrawal_breaks_rules_should_report_each_field()
    {
        var errors = PlacementValidation.Validate(new GraduateWithdrawn("nankai", 24, "", "延期毕业"), TestInstitutions.Catalog);

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("institutionId:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("cohortYear: 24 ", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("graduateId: required", errors[2], StringComparison.Ordinal);
    }

    public static TheoryData<string, GraduateDestinationReported> BrokenReports => new()
    {
        { "reportId: required", Reported with { ReportId = "" } },
        { "institutionId: 'nankai' is not a configured institution", Reported with { InstitutionId = "nankai" } },
        { "graduateId: 101 characters, over the limit of 100", Reported with { GraduateId = new string('9', 101) } },
        { "destination: '99' is not a destination value", Reported with { Destination = (Destination)99 } },
        { "effectiveOn: required", Reported with { EffectiveOn = default } },
        { "effectiveOn: 2024-07-16 is in the future", Reported with { EffectiveOn = new DateOnly(2024, 7, 16) } },
        { "effectiveOn: 2022-12-31 is before the 2024 cohort's final year", Reported with { EffectiveOn = new DateOnly(2022, 12, 31) } },
        { "reportedAt: required", Reported with { ReportedAt = default } },
        { "reportedAt: 2024-07-15T10:06:00.0000000+08:00 is in the future", Reported with { ReportedAt = new DateTimeOffset(2024, 7, 15, 10, 6, 0, TimeSpan.FromHours(8)) } },
        { "employerCreditCode: '914403001922038217' check character is '7', expected '6'", Reported with { EmployerCreditCode = "914403001922038217" } },
        { "employerName: contains U+0000 (a NUL character) at position 3", Reported with { EmployerName = "华为\0技术有限公司" } },
        { "employerName: 201 characters, over the limit of 200", Reported with { EmployerName = new string('企', 201) } },
        { "reportedAt: 1999-12-31T10:00:00.0000000+08:00 is before 2000", Reported with { ReportedAt = new DateTimeOffset(1999, 12, 31, 10, 0, 0, TimeSpan.FromHours(8)) } },
    };

    [Theory]
    [MemberData(nameof(BrokenReports))]
    public void When_a_destination_report_breaks_a_rule_should_report_one_error_naming_the_field(string expected, GraduateDestinationReported report)
    {
        var error = Assert.Single(PlacementValidation.Validate(report, TestInstitutions.Catalog, Now));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_report_is_stamped_a_few_minutes_ahead_of_the_clock_should_accept_it()
    {
        var skewed = Reported with { ReportedAt = Now.AddMinutes(4) };

        Assert.Empty(PlacementValidation.Validate(skewed, TestInstitutions.Catalog, Now));
    }

    [Fact]
    public void When_a_withdrawal_or_reinstatement_has_no_reason_should_reject_it()
    {
        Assert.Equal(["reason: required"], PlacementValidation.Validate(new GraduateWithdrawn("tjqg", 2024, "2024JX0001", null!), TestInstitutions.Catalog));
        Assert.Equal(["reason: required"], PlacementValidation.Validate(new GraduateReinstated("tjqg", 2024, "2024JX0001", " "), TestInstitutions.Catalog));
        Assert.Empty(PlacementValidation.Validate(new GraduateReinstated("tjqg", 2024, "2024JX0001", "误报延期毕业"), TestInstitutions.Catalog));
    }

    [Fact]
    public void When_a_unit_code_is_in_another_letter_case_should_accept_it_and_keep_the_configured_code_and_only_the_flag()
    {
        var registration = Registered with { UnitCode = "rg", Disadvantaged = ["Disability", "LowIncome"] };

        var entry = PlacementValidation.Entry(registration, TestInstitutions.Catalog);

        Assert.Empty(PlacementValidation.Validate(registration, TestInstitutions.Catalog));
        Assert.Equal(new RosterEntry("tjqg", 2024, "2024JX0001", "RG", true), entry);
        Assert.Equal(entry.Fingerprint, PlacementValidation.Entry(registration with { Disadvantaged = ["Other"], Major = null }, TestInstitutions.Catalog).Fingerprint);
        Assert.NotEqual(entry.Fingerprint, PlacementValidation.Entry(registration with { Disadvantaged = [] }, TestInstitutions.Catalog).Fingerprint);
    }

    [Fact]
    public void When_every_disadvantaged_category_is_used_should_accept_each()
    {
        string[] all = ["LowIncome", "PovertyAlleviated", "ZeroEmploymentFamily", "Disability", "LongTermUnemployed", "Other"];

        Assert.Empty(PlacementValidation.Validate(Registered with { Disadvantaged = all }, TestInstitutions.Catalog));
    }
}
