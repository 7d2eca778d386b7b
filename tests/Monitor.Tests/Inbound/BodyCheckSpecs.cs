using System.Text;
using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Tests.Inbound;

public class BodyCheckSpecs
{
    private const string Visit =
        """{"visitId":"v1","institutionId":"tjqg","tier":"Unit","unitCode":"JX","employerName":"天津港集团","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Incoming","positionsOpened":4}""";

    private const string Report =
        """{"reportId":"r1","institutionId":"tjqg","cohortYear":2024,"graduateId":"g1","destination":"Unplaced","effectiveOn":"2024-06-01","reportedAt":"2024-06-02T09:00:00+08:00","employerName":null,"employerCreditCode":null}""";

    private static BodyProblems Check<T>(string json, bool envelope = false) => BodyCheck.Check(typeof(T), Encoding.UTF8.GetBytes(json), envelope);

    [Fact]
    public void When_a_body_meets_its_contract_should_find_nothing_raw_or_in_the_envelope()
    {
        Assert.Empty(Check<EnterpriseVisitRecorded>(Visit).Errors);
        Assert.Empty(Check<GraduateDestinationReported>(Report).Errors);
        Assert.Empty(Check<EnterpriseVisitRecorded>($$"""{"messageType":["urn:message:Monitor.Messages:EnterpriseVisitRecorded"],"message":{{Visit}}}""", envelope: true).Errors);
        Assert.Empty(Check<EnterpriseVisitRecorded>(Visit.Replace("\"Unit\"", "\"unit\"", StringComparison.Ordinal)).Errors);
    }

    public static TheoryData<string, string, string> BrokenVisits => new()
    {
        { "tier is a number", "\"tier\":\"Unit\"", "tier: '1' is a number; send one of the names Leadership, Unit (numbers are not accepted)" },
        { "tier in quotes as a number", "\"tier\":\"Unit\"", "tier: '1' is not one of Leadership, Unit" },
        { "unknown mode", "\"mode\":\"Incoming\"", "mode: 'Online' is not one of Outgoing, Incoming" },
        { "count in quotes", "\"positionsOpened\":4", "positionsOpened: expected a whole number, got the text '4'" },
        { "fractional count", "\"positionsOpened\":4", "positionsOpened: expected a whole number, got the number '4.5'" },
        { "count out of range", "\"positionsOpened\":4", "positionsOpened: expected a whole number, got the number '1e20'" },
        { "slashed date", "\"visitedOn\":\"2024-05-10\"", "visitedOn: '2024/05/10' is not a date in the form yyyy-MM-dd" },
        { "impossible date", "\"visitedOn\":\"2024-05-10\"", "visitedOn: '2024-02-30' is not a date in the form yyyy-MM-dd" },
        { "date as a number", "\"visitedOn\":\"2024-05-10\"", "visitedOn: expected a date \"yyyy-MM-dd\" in quotes, got the number '20240510'" },
        { "name as a number", "\"employerName\":\"天津港集团\"", "employerName: expected text in quotes, got the number '12'" },
        { "name as an object", "\"employerName\":\"天津港集团\"", "employerName: expected text in quotes, got an object { }" },
        { "null tier", "\"tier\":\"Unit\"", "tier: required (one of Leadership, Unit), got null" },
        { "missing tier", "\"tier\":\"Unit\",", "tier: required (one of Leadership, Unit)" },
        { "duplicate key in other case", "\"tier\":\"Unit\"", "tier: appears more than once; send each member once" },
    };

    private static readonly Dictionary<string, string> Replacements = new()
    {
        ["tier is a number"] = "\"tier\":1",
        ["tier in quotes as a number"] = "\"tier\":\"1\"",
        ["unknown mode"] = "\"mode\":\"Online\"",
        ["count in quotes"] = "\"positionsOpened\":\"4\"",
        ["fractional count"] = "\"positionsOpened\":4.5",
        ["count out of range"] = "\"positionsOpened\":1e20",
        ["slashed date"] = "\"visitedOn\":\"2024/05/10\"",
        ["impossible date"] = "\"visitedOn\":\"2024-02-30\"",
        ["date as a number"] = "\"visitedOn\":20240510",
        ["name as a number"] = "\"employerName\":12",
        ["name as an object"] = "\"employerName\":{}",
        ["null tier"] = "\"tier\":null",
        ["missing tier"] = "",
        ["duplicate key in other case"] = "\"tier\":\"Unit\",\"Tier\":\"Leadership\"",
    };

