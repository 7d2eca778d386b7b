namespace Monitor.Worker.Delivery;

/// <summary>
/// Posts one message to one webhook at most once (see <see cref="IDeliveryStore"/>) and logs the outcome by the
/// webhook's name, never its address. A failure is thrown on so that the webhook's endpoint retries the message, or,
/// for a refusal that cannot heal, moves it to the error queue at once.
/// </summary>
public sealed partial class WebhookDispatcher(IDeliveryStore store, WebhookClient client, ILogger<WebhookDispatcher> logger)
{
    public async Task DeliverAsync(WebhookOptions webhook, Guid messageId, string messageType, WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
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
        catch (WebhookRejectedException ex)
        {
            LogRejected(logger, webhook.Name, messageType, messageId, ex.Message);
            throw;
        }
        catch (WebhookException ex)
        {
            LogFailed(logger, webhook.Name, messageType, messageId, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} ({Kind}) posted {MessageType} {MessageId}")]
    private static partial void LogPosted(ILogger logger, string webhook, WebhookKind kind, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Webhook} already has {MessageType} {MessageId}; not posted again")]
    private static partial void LogAlreadyPosted(ILogger logger, string webhook, string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} failed to take {MessageType} {MessageId}; it will be retried: {Reason}")]
    private static partial void LogFailed(ILogger logger, string webhook, string messageType, Guid messageId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Webhook} refused {MessageType} {MessageId} in a way a retry cannot heal; it goes to the webhook's _error queue without retries. Fix the webhook's settings, then move the message back: {Reason}")]
    private static partial void LogRejected(ILogger logger, string webhook, string messageType, Guid messageId, string reason);
}
