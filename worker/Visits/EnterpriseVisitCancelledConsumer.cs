using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Visits;

/// <summary>Withdraws a visit; kept even when the visit has not arrived yet, so the order of the two never matters.</summary>
public sealed partial class EnterpriseVisitCancelledConsumer(
    IVisitStore store,
    InstitutionCatalog institutions,
    TimeProvider clock,
    ILogger<EnterpriseVisitCancelledConsumer> logger) : IConsumer<EnterpriseVisitCancelled>
{
    public async Task Consume(ConsumeContext<EnterpriseVisitCancelled> context)
    {
        var cancellation = context.Message;
        var errors = VisitValidation.Validate(cancellation, institutions);
        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, cancellation.VisitId, cancellation.InstitutionId, errors, clock);
        }

        var outcome = await store.CancelVisitAsync(cancellation, clock.GetUtcNow(), context.CancellationToken);
        if (outcome == StoreOutcome.Conflict)
        {
            await EventRejection.RejectAsync(context, cancellation.VisitId, cancellation.InstitutionId, [$"visitId: '{cancellation.VisitId}' belongs to another institution"], clock);
        }

        LogCancelled(logger, cancellation.VisitId, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancellation of visit {VisitId}: {Outcome}")]
    private static partial void LogCancelled(ILogger logger, string visitId, StoreOutcome outcome);
}
