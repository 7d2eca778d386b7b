using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>Adds a graduate to a cohort's roster (the denominator).</summary>
public sealed class GraduateRegisteredConsumer(IPlacementStore store, InstitutionCatalog institutions, TimeProvider clock) : IConsumer<GraduateRegistered>
{
    public async Task Consume(ConsumeContext<GraduateRegistered> context)
    {
        var graduate = context.Message;
        var errors = PlacementValidation.Validate(graduate, institutions);
        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, graduate.GraduateId, graduate.InstitutionId, errors, clock);
        }

        var normalised = graduate with { Disadvantaged = [.. (graduate.Disadvantaged ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
        if (await store.RegisterGraduateAsync(normalised, Fingerprint.Of(normalised), clock.GetUtcNow(), context.CancellationToken) == StoreOutcome.Conflict)
        {
            await EventRejection.RejectAsync(context, graduate.GraduateId, graduate.InstitutionId, [$"graduateId: '{graduate.GraduateId}' is registered in the {graduate.CohortYear} cohort with other details; the first registration is kept"], clock);
        }
    }
}
