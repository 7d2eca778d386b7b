using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>A flood of evaluation requests for one scope collapses into a few evaluations (before coalescing: one each).</summary>
public sealed class EvaluationFloodTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const int ScopesPerEvaluation = 12;

    [Fact]
    public async Task When_300_requests_arrive_at_once_should_evaluate_a_few_times_and_consume_them_all()
    {
        await env.SettleAsync();
        var before = env.Broker.Snapshots.Count;
        var requests = Enumerable.Range(0, 300).Select(_ => env.Broker.PublishRawAsync("Monitor.Messages:EvaluationRequested", """{"institutionId":"tjqg","targetId":null}"""));
        await Task.WhenAll(requests);

        await Eventually.UntilAsync(
            () => env.VirtualHost.GetQueueStatsAsync("monitor-evaluation-requested"),
            s => s.Acknowledged >= 300 && s.Messages == 0,
            "the 300 requests are consumed",
            TimeSpan.FromSeconds(60));
        await env.SettleAsync();

        // While one evaluation runs, one more waits and every other request is covered by it: the count depends on how
        // long the flood lasts against how long an evaluation takes, never on the number of requests.
        var evaluations = (env.Broker.Snapshots.Count - before) / ScopesPerEvaluation;
        Assert.InRange(evaluations, 1, 30);
    }
}
