using Monitor.IntegrationTests.Infrastructure;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>A worker stopped and started again on the same PostgreSQL and virtual host.</summary>
public sealed class RestartTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private static readonly string[] Units = ["JX", "DZ", "RG"];

    [Fact]
    public async Task When_the_worker_restarts_should_keep_its_totals_and_not_resend_old_alerts()
    {
        var unitVisits = Units.Select((unit, i) => VisitData.Leadership($"unit-{unit}", 5 + i)
            .Select(v => v with { Tier = Messages.VisitTier.Unit, UnitCode = unit }))
            .SelectMany(v => v)
            .ToList();
        await VisitData.PublishAsync(env, env.Worker, [.. VisitData.Leadership("restart", 40), .. unitVisits], 40 + unitVisits.Count);
        var before = await env.Worker.Evaluator.EvaluateAsync(null, null, CancellationToken.None);
        await env.SettleAsync();
        var alertsBefore = env.Broker.Alerts;
        var storedBefore = await env.CountAsync("SELECT count(*) FROM alerts");
        Assert.NotEmpty(alertsBefore);

        await env.Worker.StopAsync();
        var restarted = await env.StartWorkerAsync();
        var after = await restarted.Evaluator.EvaluateAsync(null, null, CancellationToken.None);
        await env.SettleAsync();

        Assert.Equal(Totals(before), Totals(after));
        Assert.Equal(40m, after.Single(e => e.Target.Id == "leadership-visits-2024").Assessment.Actual);
        Assert.Equal(alertsBefore.Select(a => a.AlertId), env.Broker.Alerts.Select(a => a.AlertId));
        Assert.Equal(storedBefore, await env.CountAsync("SELECT count(*) FROM alerts"));
    }

    private static IReadOnlyList<string> Totals(IEnumerable<Worker.Targets.ScopeEvaluation> evaluations) =>
        [.. evaluations
            .Select(e => $"{e.Target.Id}/{e.UnitCode}: {e.Assessment.Actual} ({e.Assessment.Numerator}/{e.Assessment.Denominator}) {e.Measurement.PositionsOpened} {e.AnnouncedStatus}")
            .Order(StringComparer.Ordinal)];
}
