using Monitor.Worker.Visits;

namespace Monitor.Tests.Visits;

public class EmployerIdentitySpecs
{
    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91440300708461136T")] // 深圳市腾讯计算机系统有限公司
    [InlineData("91110000802100433B")] // 北京百度网讯科技有限公司
    [InlineData("91110108551385082Q")] // 小米科技有限责任公司
    public void When_a_published_credit_code_is_checked_should_accept_it(string code)
    {
        Assert.Null(EmployerIdentity.CheckCreditCode(code));
    }

    [Fact]
    public void When_the_check_character_is_wrong_should_name_the_expected_one()
    {
        var problem = EmployerIdentity.CheckCreditCode("914403001922038217");

        Assert.NotNull(problem);
        Assert.Contains("expected '6'", problem, StringComparison.Ordinal);
        Assert.Contains("'7'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_check_character_is_computed_should_follow_GB_32100_2015()
    {
        // Σ value×weight over 华为's first 17 characters is 831; 31 − 831 mod 31 = 31 − 25 = 6.
        Assert.Equal('6', EmployerIdentity.CheckCharacter("91440300192203821"));
        Assert.Equal('T', EmployerIdentity.CheckCharacter("91440300708461136"));
    }

    [Theory]
    [InlineData("91440300192203821", 17)]
    [InlineData("9144030019220382160", 19)]
    [InlineData("", 0)]
    public void When_a_code_has_the_wrong_length_should_say_how_long_it_is(string code, int length)
    {
        Assert.Equal($"must have 18 characters, has {length}", EmployerIdentity.CheckCreditCode(code));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void When_a_code_contains_a_letter_the_standard_excludes_should_reject_it(char letter)
    {
        var code = "91440300" + letter + "922038216";

        var problem = EmployerIdentity.CheckCreditCode(code);

        Assert.NotNull(problem);
        Assert.Contains($"character 9 '{letter}' is not allowed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_code_is_written_in_lower_case_or_full_width_should_normalise_to_the_valid_code()
    {
        Assert.Equal("91440300708461136T", EmployerIdentity.NormaliseCreditCode(" 91440300708461136t "));
        Assert.Equal("914403001922038216", EmployerIdentity.NormaliseCreditCode("９１４４０３００１９２２０３８２１６"));
    }

    [Theory]
    [InlineData("天津（滨海）智能装备有限公司", "天津(滨海)智能装备有限公司")]
    [InlineData("天津滨海 智能装备 有限公司", "天津滨海智能装备有限公司")]
    [InlineData("天津滨海智能装备有限公司\u3000", "天津滨海智能装备有限公司")]
    [InlineData("  Tianjin ABC Co., Ltd. ", "tianjinabcco.,ltd.")]
    [InlineData("ＴＩＡＮＪＩＮ ａｂｃ", "TianJin ABC")]
    public void When_names_differ_only_in_brackets_spaces_width_or_case_should_be_the_same_employer(string written, string other)
    {
        Assert.Equal(EmployerIdentity.NormaliseName(other), EmployerIdentity.NormaliseName(written));
        Assert.Equal(EmployerIdentity.Key(other, null), EmployerIdentity.Key(written, null));
    }

    [Theory]
    [InlineData("天津滨海智能装备有限公司", "天津北辰智能装备有限公司")]
    [InlineData("天津(滨海)智能装备有限公司", "天津滨海智能装备有限公司")]
    [InlineData("天津滨海智能装备有限公司", "天津滨海智能装备股份有限公司")]
    public void When_names_are_different_companies_should_stay_distinct(string one, string other)
    {
        Assert.NotEqual(EmployerIdentity.Key(one, null), EmployerIdentity.Key(other, null));
    }

    [Fact]
    public void When_a_credit_code_is_given_should_identify_the_employer_by_code_whatever_its_name()
    {
        Assert.Equal(
            EmployerIdentity.Key("华为技术有限公司", "914403001922038216"),
            EmployerIdentity.Key("华为", " 914403001922038216"));
        Assert.NotEqual(
            EmployerIdentity.Key("华为技术有限公司", "914403001922038216"),
            EmployerIdentity.Key("华为技术有限公司", null));
    }
}
