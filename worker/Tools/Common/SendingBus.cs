using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Hosting;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Tools.Common;

/// <summary>
/// The bus a tool sends with (import's rows, the evaluation requests of import and <c>status --refresh</c>): RabbitMQ
/// with publisher confirms, as the worker's settings give it, no consumers and no usage telemetry. The tool's host is
/// never run; the bus is started and stopped around the sends.
/// </summary>
public static class SendingBus
{
    /// <summary>Registers the bus on <paramref name="builder"/>.</summary>
    public static void AddSendingBus(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RabbitMqTransportOptions>().BindConfiguration(MessagingExtensions.RabbitMqSection);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.UseMonitorHost(context.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value);

                // The worker's wire format (enums as names, decimals as numbers), which its inbound door checks.
                cfg.ConfigureJsonSerializerOptions(WireJson.Apply);
            });
        });
    }

    /// <summary>Checks the connection as the worker does at start-up (a clear message for a wrong host or password), then starts the bus.</summary>
    public static async Task<IBusControl> StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await new RabbitMqPreflight(services.GetRequiredService<IOptions<RabbitMqTransportOptions>>()).StartAsync(cancellationToken);
        var bus = services.GetRequiredService<IBusControl>();
        await bus.StartAsync(cancellationToken);
        return bus;
    }
}
