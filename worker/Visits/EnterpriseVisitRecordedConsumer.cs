using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Visits;

/// <summary>
/// Counts a visit: validated, stored once per VisitId in its normalised form (the unit's configured code, the credit
/// code upper-case), so a resend differing only in how those are written is a duplicate; a reused id with other
/// content is rejected.
/// </summary>
public sealed partial class EnterpriseVisitRecordedConsumer(
    IVisitStore store,
    InstitutionCatalog institutions,
    StoreGate gate,
    TimeProvider clock,
    MonitorMetrics metrics,
    ILogger<EnterpriseVisitRecordedConsumer> logger) : IConsumer<EnterpriseVisitRecorded>
{
    public async Task Consume(ConsumeContext<EnterpriseVisitRecorded> context)
    {
        var visit = context.Message;
        var errors = VisitValidation.Validate(visit, institutions, clock.GetUtcNow());
        var normalised = errors.Count == 0 ? VisitValidation.Normalise(visit, institutions) : visit;
        var outcome = await EventRejection.AcceptAsync(
            context,
            visit.VisitId,
            visit.InstitutionId,
            errors,
            ct => store.RecordVisitAsync(normalised, Fingerprint.Of(normalised), clock.GetUtcNow(), ct),
            $"visitId: {Excerpt.Quote(visit.VisitId)} was recorded before with other content; the first version is kept (cancel it and send the corrected visit under a new id)",
            gate,
            clock,
            metrics);
        if (outcome == StoreOutcome.Duplicate)
        {
            LogDuplicate(logger, visit.VisitId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Visit {VisitId} was already recorded with the same content; nothing changed")]
    private static partial void LogDuplicate(ILogger logger, string visitId);
}
