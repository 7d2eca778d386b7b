using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Visits;

/// <summary>Redelivery over the real broker, in a worker of its own so the queue's delivery count is this test's.</summary>
public sealed class RedeliveryTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string VisitRecordedQueue = "monitor-enterprise-visit-recorded";

    [Fact]
    public async Task When_a_visit_is_redelivered_should_count_it_once()
    {
        var visit = new EnterpriseVisitRecorded(
            "v-redelivered", WorkerEnvironment.Institution, VisitTier.Leadership, null, "天津渤海化工集团有限责任公司", null, new DateOnly(2024, 5, 10), VisitMode.Outgoing, 8);
        const string Raw = """
            {"visitId":"v-redelivered","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津渤海化工集团有限责任公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":8}
            """;

        await env.Worker.PublishAsync(visit);
        await env.Worker.PublishAsync(visit);
        await env.Broker.PublishRawAsync("Monitor.Messages:EnterpriseVisitRecorded", Raw);

        // All three deliveries consumed and acknowledged (none left in the queue or its error queue).
        await Eventually.UntilAsync(
            () => env.VirtualHost.GetQueueStatsAsync(VisitRecordedQueue),
            stats => stats.Acknowledged >= 3 && stats.Messages == 0,
            "the three deliveries are consumed",
            TimeSpan.FromSeconds(30));
        Assert.Empty(await env.Broker.PeekQueueAsync($"{VisitRecordedQueue}_error"));

        Assert.Equal(1, await env.CountAsync("SELECT count(*) FROM visits WHERE visit_id = 'v-redelivered'"));
        var leadership = Assert.Single(await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, "leadership-visits-2024", CancellationToken.None));
        Assert.Equal(1m, leadership.Assessment.Actual);
        Assert.Equal(8, leadership.Measurement.PositionsOpened);
        await env.Broker.SettleAsync();
        Assert.Empty(env.Broker.Rejections);
    }
}
