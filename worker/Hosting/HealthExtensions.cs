using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Worker.Web;
using Monitor.Worker.Settings;
using Npgsql;

namespace Monitor.Worker.Hosting;

public static class HealthExtensions
{
    /// <summary>
    /// Health checks that decide readiness (tag "ready"): the bus (MassTransit adds its own check once health checks
    /// are registered), the database with Storage=Postgres (the NpgSql check of AspNetCore.Diagnostics.HealthChecks),
    /// the scheduler and its triggers, and inbound storage; and a background run of them that logs when readiness changes.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorHealth(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Unhealthy, [HealthJson.ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<InboundHealthCheck>("inbound", HealthStatus.Unhealthy, [HealthJson.ReadyTag]);
        if (options.Storage == StorageKind.Postgres)
        {
            health.AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "database", failureStatus: HealthStatus.Unhealthy, tags: [HealthJson.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }

        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessLog>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Predicate = r => r.Tags.Contains(HealthJson.ReadyTag);
            o.Delay = TimeSpan.FromSeconds(5);
            o.Period = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    /// <summary>
    /// <c>GET /health/live</c> (the process answers; no check runs) and <c>GET /health/ready</c> (every "ready" check):
    /// 200 when healthy, 503 otherwise, with a small JSON body.
    /// </summary>
    public static IEndpointRouteBuilder MapMonitorHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthJson.ReadyTag), ResponseWriter = HealthJson.WriteAsync });
        return endpoints;
    }
}
