using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>Two worker replicas on one database and one virtual host.</summary>
public sealed class ReplicaTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const int Rounds = 4;

    [Fact]
    public async Task When_two_replicas_evaluate_at_the_same_time_should_publish_each_alert_exactly_once()
    {
        var second = await env.StartWorkerAsync();
        var first = env.Worker;
        var alertsAtStart = env.Broker.Alerts.Count;

        // 30 leadership employers by mid-June is behind the pace (about 45): a bad status that changes and persists, so
        // every round raises alerts (changes, then reminders once a week has passed).
        await VisitData.PublishAsync(env, first, VisitData.Leadership("replica", 30), 30);
        for (var round = 1; round <= Rounds; round++)
        {
            if (round > 1)
            {
                env.Clock.Advance(TimeSpan.FromDays(8));
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

        // Each round raised the leadership alert once: the change to a pace status, then a reminder every 8 days.
        var leadership = alerts.Skip(alertsAtStart).Where(a => a.TargetId == "leadership-visits-2024" && a.UnitCode is null).ToList();
        Assert.Equal(Rounds, leadership.Count);
        Assert.False(leadership[0].IsReminder);
        Assert.All(leadership.Skip(1), a => Assert.True(a.IsReminder));
        Assert.All(leadership, a => Assert.Equal(30m, a.Actual));
    }
}
