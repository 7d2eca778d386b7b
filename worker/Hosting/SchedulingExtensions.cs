using Monitor.Worker.Scheduling;
using Quartz;

namespace Monitor.Worker.Hosting;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz: a RAM store on the embedded default; on PostgreSQL a clustered persistent store, so replicas share the
    /// jobs and each trigger fires on one node.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorScheduling(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "Monitor";
                s.GenerateInstanceId = true;
            });
            q.AddJob<EvaluationJob>(j => j.WithIdentity(EvaluationJob.Key).StoreDurably().WithDescription("Evaluate every target"));
            q.AddTrigger(t => t
                .ForJob(EvaluationJob.Key)
                .WithIdentity("evaluate-every", "monitor")
                .StartAt(DateTimeOffset.UtcNow.Add(options.EvaluateEvery))
                .WithSimpleSchedule(s => s.WithInterval(options.EvaluateEvery).RepeatForever()));

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
        if (!options.DemoEnabled)
        {
            builder.Services.AddHostedService<StartupEvaluation>();
        }

        return builder;
    }
}
