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
        { "visitId: 101 characters, over the limit of 100", Valid with { VisitId = new string('x', 101) } },
        { "institutionId: 'nankai' is not a configured institution", Valid with { InstitutionId = "nankai" } },
        { "institutionId: required", Valid with { InstitutionId = "" } },
        { "tier: '7' is not Leadership or Unit", Valid with { Tier = (VisitTier)7 } },
        { "unitCode: required for a Unit visit", Valid with { UnitCode = null } },
        { "unitCode: 'XX' is not a unit of tjqg", Valid with { UnitCode = "XX" } },
        { "employerName: required", Valid with { EmployerName = "  " } },
        { "employerName: 201 characters, over the limit of 200", Valid with { EmployerName = new string('企', 201) } },
        { "employerCreditCode: '914403001922038217' check character is '7', expected '6'", Valid with { EmployerCreditCode = "914403001922038217" } },
        { "employerCreditCode: '9144030019220382' must have 18 characters", Valid with { EmployerCreditCode = "9144030019220382" } },
        { "visitedOn: required", Valid with { VisitedOn = default } },
        { "visitedOn: 2024-06-16 is in the future", Valid with { VisitedOn = new DateOnly(2024, 6, 16) } },
        { "mode: '9' is not Outgoing or Incoming", Valid with { Mode = (VisitMode)9 } },
        { "positionsOpened: -1 is not between 0 and 100000", Valid with { PositionsOpened = -1 } },
        { "positionsOpened: 100001 is not between 0 and 100000", Valid with { PositionsOpened = 100_001 } },
        { "employerName: contains U+0000 (a NUL character) at position 5", Valid with { EmployerName = "华为技术\0有限公司" } },
        { "employerName: contains U+000A (a line break) at position 3", Valid with { EmployerName = "华为\n技术有限公司" } },
        { "employerName: contains U+202E (a bidirectional override) at position 1", Valid with { EmployerName = "\u202E司公限有术技为华" } },
        { "employerName: contains U+D800 (half of a broken surrogate pair)", Valid with { EmployerName = "华为\uD800" } },
        { "visitId: contains U+001B (a control character) at position 7", Valid with { VisitId = "visit-\u001B[31m" } },
        { "employerCreditCode: '9144030019220382160000000000000000000000…' (41 characters) is not a credit code", Valid with { EmployerCreditCode = "91440300192203821600000000000000000000000" } },
        { "visitedOn: 1999-12-31 is before 2000", Valid with { VisitedOn = new DateOnly(1999, 12, 31) } },
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
    public void When_a_value_is_huge_should_quote_only_its_beginning_and_say_its_length()
    {
        var error = Assert.Single(Errors(Valid with { EmployerName = new string('企', 10_000_000) }));

        Assert.Equal("employerName: 10,000,000 characters, over the limit of 200 ('企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企企…' (10,000,000 characters))", error);
    }

    [Fact]
    public void When_text_holds_emoji_right_to_left_script_or_markup_should_accept_it_as_written()
    {
        Assert.Empty(Errors(Valid with { EmployerName = "شركة 天津 😀 <script>alert(1)</script> '; DROP TABLE visits; --" }));
    }

    [Fact]
    public void When_a_unit_code_or_credit_code_is_written_in_another_letter_case_should_accept_it_and_store_the_configured_forms()
    {
        var visit = Valid with { UnitCode = "jx", EmployerCreditCode = " 914403001922038216 ".Replace('1', '１') };

        var normalised = VisitValidation.Normalise(visit, TestInstitutions.Catalog);

        Assert.Empty(Errors(visit));
        Assert.Equal(("JX", "914403001922038216"), (normalised.UnitCode, normalised.EmployerCreditCode));
        Assert.Equal(
            VisitValidation.Normalise(Valid with { EmployerCreditCode = "91440300192203821T".ToLowerInvariant() }, TestInstitutions.Catalog).EmployerCreditCode,
            VisitValidation.Normalise(Valid with { EmployerCreditCode = "91440300192203821T" }, TestInstitutions.Catalog).EmployerCreditCode);
    }

    [Fact]
    public void When_a_cancellation_has_no_reason_or_a_control_character_in_it_should_reject_it()
    {
        Assert.Equal(["reason: required"], VisitValidation.Validate(new EnterpriseVisitCancelled("visit-0001", "tjqg", null!), TestInstitutions.Catalog));
        Assert.StartsWith(
            "reason: contains U+0000",
            Assert.Single(VisitValidation.Validate(new EnterpriseVisitCancelled("visit-0001", "tjqg", "误录\0"), TestInstitutions.Catalog)),
            StringComparison.Ordinal);
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
