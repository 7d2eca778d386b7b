using Monitor.Worker.Institutions;
using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Removes from the scheduler's store what this version no longer schedules, once the scheduler holds the current jobs:
/// the per-institution digest jobs of earlier versions, and the digest triggers of time zones no institution keeps any
/// more. Without it a clustered store kept in PostgreSQL would go on firing them.
/// </summary>
public sealed partial class RetiredSchedules(ISchedulerFactory schedulers, InstitutionCatalog institutions, ILogger<RetiredSchedules> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var retiredJobs = (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Schedules.Group), cancellationToken))
            .Where(Schedules.IsRetiredDigestJob)
            .ToList();
        if (retiredJobs.Count > 0)
        {
            await scheduler.DeleteJobs(retiredJobs, cancellationToken);
            LogRetired(logger, retiredJobs.Count, "per-institution digest jobs");
        }

        var current = institutions.All.Select(i => Schedules.DigestTrigger(i.TimeZone)).ToHashSet();
        var retiredTriggers = (await scheduler.GetTriggersOfJob(Schedules.DigestJob, cancellationToken)).Select(t => t.Key).Where(k => !current.Contains(k)).ToList();
        if (retiredTriggers.Count > 0)
        {
            await scheduler.UnscheduleJobs(retiredTriggers, cancellationToken);
            LogRetired(logger, retiredTriggers.Count, "digest triggers of time zones no institution keeps");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} {What} from the scheduler")]
    private static partial void LogRetired(ILogger logger, int count, string what);
}
