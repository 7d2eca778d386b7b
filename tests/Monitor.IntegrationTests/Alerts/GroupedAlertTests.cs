using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Alerts;

/// <summary>
/// Units of one institution that turn worse together (groupUnitsAtLeast 3 in the seed) raise one grouped alert that
/// names them; fewer than that each raise their own. Run on unit-visits-2024 (≥ 200 employers, per-unit thresholds).
/// </summary>
public sealed class GroupedAlertTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Target = "unit-visits-2024";

    private static readonly string[] AllUnits = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS", "ZJ"];

    [Fact]
    public async Task Eight_units_without_data_raise_one_grouped_alert_and_two_units_falling_behind_raise_their_own()
    {
        // Start-up on an empty database, mid-June: no visit in 167 days, so all eight units are NoData at once.
        var startup = env.Broker.Alerts.Where(a => a.TargetId == Target).ToList();
        var grouped = Assert.Single(startup, a => a.GroupedUnits is not null);
        Assert.Equal(AllUnits.Order(), grouped.GroupedUnits!.Order());
        Assert.Equal(AllUnits.Order(), grouped.LaggingUnits.Select(u => u.UnitCode).Order());
        Assert.All(grouped.LaggingUnits, u => Assert.Equal(TargetStatus.NoData, u.Status));
        Assert.Equal((null, TargetStatus.NoData, AlertSeverity.Warning, false), (grouped.UnitCode, grouped.Current, grouped.Severity, grouped.IsReminder));
        Assert.StartsWith("【预警】天津轻工职院「二级学院和职能部门领导走访用人单位」：8 个单位无数据：", grouped.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(startup, a => a.UnitCode is not null);
        Assert.Equal(2, startup.Count); // the grouped alert and the institution's own

        // Six units ahead of their line (at most 13 owed by 15 June; ZJ, whose target is 10, owes 4 and has 8), two with
        // only two employers each.
        string[] behind = ["XN", "YS"];
        var visits = AllUnits.SelectMany(unit => Enumerable.Range(1, behind.Contains(unit) ? 2 : unit == "ZJ" ? 8 : 20).Select(i => new EnterpriseVisitRecorded(
                $"grp-{unit}-{i}",
                WorkerEnvironment.Institution,
                VisitTier.Unit,
                unit,
                $"天津{unit}合作企业{i}有限公司",
                null,
                new DateOnly(2024, 6, 14).AddDays(-(i % 20)),
                VisitMode.Outgoing,
                2)))
            .ToList();
        var before = env.Broker.Alerts.Count;
        await VisitData.PublishAsync(env, env.Worker, visits, visits.Count);

        await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        await env.SettleAsync();

        var raised = env.Broker.Alerts.Skip(before).Where(a => a.TargetId == Target).ToList();
        Assert.DoesNotContain(raised, a => a.GroupedUnits is not null);
        Assert.Equal(
            behind.Select(u => ((string?)u, (TargetStatus?)TargetStatus.NoData, TargetStatus.OffTrack)).Order(),
            raised.Where(a => a.Current == TargetStatus.OffTrack).Select(a => (a.UnitCode, a.Previous, a.Current)).Order());
        Assert.Equal(
            AllUnits.Except(behind).Select(u => (string?)u).Append(null).Order(),
            raised.Where(a => a.Current == TargetStatus.OnTrack).Select(a => a.UnitCode).Order());
        Assert.Equal(9, raised.Count);
    }
}
