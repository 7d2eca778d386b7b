using System.Globalization;
using System.Text;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;

namespace Monitor.Tests.Tools.Replay;

/// <summary><c>replay --events</c>: dated events from a JSON Lines file go through the real consumers; bad lines stop it before anything runs.</summary>
public sealed class ReplayEventsFileSpecs : IDisposable
{
    private readonly TempFiles files = new();

    [Fact]
    public async Task When_a_file_holds_a_hundred_leadership_visits_on_new_years_day_should_announce_the_target_met_the_next_morning()
    {
        var lines = new StringBuilder();
        for (var i = 1; i <= 100; i++)
        {
            lines.AppendLine(CultureInfo.InvariantCulture, $$$"""{"type":"EnterpriseVisitRecorded","message":{"visitId":"f-{{{i}}}","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津示范企业{{{i:D3}}}有限公司","employerCreditCode":null,"visitedOn":"2024-01-01","mode":"Outgoing","positionsOpened":3}}""");
        }

        lines.AppendLine("""{"type":"EnterpriseVisitRecorded","message":{"visitId":"f-bad","institutionId":"tjqg","tier":"Unit","unitCode":"QQ","employerName":"天津另一企业有限公司","employerCreditCode":null,"visitedOn":"2024-01-01","mode":"Outgoing","positionsOpened":1}}""");
        lines.AppendLine("""{"type":"GraduateRegistered","message":{"institutionId":"tjqg","cohortYear":2024,"graduateId":"2024JX0001","unitCode":"JX","major":null,"disadvantaged":[]}}""");
        var path = files.Write("events.jsonl", lines.ToString());

        var (exitCode, output) = await CliRun.RunAsync("replay", "--events", path, "--from", "2024-01-01", "--to", "2024-01-02");

        Assert.Equal(ExitCodes.InputRejected, exitCode);
        Assert.Contains("rejected EnterpriseVisitRecorded f-bad: unitCode: 'QQ' is not a unit of tjqg", output, StringComparison.Ordinal);
        var met = output.Split('\n').Single(l => l.StartsWith("2024-01-02", StringComparison.Ordinal) && l.Contains("学院领导班子走访用人单位", StringComparison.Ordinal));
        Assert.Contains("「已达成」。已走访 100 家", met, StringComparison.Ordinal);
        Assert.Contains("2 days, 102 events replayed, 1 rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_lines_cannot_be_read_should_name_each_by_number_and_replay_nothing()
    {
        var path = files.Write(
            "bad.jsonl",
            """
            # a comment, then a good line
            {"type":"GraduateWithdrawn","message":{"institutionId":"tjqg","cohortYear":2024,"graduateId":"2024JX0001","reason":"延期毕业"}}
            {"type":"VisitPlanned","message":{}}
            {"type":"EvaluationRequested","message":{"institutionId":"tjqg"}}
            not json
            {"type":"EnterpriseVisitRecorded","on":"2024-02-30","message":{}}
            {"type":"EnterpriseVisitRecorded","message":{"tier":"Boss"}}
            """);

        var (exitCode, output) = await CliRun.RunAsync("replay", "--events", path);

        Assert.Equal(ExitCodes.InputRejected, exitCode);
        Assert.Contains("Nothing replayed: 5 line(s) cannot be read:", output, StringComparison.Ordinal);
        Assert.Contains($"{path} line 3: type 'VisitPlanned' is not an inbound event", output, StringComparison.Ordinal);
        Assert.Contains($"{path} line 4: EvaluationRequested is not replayed", output, StringComparison.Ordinal);
        Assert.Contains($"{path} line 5: ", output, StringComparison.Ordinal);
        Assert.Contains($"{path} line 6: \"on\": '2024-02-30' is not a date yyyy-MM-dd", output, StringComparison.Ordinal);
        Assert.Contains($"{path} line 7: ", output, StringComparison.Ordinal);
        Assert.Contains("Path: $.tier", output, StringComparison.Ordinal);
        Assert.DoesNotContain("events replayed", output, StringComparison.Ordinal);
    }

    public void Dispose() => files.Dispose();
}
