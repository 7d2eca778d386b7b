using Microsoft.Extensions.Options;
using Monitor.Worker.Delivery;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Npgsql;

namespace Monitor.Worker.Hosting;

public static class DeliveryExtensions
{
    /// <summary>
    /// Alert and digest delivery to group-robot webhooks (<c>Monitor:Webhooks</c>), checked now so a wrong entry stops
    /// start-up; nothing is registered when no webhook is configured.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorDelivery(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var delivery = DeliveryOptions.Load(builder.Configuration);
        if (delivery.Webhooks.Count == 0)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton(delivery);
        services.AddHttpClient(WebhookClient.HttpClientName, c => c.Timeout = delivery.WebhookTimeout)

            // The factory's own logging would write the webhook address, which holds the robot's key.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton(sp => new WebhookMarkdown(
            sp.GetRequiredService<InstitutionCatalog>(), sp.GetRequiredService<TargetCatalog>(), sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Language));
        if (options.Storage == StorageKind.Postgres)
        {
            services.AddSingleton<IDeliveryStore>(sp => new PostgresDeliveryStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IDeliveryStore, InMemoryDeliveryStore>();
        }

        return builder;
    }
}
