using System.Globalization;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Tests.Support;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.Tools.Maintenance;

/// <summary>
/// <c>status</c> shows what waits in the error queues, and <c>redrive</c> moves it back to be read again — as an older
/// version left events parked after a database outage. Running it again moves nothing and changes nothing.
/// </summary>
public sealed class RedriveTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Queue = "monitor-enterprise-visit-recorded";

    [Fact]
    public async Task When_events_are_parked_in_an_error_queue_should_show_them_in_status_and_redrive_them_once()
    {
        // Refused for its content: it stays where it is unless --all is given.
        await env.Broker.PublishRawAsync("Monitor.Messages:EnterpriseVisitRecorded", """
            {"visitId":"refused-1","institutionId":"tjqg","tier":"Unit","unitCode":"XX","employerName":"天津拒收有限公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":1}
            """);
        await Eventually.UntilAsync(() => env.Broker.PeekQueueAsync($"{Queue}_error"), q => q.Count == 1, "the refused visit is in the error queue");
        for (var i = 1; i <= 5; i++)
        {
            await env.Broker.PutInQueueAsync($"{Queue}_error", $$"""
                {"visitId":"parked-{{i}}","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津搁置{{i}}有限公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":1}
                """);
        }

        // The management API's counts trail the queues by a few seconds.
        await Eventually.UntilAsync(() => env.VirtualHost.GetQueueStatsAsync($"{Queue}_error"), s => s.Messages == 6, "the management API counts the six", TimeSpan.FromSeconds(30));
        var (statusExit, status) = await RunAsync("status", "--Monitor:Language=en");
        var (dryExit, dry) = await RunAsync("redrive", "--dry-run", "--Monitor:Language=en");
        var (exit, output) = await RunAsync("redrive", "--Monitor:Language=en");
        await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits WHERE visit_id LIKE 'parked-%'"), n => n == 5, "the five parked visits are stored");
        var (againExit, again) = await RunAsync("redrive");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (statusExit, dryExit, exit, againExit));
        Assert.Contains($"│ {Queue} ", status, StringComparison.Ordinal);
        Assert.Contains("6 message(s) in error queues", status, StringComparison.Ordinal);
        Assert.Contains("5 message(s) would be moved.", dry, StringComparison.Ordinal);
        Assert.Contains($"{Queue}_error -> {Queue}: 5 moved, 1 refused for their content left (--all moves them too)", output, StringComparison.Ordinal);
        Assert.Contains("共移回 0 条消息。", again, StringComparison.Ordinal);
        Assert.Contains("refused-1", Assert.Single(await env.Broker.PeekQueueAsync($"{Queue}_error")), StringComparison.Ordinal);
        Assert.Equal(5, await env.CountAsync("SELECT count(*) FROM visits WHERE visit_id LIKE 'parked-%'"));
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] command) => CliRun.RunAsync(
    [
        .. command,
        "--Monitor:Transport=RabbitMq",
        "--Monitor:Storage=Postgres",
        "--ConnectionStrings:Monitor", env.Database.ConnectionString,
        $"--RabbitMqTransport:Host={TestSettings.RabbitMqHost}",
        $"--RabbitMqTransport:Port={TestSettings.RabbitMqPort.ToString(CultureInfo.InvariantCulture)}",
        $"--RabbitMqTransport:VHost={env.VirtualHost.Name}",
        $"--RabbitMqTransport:User={TestSettings.RabbitMqUser}",
        $"--RabbitMqTransport:Pass={TestSettings.RabbitMqPass}",
        $"--Monitor:RabbitMqManagementUrl={TestSettings.RabbitMqManagement}",
    ]);
}
