using System.Security.Cryptography;
using System.Text;
using MassTransit;

namespace Monitor.Worker.Delivery;

/// <summary>
/// One receive endpoint (queue) per webhook and kind of message — <c>monitor-webhook-&lt;name&gt;-alert</c> and
/// <c>monitor-webhook-&lt;name&gt;-digest</c> — each bound to the message type's exchange, so a robot that fails holds
/// up only its own messages. Each takes one message at a time (the robots allow about 20 posts a minute) and retries
/// it in memory with growing pauses that outlast a rate limit; a refusal that cannot heal is not retried. After the
/// last retry, or at once for such a refusal, the message moves to the queue's <c>_error</c> queue.
/// </summary>
public static class WebhookEndpoints
{
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)];

    /// <summary>The queue of a webhook's alerts.</summary>
    public static string AlertQueue(string webhook) => QueueName(webhook, "alert");

    /// <summary>The queue of a webhook's digests.</summary>
    public static string DigestQueue(string webhook) => QueueName(webhook, "digest");

    /// <summary>An endpoint per webhook and kind it takes, each with its own consumer instance.</summary>
    public static void ConfigureWebhookEndpoints(this IBusFactoryConfigurator cfg, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(cfg);
        if (services.GetService<DeliveryOptions>() is not { } delivery)
        {
            return;
        }

        var markdown = services.GetRequiredService<WebhookMarkdown>();
        var dispatcher = services.GetRequiredService<WebhookDispatcher>();
        foreach (var webhook in delivery.Webhooks)
        {
            if (webhook.Alerts)
            {
                cfg.ReceiveEndpoint(AlertQueue(webhook.Name), e =>
                {
                    OneAtATimeWithRetries(e);
                    e.Consumer(() => new WebhookAlertConsumer(webhook, markdown, dispatcher));
                });
            }

            if (webhook.Digests)
            {
                cfg.ReceiveEndpoint(DigestQueue(webhook.Name), e =>
                {
                    OneAtATimeWithRetries(e);
                    e.Consumer(() => new WebhookDigestConsumer(webhook, markdown, dispatcher));
                });
            }
        }
    }

    /// <summary>
    /// <c>monitor-webhook-&lt;name&gt;-&lt;kind&gt;</c>; a name with characters a queue name cannot hold (RabbitMQ
    /// through MassTransit takes letters, digits, '-', '_' and '.') has them replaced and a short hash of the name
    /// added, so two names never share a queue.
    /// </summary>
    public static string QueueName(string webhook, string kind)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var lower = webhook.ToLowerInvariant();
        var slug = new string([.. lower.Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' ? c : '-')]);
        if (slug != lower || slug.Length == 0)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhook)), 0, 4);
            slug = slug.Length == 0 ? hash : $"{slug}-{hash}";
        }

        return $"monitor-webhook-{slug}-{kind}";
    }

    private static void OneAtATimeWithRetries(IReceiveEndpointConfigurator e)
    {
        e.ConcurrentMessageLimit = 1;
        e.PrefetchCount = 1;
        e.UseMessageRetry(r =>
        {
            r.Ignore<WebhookRejectedException>();
            r.Intervals(RetryIntervals);
        });
    }
}
