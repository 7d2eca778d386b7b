using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Worker.Web;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Hosting;

public static class HealthExtensions
{
    public const string HealthUrlKey = MonitorOptions.SectionName + ":HealthUrl";

    /// <summary>
    /// Health checks (MassTransit adds its bus check, tagged "ready", by itself once health checks are registered),
    /// the database and the scheduler; and the HTTP endpoint when <c>Monitor:HealthUrl</c> is set. Call it before the
    /// other parts so the endpoint starts first.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorHealth(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy, [HealthEndpoint.ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<InboundHealthCheck>("inbound", HealthStatus.Unhealthy, [HealthEndpoint.ReadyTag]);
        if (options.Storage == StorageKind.Postgres)
        {
            health.AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [HealthEndpoint.ReadyTag], TimeSpan.FromSeconds(5));
        }

        var url = builder.Configuration[HealthUrlKey];
        if (string.IsNullOrWhiteSpace(url))
        {
            return builder;
        }

        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !url.EndsWith('/'))
        {
            throw new ConfigurationException(
                $"{HealthUrlKey} '{url}' must be an http:// prefix ending in '/', such as http://127.0.0.1:8080/ (this machine only) or http://+:8080/ (every address); leave it empty to turn the endpoint off.");
        }

        builder.Services.AddHostedService(sp => new HealthEndpoint(url, sp.GetRequiredService<HealthCheckService>(), sp.GetRequiredService<ILogger<HealthEndpoint>>()));
        return builder;
    }
}
