using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;

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
        var outcome = await EventRejection.AcceptAsync(
            context,
            visit.VisitId,
            visit.InstitutionId,
            VisitValidation.Validate(visit, institutions, clock.GetUtcNow()),
            ct => store.RecordVisitAsync(visit, Fingerprint.Of(visit), clock.GetUtcNow(), ct),
            $"visitId: '{visit.VisitId}' was recorded before with other content; the first version is kept (cancel it and send the corrected visit under a new id)",
            clock);
        if (outcome == StoreOutcome.Duplicate)
        {
            LogDuplicate(logger, visit.VisitId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Visit {VisitId} was already recorded with the same content; nothing changed")]
    private static partial void LogDuplicate(ILogger logger, string visitId);
}
