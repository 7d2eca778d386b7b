namespace Monitor.Worker.Delivery;

/// <summary>A message posted to a webhook: an alert, several alerts as one message, or a digest.</summary>
public sealed record WebhookDelivery(string Webhook, Guid MessageId, string MessageType, DateTimeOffset DeliveredAt);
