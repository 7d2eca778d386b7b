using Monitor.Worker.History;
using Quartz;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Evaluates every target on the configured interval (and once right after start-up); then, at most once a day, deletes
/// the history older than Monitor:History:KeepDays.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class EvaluationJob(Evaluator evaluator, HistoryRetention retention, ILogger<EvaluationJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var summary = await evaluator.RunAsync(null, null, cancellationToken);
        var elapsed = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogFinished(logger, summary.Targets, summary.Scopes, summary.Behind, elapsed);

        await retention.PruneIfDueAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation finished: {Targets} targets in {Scopes} scopes, {Behind} behind or without data, in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, int targets, int scopes, int behind, long elapsedMs);
}