    [Theory]
    [MemberData(nameof(BrokenVisits))]
    public void When_a_member_is_of_the_wrong_kind_should_name_it_and_say_what_is_expected(string situation, string original, string expected)
    {
        var json = Visit.Replace(original, Replacements[situation], StringComparison.Ordinal);

        var problems = Check<EnterpriseVisitRecorded>(json);

        Assert.Equal([expected], problems.Errors);
        Assert.Equal(("v1", "tjqg"), (problems.BusinessId, problems.InstitutionId));
    }

    [Fact]
    public void When_every_enum_is_sent_as_a_number_should_refuse_each_naming_the_accepted_names()
    {
        var problems = Check<GraduateDestinationReported>(Report.Replace("\"Unplaced\"", "11", StringComparison.Ordinal));

        Assert.Equal(
            ["destination: '11' is a number; send one of the names AgreementEmployment, ContractEmployment, OtherEmployment, ResearchAssistant, Military, NationalGrassrootsProject, LocalGrassrootsProject, Entrepreneurship, Freelance, FurtherStudy, StudyAbroad, Unplaced, NotSeekingEmployment (numbers are not accepted)"],
            problems.Errors);
    }

    [Theory]
    [InlineData("2024-06-02T09:00:00", "reportedAt: '2024-06-02T09:00:00' has no offset")]
    [InlineData("2024-06-02", "reportedAt: '2024-06-02' has no offset")]
    [InlineData("yesterday", "reportedAt: 'yesterday' is not an ISO 8601 timestamp")]
    public void When_a_timestamp_has_no_offset_should_refuse_it_rather_than_assume_one(string reportedAt, string expected)
    {
        var problems = Check<GraduateDestinationReported>(Report.Replace("2024-06-02T09:00:00+08:00", reportedAt, StringComparison.Ordinal));

        Assert.StartsWith(expected, Assert.Single(problems.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-06-02T01:00:00Z")]
    [InlineData("2024-06-02T09:00:00.123+08:00")]
    [InlineData("2024-06-01T20:00:00-05:00")]
    public void When_a_timestamp_has_an_offset_should_accept_it(string reportedAt)
    {
        Assert.Empty(Check<GraduateDestinationReported>(Report.Replace("2024-06-02T09:00:00+08:00", reportedAt, StringComparison.Ordinal)).Errors);
    }

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("null", "the body is JSON null; expected a JSON object with the members of EnterpriseVisitRecorded")]
    [InlineData("[1,2]", "the body is a list [ ]; expected a JSON object")]
    [InlineData("\"visit\"", "the body is the text 'visit'; expected a JSON object")]
    [InlineData("{\"visitId\":", "the body is not JSON: ")]
    [InlineData("<visit/>", "the body is not JSON: ")]
    public void When_a_body_is_not_an_object_should_say_what_it_is(string body, string expected)
    {
        Assert.StartsWith(expected, Assert.Single(Check<EnterpriseVisitRecorded>(body).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_body_is_not_utf8_should_say_where_the_first_bad_byte_is()
    {
        var body = Encoding.UTF8.GetBytes(Visit).ToList();
        body.InsertRange(40, [0xC3, 0x28]);

        var problems = BodyCheck.Check(typeof(EnterpriseVisitRecorded), body.ToArray(), envelope: false);

        Assert.Equal(["the body is not valid UTF-8 (first bad byte at offset 40); JSON must be sent as UTF-8"], problems.Errors);
    }

    [Fact]
    public void When_a_string_escapes_half_a_surrogate_pair_should_refuse_it()
    {
        var problems = Check<EnterpriseVisitRecorded>(Visit.Replace("天津港集团", "\\ud800x", StringComparison.Ordinal));

        Assert.StartsWith("employerName: holds an escape that is not a character", Assert.Single(problems.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void When_an_envelope_names_another_message_type_should_say_this_queue_does_not_read_it()
    {
        var problems = Check<EnterpriseVisitRecorded>($$"""{"messageType":["urn:message:Evil:Thing"],"message":{{Visit}}}""", envelope: true);

        Assert.Equal(["messageType: 'urn:message:Evil:Thing' is not a message type this queue reads (only EnterpriseVisitRecorded)"], problems.Errors);
    }

    [Fact]
    public void When_json_is_nested_deeper_than_any_event_should_refuse_it_unread()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        Assert.StartsWith("the body is not JSON: ", Assert.Single(Check<EnterpriseVisitRecorded>(deep).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_huge_id_is_sent_should_quote_it_cut_short_as_the_business_id()
    {
        var problems = Check<EnterpriseVisitRecorded>(Visit.Replace("\"v1\"", $"\"{new string('v', 200_000)}\"", StringComparison.Ordinal).Replace("\"tier\":\"Unit\"", "\"tier\":7", StringComparison.Ordinal));

        Assert.Equal($"'{new string('v', 40)}…' (200,000 characters)", problems.BusinessId);
    }
}
