using MassTransit;
using Monitor.Messages;

namespace Monitor.Worker.Inbound;

/// <summary>
/// One log line per inbound event: accepted (Debug: at thousands of events a second a line each is too many) or rejected as invalid (one Warning with the reasons, no stack
/// trace; MassTransit's own error entry for that expected rejection is filtered out, see <see cref="ExpectedRejectionLoggerProvider"/>).
/// Real faults are left to MassTransit, which logs them as errors.
/// </summary>
public sealed partial class EventLogObserver(ILogger<EventLogObserver> logger) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (logger.IsEnabled(LogLevel.Debug) && BusinessId(context.Message) is { } id)
        {
            LogAccepted(logger, typeof(T).Name, id);
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        if (ExpectedRejectionLoggerProvider.AsRejection(exception) is { } rejection)
        {
            // The exception's text is "<type> <id>: <reasons>"; the type and id have their own properties here.
            var id = BusinessId(context.Message);
            var prefix = $"{typeof(T).Name} {id}: ";
            var reason = rejection.Message.StartsWith(prefix, StringComparison.Ordinal) ? rejection.Message[prefix.Length..] : rejection.Message;
            LogRejected(logger, typeof(T).Name, id, reason);
        }

        return Task.CompletedTask;
    }

    /// <summary>The producer's id of an inbound event; null for anything else (the worker's own messages, faults).</summary>
    public static string? BusinessId(object message) => message switch
    {
        EnterpriseVisitRecorded visit => visit.VisitId,
        EnterpriseVisitCancelled cancellation => cancellation.VisitId,
        GraduateRegistered graduate => $"{graduate.InstitutionId}/{graduate.CohortYear}/{graduate.GraduateId}",
        GraduateWithdrawn withdrawal => $"{withdrawal.InstitutionId}/{withdrawal.CohortYear}/{withdrawal.GraduateId}",
        GraduateDestinationReported report => report.ReportId,
        EvaluationRequested request => $"{request.InstitutionId ?? "*"}/{request.TargetId ?? "*"}",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted {MessageType} {BusinessId}")]
    private static partial void LogAccepted(ILogger logger, string messageType, string businessId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {MessageType} {BusinessId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageType, string? businessId, string reason);
}
