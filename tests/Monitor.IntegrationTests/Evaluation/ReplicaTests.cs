using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>Two worker replicas on one database and one virtual host.</summary>
public sealed class ReplicaTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const int Rounds = 3;

    [Fact]
    public async Task When_two_replicas_evaluate_at_the_same_time_should_publish_each_alert_exactly_once()
    {
        var second = await env.StartWorkerAsync();
        var first = env.Worker;
        var alertsAtStart = env.Broker.Alerts.Count;

        // 10 leadership employers by mid-June is far behind the pace (about 46 owed): a bad status that changes and
        // persists, so every round raises an alert — the change, then a reminder each time the reminder interval (28 days)
        // has passed. One more employer a round keeps the feed alive (no NoData) and the college far behind.
        await VisitData.PublishAsync(env, first, VisitData.Leadership("replica", 10), 10);
        for (var round = 1; round <= Rounds; round++)
        {
            if (round > 1)
            {
                env.Clock.Advance(TimeSpan.FromDays(29));
                var today = DateOnly.FromDateTime(env.Clock.GetUtcNow().UtcDateTime);
                await VisitData.PublishAsync(env, first, [VisitData.Leadership($"replica-round{round}", 1)[0] with { VisitedOn = today.AddDays(-1) }], 10 + round - 1);
            }

            await Task.WhenAll(
                Task.Run(() => first.Evaluator.EvaluateAsync(null, null, CancellationToken.None)),
                Task.Run(() => second.Evaluator.EvaluateAsync(null, null, CancellationToken.None)));
            await env.SettleAsync();
        }

        var alerts = env.Broker.Alerts;
        Assert.All(alerts.GroupBy(a => a.AlertId), sameId => Assert.Single(sameId));
        Assert.Equal(alerts.Count, await env.CountAsync("SELECT count(*) FROM alerts"));
        Assert.Equal(alerts.Count, await env.CountAsync("SELECT count(DISTINCT alert_id) FROM alerts"));

        // Each round raised the leadership alert once: the change to a pace status, then a reminder every 29 days.
        var leadership = alerts.Skip(alertsAtStart).Where(a => a.TargetId == "leadership-visits-2024" && a.UnitCode is null).ToList();
        Assert.Equal(Rounds, leadership.Count);
        Assert.False(leadership[0].IsReminder);
        Assert.All(leadership.Skip(1), a => Assert.True(a.IsReminder));
        Assert.Equal(Enumerable.Range(10, Rounds).Select(n => (decimal)n), leadership.Select(a => a.Actual));
    }
}
