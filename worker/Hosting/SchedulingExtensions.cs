using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Evaluation;
using Quartz;

namespace Monitor.Worker.Hosting;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz: a RAM store on the embedded default; on PostgreSQL a clustered persistent store, so replicas share the
    /// jobs and each trigger fires on one node.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorScheduling(this IHostApplicationBuilder builder, MonitorOptions options, InstitutionCatalog institutions)
    {
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "Monitor";
                s.GenerateInstanceId = true;
            });
            q.AddJob<EvaluationJob>(j => j.WithIdentity(Schedules.EvaluationJob).StoreDurably().WithDescription("Evaluate every target"));
            // The first periodic run one interval after start-up (the start-up evaluation runs at once), on the worker's
            // own clock: the one in the container, which Quartz keeps time with too.
            q.AddTrigger((services, t) => t
                .ForJob(Schedules.EvaluationJob)
                .WithIdentity(Schedules.EvaluationTrigger)
                .StartAt(services.GetRequiredService<TimeProvider>().GetUtcNow().Add(options.EvaluateEvery))
                .WithSimpleSchedule(s => s.WithInterval(options.EvaluateEvery).RepeatForever()));

            // One digest job for every institution, fired at the cron in each time zone the institutions keep (08:30 in
            // Asia/Shanghai by default): start-up writes one job and a trigger per zone, not one per institution.
            q.AddJob<DigestJob>(j => j.WithIdentity(Schedules.DigestJob).StoreDurably().WithDescription("Daily digest of every institution, by time zone"));
            foreach (var zone in institutions.All.Select(i => i.TimeZone).DistinctBy(z => z.Id))
            {
                q.AddTrigger(t => t
                    .ForJob(Schedules.DigestJob)
                    .WithIdentity(Schedules.DigestTrigger(zone))
                    .UsingJobData(DigestJob.TimeZoneKey, zone.Id)
                    .WithCronSchedule(options.DigestCron, c => c.InTimeZone(zone)));
            }

            if (options.Storage == StorageKind.Postgres)
            {
                var connectionString = builder.Configuration.GetConnectionString("Monitor")!;
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(connectionString);
                    s.UseClustering();
                    s.UseSystemTextJsonSerializer();
                    s.ProvisionSchema();
                });
            }
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        builder.Services.AddHostedService<RetiredSchedules>();
        builder.Services.AddHostedService<StartupEvaluation>();

        return builder;
    }
}
