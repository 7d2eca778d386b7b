using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Visits;

namespace Monitor.IntegrationTests.Visits;

/// <summary>Cancelled visits stop counting, whichever of visit and cancellation arrives first.</summary>
public sealed class CancellationTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Institution = WorkerEnvironment.Institution;

    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task When_a_visit_is_cancelled_should_stop_counting_it()
    {
        var cancelled = Visit($"v-cancelled-{run}", $"天津某某电子有限公司{run}");
        var kept = Visit($"v-kept-{run}", $"天津某某机械有限公司{run}");
        await env.Worker.PublishAsync(cancelled);
        await env.Worker.PublishAsync(kept);
        await Eventually.UntilAsync(ActiveVisitIdsAsync, ids => ids.Contains(cancelled.VisitId) && ids.Contains(kept.VisitId), "both visits are counted");
        var before = await LeadershipActualAsync();

        await env.Worker.PublishAsync(new EnterpriseVisitCancelled(cancelled.VisitId, Institution, "录入错误"));

        var active = await Eventually.UntilAsync(ActiveVisitIdsAsync, ids => !ids.Contains(cancelled.VisitId), "the cancelled visit stops counting");
        Assert.Contains(kept.VisitId, active);
        Assert.Equal(before - 1, await LeadershipActualAsync());
    }

    [Fact]
    public async Task When_a_cancellation_arrives_before_its_visit_should_still_apply()
    {
        var late = Visit($"v-late-{run}", $"天津某某物流有限公司{run}");
        var witness = Visit($"v-witness-{run}", $"天津某某食品有限公司{run}");
        var before = await LeadershipActualAsync();

        await env.Worker.PublishAsync(new EnterpriseVisitCancelled(late.VisitId, Institution, "重复录入"));
        await Eventually.UntilAsync(
            () => env.CountAsync($"SELECT count(*) FROM visit_cancellations WHERE visit_id = '{late.VisitId}'"), n => n == 1, "the cancellation is kept");
        await env.Worker.PublishAsync(late);
        await env.Worker.PublishAsync(witness);
        await Eventually.UntilAsync(
            () => env.CountAsync($"SELECT count(*) FROM visits WHERE visit_id IN ('{late.VisitId}', '{witness.VisitId}')"), n => n == 2, "both visits are stored");

        var active = await ActiveVisitIdsAsync();
        Assert.DoesNotContain(late.VisitId, active);
        Assert.Contains(witness.VisitId, active);
        Assert.Equal(before + 1, await LeadershipActualAsync());
    }

    private static EnterpriseVisitRecorded Visit(string id, string employer) =>
        new(id, Institution, VisitTier.Leadership, null, employer, null, new DateOnly(2024, 6, 3), VisitMode.Outgoing, 2);

    private async Task<IReadOnlyList<string>> ActiveVisitIdsAsync()
    {
        var visits = await env.Worker.Visits.GetActiveVisitsAsync(Institution, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), CancellationToken.None);
        return [.. visits.Select(v => v.VisitId)];
    }

    private async Task<decimal> LeadershipActualAsync() =>
        Assert.Single(await env.Worker.Evaluator.EvaluateAsync(Institution, "leadership-visits-2024", CancellationToken.None)).Assessment.Actual;
}
