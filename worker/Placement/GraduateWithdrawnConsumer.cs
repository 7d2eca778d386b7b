using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>Takes a graduate out of the denominator (kept even if the registration arrives later).</summary>
public sealed class GraduateWithdrawnConsumer(IPlacementStore store, InstitutionCatalog institutions, TimeProvider clock) : IConsumer<GraduateWithdrawn>
{
    public async Task Consume(ConsumeContext<GraduateWithdrawn> context)
    {
        var withdrawal = context.Message;
        var errors = PlacementValidation.Validate(withdrawal, institutions);
        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, withdrawal.GraduateId, withdrawal.InstitutionId, errors, clock);
        }

        if (await store.WithdrawGraduateAsync(withdrawal, Fingerprint.Of(withdrawal), clock.GetUtcNow(), context.CancellationToken) == StoreOutcome.Conflict)
        {
            await EventRejection.RejectAsync(context, withdrawal.GraduateId, withdrawal.InstitutionId, [$"graduateId: '{withdrawal.GraduateId}' was withdrawn before with another reason; the first is kept"], clock);
        }
    }
}
