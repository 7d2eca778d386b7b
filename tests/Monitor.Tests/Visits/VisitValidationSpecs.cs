using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Visits;

public class VisitValidationSpecs
{
    // 10:00 on 15 June 2024 in Tianjin.
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private static readonly EnterpriseVisitRecorded Valid = new(
        "visit-0001", "tjqg", VisitTier.Unit, "JX", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 6, 14), VisitMode.Outgoing, 12);

    private static IReadOnlyList<string> Errors(EnterpriseVisitRecorded visit, DateTimeOffset? now = null) =>
        VisitValidation.Validate(visit, TestInstitutions.Catalog, now ?? Now);

    [Fact]
    public void When_a_visit_is_valid_should_report_no_errors()
    {
        Assert.Empty(Errors(Valid));
        Assert.Empty(Errors(Valid with { Tier = VisitTier.Leadership, UnitCode = null, EmployerCreditCode = null, Mode = VisitMode.Incoming, PositionsOpened = 0 }));
    }

    public static TheoryData<string, EnterpriseVisitRecorded> Broken => new()
    {
        { "visitId: required", Valid with { VisitId = " " } },
        { "visitId: longer than 100", Valid with { VisitId = new string('x', 101) } },
        { "institutionId: 'nankai' is not a configured institution", Valid with { InstitutionId = "nankai" } },
        { "institutionId: required", Valid with { InstitutionId = "" } },
        { "tier: '7' is not Leadership or Unit", Valid with { Tier = (VisitTier)7 } },
        { "unitCode: required for a Unit visit", Valid with { UnitCode = null } },
        { "unitCode: 'XX' is not a unit of tjqg", Valid with { UnitCode = "XX" } },
        { "employerName: required", Valid with { EmployerName = "  " } },
        { "employerName: longer than 200", Valid with { EmployerName = new string('企', 201) } },
        { "employerCreditCode: '914403001922038217' check character is '7', expected '6'", Valid with { EmployerCreditCode = "914403001922038217" } },
        { "employerCreditCode: '9144030019220382' must have 18 characters", Valid with { EmployerCreditCode = "9144030019220382" } },
        { "visitedOn: required", Valid with { VisitedOn = default } },
        { "visitedOn: 2024-06-16 is in the future", Valid with { VisitedOn = new DateOnly(2024, 6, 16) } },
        { "mode: '9' is not Outgoing or Incoming", Valid with { Mode = (VisitMode)9 } },
        { "positionsOpened: -1 is not between 0 and 100000", Valid with { PositionsOpened = -1 } },
        { "positionsOpened: 100001 is not between 0 and 100000", Valid with { PositionsOpened = 100_001 } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void When_a_rule_is_broken_should_report_one_error_naming_the_field(string expected, EnterpriseVisitRecorded visit)
    {
        var error = Assert.Single(Errors(visit));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void When_it_is_already_the_next_day_in_Tianjin_should_accept_a_visit_dated_that_day()
    {
        // 17:00 UTC on 15 June is 01:00 on 16 June in Asia/Shanghai.
        var lateEvening = new DateTimeOffset(2024, 6, 15, 17, 0, 0, TimeSpan.Zero);

        Assert.Empty(Errors(Valid with { VisitedOn = new DateOnly(2024, 6, 16) }, lateEvening));
    }

    [Fact]
    public void When_a_credit_code_is_written_in_lower_case_should_accept_it()
    {
        Assert.Empty(Errors(Valid with { EmployerCreditCode = "91440300708461136t" }));
    }

    [Fact]
    public void When_several_rules_are_broken_should_report_every_one()
    {
        var errors = Errors(Valid with { UnitCode = "XX", EmployerCreditCode = "91440300I922038216", PositionsOpened = -5 });

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("unitCode:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("employerCreditCode:", StringComparison.Ordinal) && e.Contains("'I' is not allowed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("positionsOpened:", StringComparison.Ordinal));
    }

    [Fact]
    public void When_a_cancellation_names_an_unknown_institution_or_no_visit_should_reject_it()
    {
        Assert.Empty(VisitValidation.Validate(new EnterpriseVisitCancelled("visit-0001", "tjqg", "重复录入"), TestInstitutions.Catalog));
        Assert.Equal(
            ["visitId: required", "institutionId: 'nankai' is not a configured institution"],
            VisitValidation.Validate(new EnterpriseVisitCancelled("", "nankai", "重复录入"), TestInstitutions.Catalog));
    }
}
