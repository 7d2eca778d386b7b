using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;
using Monitor.Worker.Telemetry;
using Monitor.Worker.Web;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitor.Worker.Hosting;

public static class TelemetryExtensions
{
    /// <summary>The name the worker reports itself under (OpenTelemetry's service.name).</summary>
    public const string ServiceName = "monitor-worker";

    /// <summary>The meters and activity sources .NET itself and the libraries already have, collected by name.</summary>
    private static readonly string[] LibraryMeters = ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    /// <summary>
    /// OpenTelemetry (<c>Monitor:Telemetry</c>): the worker's meter "Monitor" and its gauge refresher, MassTransit's,
    /// Npgsql's, the runtime's, ASP.NET Core's and HttpClient's metrics for the Prometheus endpoint; with
    /// <c>OtlpEndpoint</c> set, those metrics and the traces of MassTransit, Npgsql and the webhook posts exported over OTLP.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = TelemetryOptions.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(telemetry);
        services.TryAddSingleton<MonitorMetrics>();
        services.AddSingleton<ILatestFigures, HistoryFigures>();
        services.AddSingleton(sp => new GaugeRefresher(
            sp.GetRequiredService<MonitorMetrics>(),
            sp.GetRequiredService<ILatestFigures>(),
            sp.GetRequiredService<Alerts.IAlertStore>(),
            sp.GetService<INotificationStore>(),
            telemetry,
            sp.GetRequiredService<ILogger<GaugeRefresher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<GaugeRefresher>());

        UseProcessWideMassTransitMeter();

        // "Monitor" comes from this host's meter factory, and only this host's is collected: two workers in one process
        // (the integration tests) keep their counts apart.
        builder.Metrics.EnableMetrics(MonitorMetrics.MeterName, null, "OpenTelemetry", MeterScope.Local);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(InstrumentationOptions.MeterName).AddMeter(LibraryMeters).AddNpgsqlInstrumentation().AddPrometheusExporter();
                if (telemetry.OtlpAddress is { } collector)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, collector, telemetry.OtlpProtocol, "v1/metrics"));
                }
            });
        if (telemetry.OtlpAddress is { } address)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(DiagnosticHeaders.DefaultListenerName, "System.Net.Http")
                .AddNpgsql()
                .AddOtlpExporter(o => Otlp(o, address, telemetry.OtlpProtocol, "v1/traces")));
        }

        return builder;
    }

    /// <summary><c>GET /metrics</c> in Prometheus' text format, behind <see cref="ScrapeGate"/>.</summary>
    public static IEndpointRouteBuilder MapMonitorMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var token = endpoints.ServiceProvider.GetRequiredService<TelemetryOptions>().ScrapeToken;
        endpoints.MapPrometheusScrapingEndpoint("/metrics", null, branch => branch.Use(ScrapeGate.Middleware(token)), null);
        return endpoints;
    }

    /// <summary>
    /// MassTransit keeps its instruments in static fields, made once per process from the first bus's meter factory and
    /// gone when that host's services are disposed. Made here from a meter of the process, they outlive any one host.
    /// </summary>
    private static void UseProcessWideMassTransitMeter()
    {
        var options = new InstrumentationOptions();
        new ConfigureDefaultInstrumentationOptions().Configure(options);
        LogContextInstrumentationExtensions.TryConfigure(options);
    }

    /// <summary>OTLP/HTTP needs each signal's path on the collector's address; gRPC takes the address alone.</summary>
    private static void Otlp(OtlpExporterOptions o, Uri collector, OtlpProtocol protocol, string signalPath)
    {
        o.Protocol = protocol == OtlpProtocol.Http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        o.Endpoint = protocol == OtlpProtocol.Http ? new Uri(collector, signalPath) : collector;
    }
}
