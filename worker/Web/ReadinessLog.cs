using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitor.Worker.Web;

/// <summary>
/// Runs the readiness checks in the background (the health check publisher's period) and logs when readiness changes —
/// not on every probe — so the log says when and why the worker stopped being ready.
/// </summary>
public sealed partial class ReadinessLog(ILogger<ReadinessLog> logger) : IHealthCheckPublisher
{
    private HealthStatus? last;

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ready = report.Status != HealthStatus.Unhealthy;
        var previous = last;
        last = report.Status;
        if (!ready && previous != HealthStatus.Unhealthy)
        {
            LogNotReady(logger, string.Join("; ", report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message}")));
        }
        else if (ready && previous == HealthStatus.Unhealthy)
        {
            LogReadyAgain(logger);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reasons}")]
    private static partial void LogNotReady(ILogger logger, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready again")]
    private static partial void LogReadyAgain(ILogger logger);
}
