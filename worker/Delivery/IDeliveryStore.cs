namespace Monitor.Worker.Delivery;

/// <summary>The record of what has been posted to which webhook, so each message is posted once per webhook.</summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Runs <paramref name="post"/> unless (<paramref name="webhook"/>, <paramref name="messageId"/>) is recorded as
    /// delivered, and records it once <paramref name="post"/> returns. Calls for the same pair, in this process or
    /// another replica, wait for each other. Returns false when it was already delivered (nothing posted).
    /// A <paramref name="post"/> that throws records nothing.
    /// </summary>
    Task<bool> DeliverOnceAsync(string webhook, Guid messageId, string messageType, Func<CancellationToken, Task> post, CancellationToken cancellationToken);

    /// <summary>The deliveries recorded for a message, by webhook name.</summary>
    Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken);
}

/// <summary>A message posted to a webhook.</summary>
public sealed record WebhookDelivery(string Webhook, Guid MessageId, string MessageType, DateTimeOffset DeliveredAt);
