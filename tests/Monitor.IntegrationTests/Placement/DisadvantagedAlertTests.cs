using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Placement;

/// <summary>The disadvantaged graduates' rate (困难群体, ≥ 97 %) falling behind its pace.</summary>
public sealed class DisadvantagedAlertTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Target = "placement-disadvantaged-2024";

    [Fact]
    public async Task When_the_disadvantaged_rate_is_under_97_percent_should_raise_one_alert_and_stay_quiet_on_the_next_evaluations()
    {
        // 100 graduates over five colleges; 25 disadvantaged, of whom 12 placed (48 %); 70 of the other 75 placed.
        string[] units = ["JX", "DZ", "RG", "XN", "CL"];
        var graduates = Enumerable.Range(1, 100)
            .Select(i => Cohort.Graduate($"2024{i:D4}", units[i % units.Length], i % 4 == 0 ? ["LowIncome"] : []))
            .ToList();
        var disadvantaged = graduates.Where(g => g.Disadvantaged.Count > 0).ToList();
        var others = graduates.Where(g => g.Disadvantaged.Count == 0).ToList();
        var reportedAt = new DateTimeOffset(2024, 6, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var reports = disadvantaged.Select((g, i) => Cohort.Report($"r-{g.GraduateId}", g.GraduateId, i < 12 ? Destination.ContractEmployment : Destination.Unplaced, new DateOnly(2024, 6, 10), reportedAt))
            .Concat(others.Select((g, i) => Cohort.Report($"r-{g.GraduateId}", g.GraduateId, i < 70 ? Destination.FurtherStudy : Destination.Unplaced, new DateOnly(2024, 6, 10), reportedAt)))
            .ToList();
        var cohort = new Cohort(graduates, [], reports);
        Assert.Equal((12, 25, 48m), cohort.Count(disadvantagedOnly: true, unit: null));
        await cohort.PublishAsync(env, [.. graduates, .. reports]);
        var alertsBefore = env.Broker.Alerts.Count;

        var evaluation = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        await env.SettleAsync();

        var institution = Assert.Single(evaluation, e => e.UnitCode is null);
        Assert.Equal((48m, 12, 25), (institution.Assessment.Actual, institution.Assessment.Numerator, institution.Assessment.Denominator));
        var raised = env.Broker.Alerts.Skip(alertsBefore).Where(a => a.TargetId == Target).ToList();
        var alert = Assert.Single(raised, a => a.UnitCode is null);
        Assert.Equal((TargetStatus.OffTrack, AlertSeverity.Critical, false), (alert.Current, alert.Severity, alert.IsReminder));
        Assert.Equal((48m, 12, 25, 97m), (alert.Actual, alert.Numerator, alert.Denominator, alert.Threshold));

        // Five units off track: the institution's alert names them as lagging units, worst first; each unit's own alert
        // (five disadvantaged graduates each, below the minimum group size of 20) is about that unit alone, at Info.
        Assert.Equal(["DZ", "JX", "RG", "CL", "XN"], alert.LaggingUnits.Select(u => u.UnitCode));
        Assert.Contains("滞后单位：电子信息与自动化学院 40%/80%、机械工程学院 40%/80%", alert.Summary, StringComparison.Ordinal);
        Assert.All(raised.Where(a => a.UnitCode is not null), unit =>
        {
            var own = Assert.Single(evaluation, e => e.UnitCode == unit.UnitCode);
            Assert.Equal((own.AnnouncedStatus, own.Assessment.Actual, own.Assessment.Denominator, AlertSeverity.Info), (unit.Current, unit.Actual, unit.Denominator, unit.Severity));
            Assert.Empty(unit.LaggingUnits);
        });

        // An hour later, and again, and again: nothing new (the next reminder is due in 7 days).
        var afterAlert = env.Broker.Alerts.Count;
        for (var hour = 1; hour <= 3; hour++)
        {
            env.Clock.Advance(TimeSpan.FromHours(1));
            var again = await env.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
            await env.SettleAsync();
            Assert.Equal(TargetStatus.OffTrack, Assert.Single(again, e => e.UnitCode is null).AnnouncedStatus);
        }

        Assert.Equal(afterAlert, env.Broker.Alerts.Count);
        Assert.Equal(afterAlert, await env.CountAsync("SELECT count(*) FROM alerts"));
    }
}
