using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Evaluates at once when asked, for one institution or target or for all. Requests arriving while an evaluation of
/// the same scope runs or waits collapse into one (<see cref="EvaluationCoalescer"/>), so a flood of requests cannot
/// keep the worker evaluating; while the database cannot be reached the request is held (<see cref="StoreGate"/>).
/// </summary>
public sealed partial class EvaluationRequestedConsumer(
    Evaluator evaluator,
    EvaluationCoalescer coalescer,
    StoreGate gate,
    InstitutionCatalog institutions,
    TargetCatalog targets,
    TimeProvider clock,
    MonitorMetrics metrics,
    ILogger<EvaluationRequestedConsumer> logger) : IConsumer<EvaluationRequested>
{
    public async Task Consume(ConsumeContext<EvaluationRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Message;
        var errors = new List<string>();
        if (request.InstitutionId is not null && institutions.Find(request.InstitutionId) is null)
        {
            errors.Add($"institutionId: {Excerpt.Quote(request.InstitutionId)} is not a configured institution");
        }

        if (request.TargetId is not null && !targets.All.Any(t => t.Id == request.TargetId))
        {
            errors.Add($"targetId: {Excerpt.Quote(request.TargetId)} is not a configured target ({string.Join(", ", targets.All.Select(t => t.Id))})");
        }

        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, request.TargetId, request.InstitutionId, errors, MonitorMetrics.Invalid, clock, metrics);
        }

        var ran = await coalescer.RunAsync(
            request.InstitutionId,
            request.TargetId,
            ct => gate.RunAsync(c => evaluator.RunAsync(request.InstitutionId, request.TargetId, c), ct),
            context.CancellationToken);
        metrics.Accepted(nameof(EvaluationRequested));
        if (!ran)
        {
            LogCoalesced(logger, request.InstitutionId ?? "*", request.TargetId ?? "*");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evaluation of {InstitutionId}/{TargetId} requested while one waits to start: covered by that one")]
    private static partial void LogCoalesced(ILogger logger, string institutionId, string targetId);
}
