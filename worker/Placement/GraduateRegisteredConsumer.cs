using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;

namespace Monitor.Worker.Placement;

/// <summary>Adds a graduate to a cohort's roster (the denominator).</summary>
public sealed class GraduateRegisteredConsumer(IPlacementStore store, InstitutionCatalog institutions, TimeProvider clock) : IConsumer<GraduateRegistered>
{
    public Task Consume(ConsumeContext<GraduateRegistered> context)
    {
        var g = context.Message;

        // Categories in any order or repeated are the same registration.
        var normalised = g with { Disadvantaged = [.. (g.Disadvantaged ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
        return EventRejection.AcceptAsync(
            context,
            g.GraduateId,
            g.InstitutionId,
            PlacementValidation.Validate(g, institutions),
            ct => store.RegisterGraduateAsync(normalised, Fingerprint.Of(normalised), clock.GetUtcNow(), ct),
            $"graduateId: '{g.GraduateId}' is registered in the {g.CohortYear} cohort with other details; the first registration is kept",
            clock);
    }
}
