using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>Fires the evaluation job once as soon as the worker has started (a one-off trigger, so in a cluster one node runs it).</summary>
public sealed class StartupEvaluation(ISchedulerFactory schedulers, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        var scheduler = await schedulers.GetScheduler(stoppingToken);
        await scheduler.TriggerJob(Schedules.EvaluationJob, stoppingToken);
    }
}
