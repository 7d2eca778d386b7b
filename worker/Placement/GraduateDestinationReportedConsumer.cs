using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;
using Monitor.Worker.Institutions;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Placement;

/// <summary>Keeps a destination report; the latest one (by EffectiveOn, ReportedAt, ReportId) is the graduate's status.</summary>
public sealed class GraduateDestinationReportedConsumer(IPlacementStore store, InstitutionCatalog institutions, StoreGate gate, TimeProvider clock, MonitorMetrics metrics) : IConsumer<GraduateDestinationReported>
{
    public Task Consume(ConsumeContext<GraduateDestinationReported> context)
    {
        var r = context.Message;

        // The same instant written with another offset, or the credit code in another letter case, is the same report.
        var normalised = PlacementValidation.Normalise(r);
        return EventRejection.AcceptAsync(
            context,
            r.ReportId,
            r.InstitutionId,
            PlacementValidation.Validate(r, institutions, clock.GetUtcNow()),
            ct => store.RecordDestinationAsync(normalised, Fingerprint.Of(normalised), clock.GetUtcNow(), ct),
            $"reportId: {Excerpt.Quote(r.ReportId)} was reported before with other content; the first version is kept",
            gate,
            clock,
            metrics);
    }
}
