using Monitor.IntegrationTests.Infrastructure;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Maintenance;

/// <summary><c>purge</c> of a cohort after its year: counts first, deletes with --yes, refuses a cohort whose year runs.</summary>
public sealed class PurgeTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    [Fact]
    public async Task When_a_cohort_year_is_over_should_delete_its_roster_and_reports_only_with_yes_and_refuse_the_running_year()
    {
        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateRegistered", """{"institutionId":"tjqg","cohortYear":2023,"graduateId":"old-1","unitCode":"JX","major":null,"disadvantaged":["Disability"]}""");
        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateRegistered", """{"institutionId":"tjqg","cohortYear":2024,"graduateId":"new-1","unitCode":"JX","major":null,"disadvantaged":[]}""");
        await env.Broker.PublishRawAsync("Monitor.Messages:GraduateDestinationReported", """{"reportId":"old-r1","institutionId":"tjqg","cohortYear":2023,"graduateId":"old-1","destination":"FurtherStudy","effectiveOn":"2023-07-01","reportedAt":"2023-07-02T09:00:00+08:00","employerName":null,"employerCreditCode":null}""");
        await Eventually.UntilAsync(() => env.CountAsync("SELECT (SELECT count(*) FROM graduates) + (SELECT count(*) FROM destination_reports)"), n => n == 3, "the roster and the report are stored");

        var (countExit, count) = await RunAsync("--cohort", "2023");
        var kept = await env.CountAsync("SELECT count(*) FROM graduates WHERE cohort_year = 2023");
        var (exit, output) = await RunAsync("--cohort", "2023", "--yes", "--Monitor:Language=en");
        // The command reads the system clock: the year running now in Tianjin.
        var thisYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var (runningExit, running) = await RunAsync("--cohort", thisYear.ToString(System.Globalization.CultureInfo.InvariantCulture), "--yes");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.InputRejected), (countExit, exit, runningExit));
        Assert.Contains("tjqg 2023 届：将删除毕业生 1 人（其中已退出 0 人）、毕业去向记录 1 条。", count, StringComparison.Ordinal);
        Assert.Equal(1, kept);
        Assert.Contains("tjqg 2023: deleted 1 graduate(s), 0 withdrawal(s), 0 reinstatement(s), 1 destination report(s).", output, StringComparison.Ordinal);
        Assert.Contains($"tjqg 的 {thisYear} 届尚未结束", running, StringComparison.Ordinal);
        Assert.Equal(0, await env.CountAsync("SELECT (SELECT count(*) FROM graduates WHERE cohort_year = 2023) + (SELECT count(*) FROM destination_reports WHERE cohort_year = 2023)"));
        Assert.Equal(1, await env.CountAsync("SELECT count(*) FROM graduates WHERE cohort_year = 2024"));
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] options) =>
        CliRun.RunAsync(["purge", "--institution", "tjqg", .. options, "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", env.Database.ConnectionString]);
}
