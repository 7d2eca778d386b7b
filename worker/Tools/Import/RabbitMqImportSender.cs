using MassTransit;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Sends to the worker's own queues (<c>queue:monitor-enterprise-visit-recorded</c> …) over a bus with publisher
/// confirms: a send completes when RabbitMQ has taken the message into the queue, which MassTransit declares
/// (durable, as the worker declares it) if the worker has never run. Up to <see cref="Window"/> sends are in flight
/// at once, a sliding window: each new send waits only for the oldest one beyond the window, so the broker's
/// confirms stream back while the next messages are sent (stop-and-wait windows left the connection idle between
/// windows). The import fails when no confirmation arrives for the publish time-out.
/// </summary>
public sealed class RabbitMqImportSender(IBus bus, TimeSpan timeout, int window = RabbitMqImportSender.Window) : IImportSender, IDisposable
{
    /// <summary>Sends awaiting their confirmation at most, by default.</summary>
    public const int Window = 1000;

    private readonly Dictionary<string, ISendEndpoint> endpoints = new(StringComparer.Ordinal);
    private readonly Queue<Task> pending = new(window);
    private CancellationTokenSource? stalled;

    public int Confirmed { get; private set; }

    public async Task SendAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        if (!endpoints.TryGetValue(queue, out var endpoint))
        {
            endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            endpoints.Add(queue, endpoint);
        }

        if (stalled is null)
        {
            stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stalled.CancelAfter(timeout);
        }

        pending.Enqueue(endpoint.Send(message, stalled.Token));
        while (pending.Count >= window)
        {
            await ConfirmOldestAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (pending.Count > 0)
            {
                await ConfirmOldestAsync(cancellationToken);
            }
        }
        finally
        {
            stalled?.Dispose();
            stalled = null;
        }
    }

    public void Dispose() => stalled?.Dispose();

    private async Task ConfirmOldestAsync(CancellationToken cancellationToken)
    {
        try
        {
            await pending.Dequeue();
            Confirmed++;

            // Progress: the time-out counts from the last confirmation, not from the first send.
            stalled?.CancelAfter(timeout);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Abandon();
            throw new ImportPublishException(
                $"RabbitMQ did not confirm the messages within {timeout} (Monitor:PublishTimeout): it refuses them (a queue length limit, a disk or memory alarm) or the queue exists with other settings than the worker's.",
                ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Abandon();
            throw new ImportPublishException($"RabbitMQ refused a message: {ex.Message}", ex);
        }
    }

    /// <summary>Counts what was confirmed among the sends still pending, and forgets them.</summary>
    private void Abandon()
    {
        Confirmed += pending.Count(t => t.IsCompletedSuccessfully);
        pending.Clear();
    }
}
