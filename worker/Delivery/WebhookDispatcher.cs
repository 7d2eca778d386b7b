namespace Monitor.Worker.Delivery;

/// <summary>
/// Posts one message to every webhook that wants it, each at most once (see <see cref="IDeliveryStore"/>). A webhook
/// that fails does not stop the others; once all were tried, the failures are thrown together so the message is
/// retried — and the retry skips the webhooks that already have it.
/// </summary>
public sealed partial class WebhookDispatcher(IDeliveryStore store, WebhookClient client, ILogger<WebhookDispatcher> logger)
{
    public async Task DeliverAsync(IEnumerable<WebhookOptions> webhooks, Guid messageId, string messageType, WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        var failures = new List<WebhookException>();
        foreach (var webhook in webhooks)
        {
            try
            {
                var posted = await store.DeliverOnceAsync(webhook.Name, messageId, messageType, ct => client.PostAsync(webhook, message, ct), cancellationToken);
                if (posted)
                {
                    LogPosted(logger, webhook.Name, webhook.Kind!.Value, messageType, messageId);
                }
                else
                {
                    LogAlreadyPosted(logger, webhook.Name, messageType, messageId);
                }
            }
            catch (WebhookException ex)
            {
                LogFailed(logger, webhook.Name, messageType, messageId, ex.Message);
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new WebhookException($"{messageType} {messageId} was not taken by {failures.Count} webhook(s): {string.Join(" | ", failures.Select(f => f.Message))}", new AggregateException(failures));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} ({Kind}) posted {MessageType} {MessageId}")]
    private static partial void LogPosted(ILogger logger, string webhook, WebhookKind kind, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} already has {MessageType} {MessageId}; not posted again")]
    private static partial void LogAlreadyPosted(ILogger logger, string webhook, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} failed to take {MessageType} {MessageId}; it will be retried: {Reason}")]
    private static partial void LogFailed(ILogger logger, string webhook, string messageType, Guid messageId, string reason);
}
