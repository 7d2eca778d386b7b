using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Worker.Institutions;
using Quartz;
using Monitor.Worker.Evaluation;

namespace Monitor.Worker.Web;

/// <summary>Ready once the Quartz scheduler runs (not in standby, not shut down) with the evaluation trigger and a digest trigger for each time zone scheduled.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, InstitutionCatalog institutions) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // GetAllSchedulers, not GetScheduler: asking for the scheduler while the host stops would create a new one.
        var scheduler = (await schedulers.GetAllSchedulers(cancellationToken)).FirstOrDefault();
        if (scheduler is null || scheduler.Status != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy(scheduler is null ? "the Quartz scheduler is not created yet" : $"the Quartz scheduler is {scheduler.Status}, not Running");
        }

        var expected = new List<TriggerKey> { Schedules.EvaluationTrigger };
        expected.AddRange(institutions.All.Select(i => i.TimeZone).DistinctBy(z => z.Id).Select(Schedules.DigestTrigger));
        try
        {
            var missing = new List<string>();
            foreach (var key in expected)
            {
                if (!await scheduler.Exists(key, cancellationToken))
                {
                    missing.Add(key.Name);
                }
            }

            return missing.Count == 0
                ? HealthCheckResult.Healthy($"running; the evaluation trigger and {expected.Count - 1} daily digest trigger(s) are scheduled")
                : HealthCheckResult.Unhealthy($"running, but triggers are missing: {string.Join(", ", missing)}");
        }
        catch (SchedulerException ex)
        {
            return HealthCheckResult.Unhealthy($"the Quartz job store cannot be read: {ex.GetBaseException().Message}");
        }
    }
}
