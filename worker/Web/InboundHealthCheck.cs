using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Web;

/// <summary>Not ready while inbound events cannot be stored (<see cref="StoreGate"/>), saying since when and how many this worker holds.</summary>
public sealed class InboundHealthCheck(StoreGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.Outage is var (reason, elapsed)
            ? HealthCheckResult.Unhealthy(string.Create(
                CultureInfo.InvariantCulture,
                $"events cannot be stored for {elapsed.TotalSeconds:F0} s ({reason}): {gate.Held} held by this worker, the rest wait in their queues"))
            : HealthCheckResult.Healthy("events are being stored"));
}
