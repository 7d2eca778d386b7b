using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Visits;

/// <summary>Counts a visit: validated, stored once per VisitId; a reused id with other content is rejected.</summary>
public sealed partial class EnterpriseVisitRecordedConsumer(
    IVisitStore store,
    InstitutionCatalog institutions,
    TimeProvider clock,
    ILogger<EnterpriseVisitRecordedConsumer> logger) : IConsumer<EnterpriseVisitRecorded>
{
    public async Task Consume(ConsumeContext<EnterpriseVisitRecorded> context)
    {
        var visit = context.Message;
        var errors = VisitValidation.Validate(visit, institutions, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, visit.VisitId, visit.InstitutionId, errors, clock);
        }

        var outcome = await store.RecordVisitAsync(visit, Fingerprint.Of(visit), clock.GetUtcNow(), context.CancellationToken);
        switch (outcome)
        {
            case StoreOutcome.Conflict:
                await EventRejection.RejectAsync(context, visit.VisitId, visit.InstitutionId, [$"visitId: '{visit.VisitId}' was recorded before with other content; the first version is kept (send a cancellation and a new visit id to correct it)"], clock);
                break;
            case StoreOutcome.Duplicate:
                LogDuplicate(logger, visit.VisitId);
                break;
            default:
                LogRecorded(logger, visit.VisitId, visit.InstitutionId, visit.Tier, visit.UnitCode);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Visit {VisitId} recorded for {InstitutionId} ({Tier} {UnitCode})")]
    private static partial void LogRecorded(ILogger logger, string visitId, string institutionId, VisitTier tier, string? unitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Visit {VisitId} was already recorded with the same content; nothing changed")]
    private static partial void LogDuplicate(ILogger logger, string visitId);
}
