using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Placement;

/// <summary>Undoes a withdrawal made in error: the graduate counts in the denominator again, whichever of the two arrives first.</summary>
public sealed class GraduateReinstatedConsumer(IPlacementStore store, InstitutionCatalog institutions, StoreGate gate, TimeProvider clock, MonitorMetrics metrics) : IConsumer<GraduateReinstated>
{
    public Task Consume(ConsumeContext<GraduateReinstated> context)
    {
        var r = context.Message;
        return EventRejection.AcceptAsync(
            context,
            r.GraduateId,
            r.InstitutionId,
            PlacementValidation.Validate(r, institutions),
            ct => store.ReinstateGraduateAsync(r, Fingerprint.Of(r), clock.GetUtcNow(), ct),
            $"graduateId: {Excerpt.Quote(r.GraduateId)} was reinstated before with another reason; the first is kept",
            gate,
            clock,
            metrics);
    }
}
