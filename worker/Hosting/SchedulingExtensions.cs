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
            q.AddTrigger(t => t
                .ForJob(Schedules.EvaluationJob)
                .WithIdentity(Schedules.EvaluationTrigger)
                .StartAt(DateTimeOffset.UtcNow.Add(options.EvaluateEvery))
                .WithSimpleSchedule(s => s.WithInterval(options.EvaluateEvery).RepeatForever()));

            // The digest runs on each institution's own clock (08:30 in Asia/Shanghai by default).
            foreach (var institution in institutions.All)
            {
                var key = Schedules.DigestJob(institution.Id);
                q.AddJob<DigestJob>(j => j.WithIdentity(key).StoreDurably().UsingJobData(DigestJob.InstitutionKey, institution.Id).WithDescription($"Daily digest of {institution.Name}"));
                q.AddTrigger(t => t
                    .ForJob(key)
                    .WithIdentity(Schedules.DigestTrigger(institution.Id))
                    .WithCronSchedule(options.DigestCron, c => c.InTimeZone(institution.TimeZone)));
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
        builder.Services.AddHostedService<StartupEvaluation>();

        return builder;
    }
}
