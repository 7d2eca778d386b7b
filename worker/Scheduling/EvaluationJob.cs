using Monitor.Worker.Targets;
using Quartz;

namespace Monitor.Worker.Scheduling;

/// <summary>Evaluates every target on the configured interval (and once right after start-up).</summary>
[DisallowConcurrentExecution]
public sealed class EvaluationJob(TargetEvaluator evaluator) : IJob
{
    public static readonly JobKey Key = new("evaluate-targets", "monitor");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await evaluator.EvaluateAsync(null, null, cancellationToken);
}
