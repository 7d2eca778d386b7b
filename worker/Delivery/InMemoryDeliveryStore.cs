using System.Collections.Concurrent;

namespace Monitor.Worker.Delivery;

/// <summary>
/// The embedded default: delivery records in process memory, lost on restart. Posts to one webhook run one at a time;
/// a slow webhook does not hold up the others.
/// </summary>
public sealed class InMemoryDeliveryStore(TimeProvider clock) : IDeliveryStore, IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    private readonly Lock records = new();
    private readonly Dictionary<(string Webhook, Guid MessageId), WebhookDelivery> delivered = [];

    public async Task<bool> DeliverOnceAsync(string webhook, Guid messageId, string messageType, Func<CancellationToken, Task> post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var gate = gates.GetOrAdd(webhook, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            lock (records)
            {
                if (delivered.ContainsKey((webhook, messageId)))
                {
                    return false;
                }
            }

            await post(cancellationToken);
            lock (records)
            {
                delivered[(webhook, messageId)] = new WebhookDelivery(webhook, messageId, messageType, clock.GetUtcNow());
            }

            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(Guid messageId, CancellationToken cancellationToken)
    {
        lock (records)
        {
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. delivered.Values.Where(d => d.MessageId == messageId).OrderBy(d => d.Webhook, StringComparer.Ordinal)]);
        }
    }

    public void Dispose()
    {
        foreach (var gate in gates.Values)
        {
            gate.Dispose();
        }
    }
}
