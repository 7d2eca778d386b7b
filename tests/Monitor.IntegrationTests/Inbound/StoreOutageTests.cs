using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Inbound;

namespace Monitor.IntegrationTests.Inbound;

/// <summary>
/// PostgreSQL unreachable for longer than any retry would wait: events arriving meanwhile are held, not parked in an
/// error queue, readiness says why and how many are held, and once the database answers every event is stored.
/// </summary>
public sealed class StoreOutageTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Exchange = "Monitor.Messages:EnterpriseVisitRecorded";
    private const string Queue = "monitor-enterprise-visit-recorded";

    [Fact]
    public async Task When_the_database_is_unreachable_for_longer_than_the_retries_should_hold_events_report_not_ready_and_store_them_all_after()
    {
        var health = env.Worker.Services.GetRequiredService<HealthCheckService>();
        var gate = env.Worker.Services.GetRequiredService<StoreGate>();
        await env.Database.SetReachableAsync(false);
        try
        {
            for (var i = 1; i <= 20; i++)
            {
                await env.Broker.PublishRawAsync(Exchange, $$"""
                    {"visitId":"outage-{{i}}","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津停电测试{{i}}有限公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":1}
                    """);
            }

            var report = await Eventually.UntilAsync(
                () => health.CheckHealthAsync(c => c.Tags.Contains("ready")),
                r => r.Entries["inbound"].Status == HealthStatus.Unhealthy && gate.Held > 0,
                "readiness says events cannot be stored");
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.Contains("held by this worker", report.Entries["inbound"].Description, StringComparison.Ordinal);

            // Longer than the retries of any other failure (0.2 + 1 + 5 s), and nothing is given up.
            await Task.Delay(TimeSpan.FromSeconds(10));
            Assert.Empty(await env.Broker.PeekQueueAsync($"{Queue}_error"));
            Assert.False(gate.IsOpen);
        }
        finally
        {
            await env.Database.SetReachableAsync(true);

            // The test's own pooled connections were ended with the worker's.
            env.Database.DataSource.Clear();
        }

        await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits WHERE visit_id LIKE 'outage-%'"), n => n == 20, "every held visit is stored", TimeSpan.FromSeconds(60));
        var after = await Eventually.UntilAsync(() => health.CheckHealthAsync(c => c.Tags.Contains("ready")), r => r.Entries["inbound"].Status == HealthStatus.Healthy, "readiness says events are stored again");
        Assert.Equal("events are being stored", after.Entries["inbound"].Description);
        Assert.Equal(0, gate.Held);
        Assert.Empty(await env.Broker.PeekQueueAsync($"{Queue}_error"));
        await env.Broker.SettleAsync();
        Assert.Empty(env.Broker.Rejections);
    }
}
