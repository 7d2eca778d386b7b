using MassTransit;
using Monitor.Worker.Placement;
using Monitor.Worker.Settings;
using Monitor.Worker.Visits;

namespace Monitor.Worker.Hosting;

public static class IngestExtensions
{
    /// <summary>
    /// The prefetch of the queues whose events are written in batches (visits, registrations, destination reports),
    /// each message consumed at once so that a batch can gather them (<see cref="IngestOptions"/>).
    /// </summary>
    public static void AddMonitorIngestEndpoints(this IBusRegistrationConfigurator x, IngestOptions ingest)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ingest);
        var batched = new HashSet<string>(StringComparer.Ordinal)
        {
            MessagingExtensions.EndpointNames.Consumer<EnterpriseVisitRecordedConsumer>(),
            MessagingExtensions.EndpointNames.Consumer<GraduateRegisteredConsumer>(),
            MessagingExtensions.EndpointNames.Consumer<GraduateDestinationReportedConsumer>(),
        };
        x.AddConfigureEndpointsCallback((name, endpoint) =>
        {
            if (batched.Contains(name))
            {
                endpoint.PrefetchCount = ingest.PrefetchCount;
                endpoint.ConcurrentMessageLimit = ingest.PrefetchCount;
            }
        });
    }
}
