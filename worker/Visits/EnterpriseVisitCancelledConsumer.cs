using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Visits;

/// <summary>Withdraws a visit; kept even when the visit has not arrived yet, so the order of the two never matters.</summary>
public sealed class EnterpriseVisitCancelledConsumer(IVisitStore store, InstitutionCatalog institutions, StoreGate gate, TimeProvider clock, MonitorMetrics metrics) : IConsumer<EnterpriseVisitCancelled>
{
    public Task Consume(ConsumeContext<EnterpriseVisitCancelled> context)
    {
        var cancellation = context.Message;
        return EventRejection.AcceptAsync(
            context,
            cancellation.VisitId,
            cancellation.InstitutionId,
            VisitValidation.Validate(cancellation, institutions),
            ct => store.CancelVisitAsync(cancellation, clock.GetUtcNow(), ct),
            $"visitId: {Excerpt.Quote(cancellation.VisitId)} conflicts with an earlier cancellation",
            gate,
            clock,
            metrics);
    }
}
