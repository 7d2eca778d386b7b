using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Alerts;

/// <summary>
/// Unit alerts on unit-visits-2024 (≥ 200 employers, per-unit thresholds; groupUnitsAtLeast 3 in the seed): folded into
/// the institution's alert of the same evaluation, grouped when three or more units change together without one, and
/// sent on their own when fewer do.
/// </summary>
public sealed class GroupedAlertTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Target = "unit-visits-2024";

    private static readonly string[] AllUnits = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"];

    [Fact]
    public async Task When_unit_alerts_change_together_should_fold_into_the_institution_alert_group_when_three_do_and_go_alone_when_fewer()
    {
        // Start-up on an empty database, mid-June: no visit in 167 days. The institution's NoData alert names all eight
        // units; none of them raises an alert of its own.
        var startup = env.Broker.Alerts.Where(a => a.TargetId == Target).ToList();
        var institution = Assert.Single(startup);
        Assert.Equal((null, TargetStatus.NoData, false), (institution.UnitCode, institution.Current, institution.GroupedUnits is not null));
        Assert.Equal(AllUnits.Order(), institution.LaggingUnits.Select(u => u.UnitCode).Order());

        // JX, DZ and JG well ahead (29 each: 13 owed by 15 June), the five others with one employer each: the
        // institution (92 of 91 owed) is on track, so there is no institution alert of Warning or worse to fold into.
        string[] ahead = ["JX", "DZ", "JG"];
        var before = env.Broker.Alerts.Count;
        await PublishVisitsAsync([.. AllUnits.SelectMany(unit => Visits(unit, "a", ahead.Contains(unit) ? 29 : 1))], 92);
        await EvaluateAsync();

        var raised = env.Broker.Alerts.Skip(before).Where(a => a.TargetId == Target).ToList();
        var worse = Assert.Single(raised, a => a.GroupedUnits is not null && a.Current == TargetStatus.OffTrack);
        Assert.Equal(["CL", "RG", "XN", "YS", "ZJ"], worse.GroupedUnits!.Order());
        Assert.Equal((null, (TargetStatus?)TargetStatus.NoData, AlertSeverity.Critical), (worse.UnitCode, worse.Previous, worse.Severity));
        Assert.StartsWith("【严重】天津轻工职院「二级学院和职能部门领导走访用人单位」：5 个单位由「无数据」转差：", worse.Summary, StringComparison.Ordinal);
        var better = Assert.Single(raised, a => a.GroupedUnits is not null && a.Current == TargetStatus.OnTrack);
        Assert.Equal(ahead.Order(), better.GroupedUnits!.Order());
        Assert.Empty(better.LaggingUnits);
        Assert.Contains("：3 个单位由「无数据」转为「进度正常」：", better.Summary, StringComparison.Ordinal);
        var own = Assert.Single(raised, a => a.GroupedUnits is null);
        Assert.Equal(((string?)null, (TargetStatus?)TargetStatus.NoData, TargetStatus.OnTrack), (own.UnitCode, own.Previous, own.Current));
        Assert.Equal(3, raised.Count);

        // Two units catch up (12 more each: 13 of 11 owed): two alerts of their own, nothing grouped.
        before = env.Broker.Alerts.Count;
        await PublishVisitsAsync([.. Visits("RG", "b", 12), .. Visits("XN", "b", 12)], 116);
        await EvaluateAsync();

        var caughtUp = env.Broker.Alerts.Skip(before).Where(a => a.TargetId == Target).ToList();
        Assert.Equal(
            [("RG", TargetStatus.OffTrack, TargetStatus.OnTrack), ("XN", TargetStatus.OffTrack, TargetStatus.OnTrack)],
            caughtUp.Select(a => (a.UnitCode!, a.Previous!.Value, a.Current)).Order());
    }

    private static IEnumerable<EnterpriseVisitRecorded> Visits(string unit, string batch, int count) =>
        Enumerable.Range(1, count).Select(i => new EnterpriseVisitRecorded(
            $"grp-{unit}-{batch}{i}",
            WorkerEnvironment.Institution,
            VisitTier.Unit,
            unit,
            $"天津{unit}{batch}合作企业{i}有限公司",
            null,
            new DateOnly(2024, 6, 14).AddDays(-(i % 20)),
            VisitMode.Outgoing,
            2));

    private Task PublishVisitsAsync(IReadOnlyList<EnterpriseVisitRecorded> visits, long total) =>
        VisitData.PublishAsync(env, env.Worker, visits, total);

    private async Task EvaluateAsync()
    {
        await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        await env.SettleAsync();
    }
}
