using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Alerts;

/// <summary>
/// An alert on the bus is a fact about one scope: the institution, or one unit, with that scope's own figures and
/// statuses. Several units changing in one evaluation each announce their own change; grouping them for people is the
/// robots' and the digest's business, never the bus's.
/// </summary>
public sealed class ScopeAlertTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Target = "unit-visits-2024";

    private static readonly string[] AllUnits = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"];

    [Fact]
    public async Task When_several_units_change_in_one_evaluation_should_announce_each_with_its_own_scope_figures_and_status()
    {
        // Mid-June: JX, DZ and JG well ahead (29 each), the five others with one employer each.
        string[] ahead = ["JX", "DZ", "JG"];
        var before = env.Broker.Alerts.Count;
        await VisitData.PublishAsync(env, env.Worker, [.. AllUnits.SelectMany(unit => Visits(unit, "a", ahead.Contains(unit) ? 29 : 1))], 92);

        var evaluation = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        await env.SettleAsync();

        var raised = env.Broker.Alerts.Skip(before).Where(a => a.TargetId == Target).ToList();
        Assert.NotEmpty(raised);
        Assert.All(raised, alert =>
        {
            // The alert's status and figures are those of the scope it names, nothing else's.
            var own = Assert.Single(evaluation, e => e.UnitCode == alert.UnitCode);
            Assert.Equal((own.AnnouncedStatus, own.Assessment.Actual, own.Assessment.Threshold, own.Assessment.ExpectedByNow), (alert.Current, alert.Actual, alert.Threshold, alert.ExpectedByNow));
            Assert.True(alert.UnitCode is null || alert.LaggingUnits.Count == 0, "a unit's alert names no other unit");
        });

        var behind = raised.Where(a => a.UnitCode is not null && !ahead.Contains(a.UnitCode)).ToList();
        Assert.Equal(["CL", "RG", "XN", "YS", "ZJ"], behind.Select(a => a.UnitCode!).Order());
        Assert.All(behind, a => Assert.Equal((1m, true), (a.Actual, a.Current is TargetStatus.AtRisk or TargetStatus.OffTrack)));
        Assert.All(raised.Where(a => a.UnitCode is not null && ahead.Contains(a.UnitCode)), a => Assert.Equal((29m, TargetStatus.OnTrack), (a.Actual, a.Current)));
    }

    private static IEnumerable<EnterpriseVisitRecorded> Visits(string unit, string batch, int count) =>
        Enumerable.Range(1, count).Select(i => new EnterpriseVisitRecorded(
            $"scope-{unit}-{batch}{i}",
            WorkerEnvironment.Institution,
            VisitTier.Unit,
            unit,
            $"天津{unit}{batch}合作企业{i}有限公司",
            null,
            new DateOnly(2024, 6, 14).AddDays(-(i % 20)),
            VisitMode.Outgoing,
            2));
}
