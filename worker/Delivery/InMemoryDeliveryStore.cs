namespace Monitor.Worker.Delivery;

/// <summary>The embedded default: delivery records in process memory, lost on restart. Posts run one at a time.</summary>
public sealed class InMemoryDeliveryStore(TimeProvider clock) : IDeliveryStore, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<(string Webhook, Guid MessageId), WebhookDelivery> delivered = [];

    public async Task<bool> DeliverOnceAsync(string webhook, Guid messageId, string messageType, Func<CancellationToken, Task> post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (delivered.ContainsKey((webhook, messageId)))
            {
                return false;
            }

            await post(cancellationToken);
            delivered[(webhook, messageId)] = new WebhookDelivery(webhook, messageId, messageType, clock.GetUtcNow());
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return [.. delivered.Values.Where(d => d.MessageId == messageId).OrderBy(d => d.Webhook, StringComparer.Ordinal)];
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
