using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Placement;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Visits;

using Monitor.Worker.Settings;
using Monitor.Worker.Inbound;
using Monitor.Worker.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Monitor.Worker.Hosting;

public static class MessagingExtensions
{
    /// <summary>The RabbitMQ connection settings' section (MassTransit's own names: Host, Port, VHost, User, Pass).</summary>
    public const string RabbitMqSection = "RabbitMqTransport";

    /// <summary>Names the receive endpoints (queues) after their consumers: <c>monitor-enterprise-visit-recorded</c> and so on.</summary>
    public static readonly IEndpointNameFormatter EndpointNames = new KebabCaseEndpointNameFormatter("monitor", false);

    /// <summary>
    /// MassTransit with one receive endpoint per consumer (so a raw JSON body is never offered to another message
    /// type's consumer), raw JSON accepted beside the envelope, publisher confirms, and no usage telemetry.
    /// </summary>
    /// <summary>Every consumer of the worker, each with its definition (retry, door, endpoint name).</summary>
    public static void AddMonitorConsumers(this IBusRegistrationConfigurator x)
    {
        ArgumentNullException.ThrowIfNull(x);
        x.AddConsumer<EnterpriseVisitRecordedConsumer, MonitorConsumerDefinition<EnterpriseVisitRecordedConsumer>>();
        x.AddConsumer<EnterpriseVisitCancelledConsumer, MonitorConsumerDefinition<EnterpriseVisitCancelledConsumer>>();
        x.AddConsumer<GraduateRegisteredConsumer, MonitorConsumerDefinition<GraduateRegisteredConsumer>>();
        x.AddConsumer<GraduateWithdrawnConsumer, MonitorConsumerDefinition<GraduateWithdrawnConsumer>>();
        x.AddConsumer<GraduateReinstatedConsumer, MonitorConsumerDefinition<GraduateReinstatedConsumer>>();
        x.AddConsumer<GraduateDestinationReportedConsumer, MonitorConsumerDefinition<GraduateDestinationReportedConsumer>>();
        x.AddConsumer<EvaluationRequestedConsumer, MonitorConsumerDefinition<EvaluationRequestedConsumer>>();
        x.AddConsumer<ReceiveFaultConsumer, MonitorConsumerDefinition<ReceiveFaultConsumer>>();
    }

    /// <summary>The wire format: raw JSON from any producer read beside MassTransit's envelope, decimals as numbers.</summary>
    public static void UseMonitorSerialization(this IBusFactoryConfigurator cfg)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        cfg.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
        cfg.ConfigureJsonSerializerOptions(WireJson.Apply);
    }

    public static IHostApplicationBuilder AddMonitorMessaging(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var services = builder.Services;
        services.AddOptions<RabbitMqTransportOptions>().BindConfiguration(RabbitMqSection);
        if (options.Transport == TransportKind.RabbitMq)
        {
            services.AddHostedService<RabbitMqPreflight>();
            services.AddSingleton<OrphanedDeliveries>();
            services.AddHostedService(sp => sp.GetRequiredService<OrphanedDeliveries>());
            services.AddReceiveObserver(sp => sp.GetRequiredService<OrphanedDeliveries>());
        }

        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(EndpointNames);
            x.AddMonitorConsumers();
            x.AddMonitorIngestEndpoints(IngestOptions.Read(builder.Configuration));

            if (options.Transport == TransportKind.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.UseMonitorHost(context.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value);
                    cfg.UseMonitorSerialization();
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(WireJson.Apply);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        // Without waiting, a publish right after start-up can be lost before the queues are bound.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.TryAddSingleton<MonitorMetrics>();
        services.AddSingleton<ScopeReader>();
        services.AddSingleton<Evaluator>();
        services.AddSingleton<EvaluationCoalescer>();
        services.AddSingleton<AlertRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertRelay>());
        services.AddHostedService<MemoryTrim>();
        return builder;
    }

    /// <summary>The broker from the <c>RabbitMqTransport</c> settings, with publisher confirms (a send completes once RabbitMQ has the message).</summary>
    public static void UseMonitorHost(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqTransportOptions rabbit)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        ArgumentNullException.ThrowIfNull(rabbit);
        cfg.Host(rabbit.Host, rabbit.Port, rabbit.VHost, h =>
        {
            h.Username(rabbit.User);
            h.Password(rabbit.Pass);
            h.PublisherConfirmation = true;
            if (rabbit.UseSsl)
            {
                h.UseSsl(_ => { });
            }
        });
    }
}
