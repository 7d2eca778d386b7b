using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Placement;

/// <summary>Keeps a destination report; the latest one (by EffectiveOn, ReportedAt, ReportId) is the graduate's status.</summary>
public sealed class GraduateDestinationReportedConsumer(IPlacementStore store, InstitutionCatalog institutions, TimeProvider clock) : IConsumer<GraduateDestinationReported>
{
    public async Task Consume(ConsumeContext<GraduateDestinationReported> context)
    {
        var report = context.Message;
        var errors = PlacementValidation.Validate(report, institutions, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            await EventRejection.RejectAsync(context, report.ReportId, report.InstitutionId, errors, clock);
        }

        // The same instant written with another offset is the same report.
        var normalised = report with { ReportedAt = report.ReportedAt.ToUniversalTime() };
        if (await store.RecordDestinationAsync(normalised, Fingerprint.Of(normalised), clock.GetUtcNow(), context.CancellationToken) == StoreOutcome.Conflict)
        {
            await EventRejection.RejectAsync(context, report.ReportId, report.InstitutionId, [$"reportId: '{report.ReportId}' was reported before with other content; the first version is kept"], clock);
        }
    }
}
