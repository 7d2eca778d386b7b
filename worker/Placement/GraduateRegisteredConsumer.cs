using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Placement;

/// <summary>
/// Adds a graduate to a cohort's roster (the denominator), keeping only the unit and whether the graduate is
/// disadvantaged (<see cref="RosterEntry"/>): a resend with the categories in another order, other categories of the
/// same kind or another major is a duplicate; another unit, or a change between disadvantaged and not, a conflict.
/// </summary>
public sealed class GraduateRegisteredConsumer(IPlacementStore store, InstitutionCatalog institutions, StoreGate gate, TimeProvider clock, MonitorMetrics metrics) : IConsumer<GraduateRegistered>
{
    public Task Consume(ConsumeContext<GraduateRegistered> context)
    {
        var g = context.Message;
        var errors = PlacementValidation.Validate(g, institutions);
        var entry = PlacementValidation.Entry(g, institutions);
        return EventRejection.AcceptAsync(
            context,
            g.GraduateId,
            g.InstitutionId,
            errors,
            ct => store.RegisterGraduateAsync(entry, clock.GetUtcNow(), ct),
            $"graduateId: {Excerpt.Quote(g.GraduateId)} is registered in the {g.CohortYear} cohort with another unit or disadvantaged status; the first registration is kept",
            gate,
            clock,
            metrics);
    }
}
