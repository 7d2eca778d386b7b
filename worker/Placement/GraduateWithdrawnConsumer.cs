using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Placement;

/// <summary>Takes a graduate out of the denominator (kept even if the registration arrives later; undone by GraduateReinstated).</summary>
public sealed class GraduateWithdrawnConsumer(IPlacementStore store, InstitutionCatalog institutions, StoreGate gate, TimeProvider clock, MonitorMetrics metrics) : IConsumer<GraduateWithdrawn>
{
    public Task Consume(ConsumeContext<GraduateWithdrawn> context)
    {
        var w = context.Message;
        return EventRejection.AcceptAsync(
            context,
            w.GraduateId,
            w.InstitutionId,
            PlacementValidation.Validate(w, institutions),
            ct => store.WithdrawGraduateAsync(w, Fingerprint.Of(w), clock.GetUtcNow(), ct),
            $"graduateId: {Excerpt.Quote(w.GraduateId)} was withdrawn before with another reason; the first is kept (a withdrawal made in error is undone with GraduateReinstated)",
            gate,
            clock,
            metrics);
    }
}
