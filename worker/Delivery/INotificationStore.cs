using Monitor.Messages;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The webhooks' queues, filled only from this Monitor's own outbox (the alerts it saved, the digests it made), and the
/// record of what has been posted to which webhook, so each message is posted once per webhook however many replicas run.
/// </summary>
public interface INotificationStore
{
    /// <summary>
    /// Hands the alerts and digests not yet handed over to the webhooks' queues, each to the webhooks its route names
    /// (none for an alert or digest older than <see cref="NotificationRules.MaxAge"/> at <paramref name="now"/>). Each is
    /// handed over once, even by several replicas at once. Returns how many were handed over.
    /// </summary>
    Task<int> QueueNewAsync(Func<TargetStatusChanged, IReadOnlyList<string>> routeAlert, Func<DailyDigest, IReadOnlyList<string>> routeDigest, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every (webhook, group) with something pending.</summary>
    Task<IReadOnlyList<PendingGroup>> GetPendingGroupsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Under a lock on (webhook, group), or null at once when another replica holds it or nothing is pending: reads what
    /// waits, with its payload from the outbox; asks <paramref name="plan"/> what to do; posts the plan's message with
    /// <paramref name="post"/> unless the webhook already has a message with its id; then records the items' states and
    /// the delivery together. When <paramref name="post"/> throws, nothing is recorded and everything stays pending.
    /// </summary>
    Task<SendResult?> SendAsync(string webhook, string groupKey, Func<IReadOnlyList<QueuedItem>, NotificationPlan> plan, Func<WebhookMessage, CancellationToken, Task> post, CancellationToken cancellationToken);

    /// <summary>The deliveries recorded for a message, by webhook name.</summary>
    Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken);

    /// <summary>A webhook's queue, oldest first, sent and silenced items included.</summary>
    Task<IReadOnlyList<QueueEntry>> GetQueueAsync(string webhook, CancellationToken cancellationToken);

    /// <summary>How many items wait to be posted, by webhook (only webhooks with some).</summary>
    Task<IReadOnlyDictionary<string, long>> CountPendingAsync(CancellationToken cancellationToken);
}
