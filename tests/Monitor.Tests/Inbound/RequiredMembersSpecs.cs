using System.Text.Json;
using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Tests.Inbound;

public class RequiredMembersSpecs
{
    private static readonly JsonSerializerOptions Options = RequiredMembers.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private const string Visit =
        """{"visitId":"v1","institutionId":"tjqg","tier":"Unit","unitCode":"JX","employerName":"天津港集团","visitedOn":"2024-05-10","mode":"Incoming","positionsOpened":4}""";

    [Fact]
    public void When_every_member_is_present_should_read_the_visit()
    {
        var visit = JsonSerializer.Deserialize<EnterpriseVisitRecorded>(Visit, Options)!;

        Assert.Equal((VisitTier.Unit, VisitMode.Incoming, 4, new DateOnly(2024, 5, 10), (string?)null), (visit.Tier, visit.Mode, visit.PositionsOpened, visit.VisitedOn, visit.EmployerCreditCode));
    }

    [Theory]
    [InlineData("tier")]
    [InlineData("mode")]
    [InlineData("visitedOn")]
    [InlineData("positionsOpened")]
    public void When_a_value_member_is_left_out_should_refuse_the_body_naming_it(string member)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Visit)!;
        json.Remove(member);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EnterpriseVisitRecorded>(JsonSerializer.Serialize(json), Options));

        Assert.Contains($"'{member}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_destination_report_leaves_out_its_destination_should_refuse_it_rather_than_count_a_placement()
    {
        const string Report = """{"reportId":"r1","institutionId":"tjqg","graduateId":"g1","cohortYear":2024,"effectiveOn":"2024-06-01","reportedAt":"2024-06-02T09:00:00+08:00"}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GraduateDestinationReported>(Report, Options));

        Assert.Contains("'destination'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_an_outbound_or_request_message_leaves_out_members_should_read_it_as_before()
    {
        var request = JsonSerializer.Deserialize<EvaluationRequested>("{}", Options)!;

        Assert.Null(request.InstitutionId);
    }
}
