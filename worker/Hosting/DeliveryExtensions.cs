using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Npgsql;

namespace Monitor.Worker.Hosting;

public static class DeliveryExtensions
{
    /// <summary>
    /// Alert and digest delivery to group-robot webhooks (<c>Monitor:Webhooks</c>, <c>Monitor:Notifications</c>), checked
    /// now so a wrong entry stops start-up: the notifier, which reads the outbox (never the bus), and its queue store.
    /// Nothing is registered when no webhook is configured.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorDelivery(this IHostApplicationBuilder builder, MonitorOptions options, InstitutionCatalog institutions)
    {
        var delivery = DeliveryOptions.Load(builder.Configuration, institutions);
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
        services.AddSingleton(sp => new WebhookMarkdown(
            sp.GetRequiredService<InstitutionCatalog>(), sp.GetRequiredService<TargetCatalog>(), sp.GetRequiredService<IOptions<MonitorOptions>>().Value.Language, sp.GetService<ITargetLinks>()));
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<DigestCharts>();
        if (options.Storage == StorageKind.Postgres)
        {
            services.AddSingleton<INotificationStore>(sp => new PostgresNotificationStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<INotificationStore>(sp => new InMemoryNotificationStore(
                sp.GetRequiredService<IAlertStore>(), sp.GetRequiredService<IDigestStore>(), sp.GetRequiredService<TargetCatalog>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<Notifier>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifier>());
        return builder;
    }
}
