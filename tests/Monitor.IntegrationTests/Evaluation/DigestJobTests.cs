using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Alerts;
using Monitor.Worker.Evaluation;
using Quartz;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>
/// The daily digest: one job, its trigger for the institution's time zone stored in the clustered Quartz store at the
/// configured cron (08:30 by default), and a run publishes one digest covering every target.
/// </summary>
public sealed class DigestJobTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private static readonly string[] Targets = ["leadership-visits-2024", "unit-visits-2024", "placement-2024", "placement-disadvantaged-2024"];

    [Fact]
    public async Task When_the_digest_is_scheduled_should_fire_at_the_configured_cron_in_the_institution_time_zone()
    {
        var scheduler = await env.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(Schedules.DigestTrigger(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))), exactMatch: false);

        Assert.Equal("0 30 8 * * ?", trigger.CronExpressionString);
        Assert.Equal("Asia/Shanghai", trigger.TimeZone.Id);
        Assert.Equal(Schedules.DigestJob, trigger.JobKey);

        // 08:30 in Tianjin is 00:30 UTC, every day.
        var next = trigger.NextFireTimeUtc!.Value;
        Assert.Equal(new TimeSpan(0, 30, 0), next.UtcDateTime.TimeOfDay);
        Assert.Equal(new TimeSpan(8, 30, 0), TimeZoneInfo.ConvertTime(next, trigger.TimeZone).TimeOfDay);
        Assert.Equal(TimeSpan.FromDays(1), trigger.GetFireTimeAfter(next)!.Value - next);

        // Kept in the clustered store, so any replica fires it and only one does.
        Assert.Equal(1, await env.CountAsync(
            "SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_name = 'daily-digest@Asia/Shanghai' AND cron_expression = '0 30 8 * * ?' AND time_zone_id = 'Asia/Shanghai'"));
    }

    [Fact]
    public async Task When_the_digest_runs_should_publish_one_digest_covering_every_target()
    {
        await VisitData.PublishAsync(env, env.Worker, VisitData.Leadership("digest", 30), 30);
        var scheduler = await env.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.TriggerJob(Schedules.DigestJob);

        await Eventually.UntilAsync(() => env.Broker.Digests, d => d.Count > 0, "a daily digest is published");
        await env.SettleAsync();
        var digest = Assert.Single(env.Broker.Digests);

        // The fake clock reads 2024-06-15 02:00 UTC: 10:00 in Tianjin, the same day.
        var today = new DateOnly(2024, 6, 15);
        Assert.Equal((WorkerEnvironment.Institution, today, AlertIds.ForDigest(WorkerEnvironment.Institution, today)), (digest.InstitutionId, digest.Date, digest.DigestId));
        Assert.Equal(Targets.Order(), digest.Lines.Where(l => l.UnitCode is null).Select(l => l.TargetId).Order());
        var leadership = Assert.Single(digest.Lines, l => l.TargetId == Targets[0]);
        Assert.Equal((30m, SeedTargets.Owed(Targets[0], today), 100m), (leadership.Actual, leadership.ExpectedByNow!.Value, leadership.Threshold));
        Assert.Equal(8, digest.Lines.Count(l => l.TargetId == "unit-visits-2024" && l.UnitCode is not null));
        Assert.Contains("学院领导班子走访用人单位", digest.Summary, StringComparison.Ordinal);
    }
}
