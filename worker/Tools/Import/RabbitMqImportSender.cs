using MassTransit;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Sends to the worker's own queues (<c>queue:monitor-enterprise-visit-recorded</c> …) over a bus with publisher
/// confirms: a send completes when RabbitMQ has taken the message into the queue, which MassTransit declares
/// (durable, as the worker declares it) if the worker has never run. Up to <see cref="Window"/> sends are in flight
/// at once; each window must be confirmed within the publish time-out.
/// </summary>
public sealed class RabbitMqImportSender(IBus bus, TimeSpan timeout) : IImportSender, IDisposable
{
    /// <summary>Sends awaiting their confirmation at most.</summary>
    public const int Window = 100;

    private readonly Dictionary<string, ISendEndpoint> endpoints = new(StringComparer.Ordinal);
    private readonly List<Task> pending = new(Window);
    private CancellationTokenSource? deadline;

    public int Confirmed { get; private set; }

    public async Task SendAsync<TMessage>(string queue, TMessage message, CancellationToken cancellationToken)
        where TMessage : class
    {
        if (!endpoints.TryGetValue(queue, out var endpoint))
        {
            endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            endpoints.Add(queue, endpoint);
        }

        if (deadline is null)
        {
            deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
        }

        pending.Add(endpoint.Send(message, deadline.Token));
        if (pending.Count >= Window)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(pending);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportPublishException(
                $"RabbitMQ did not confirm the messages within {timeout} (Monitor:PublishTimeout): it refuses them (a queue length limit, a disk or memory alarm) or the queue exists with other settings than the worker's.",
                ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ImportPublishException($"RabbitMQ refused a message: {ex.Message}", ex);
        }
        finally
        {
            Confirmed += pending.Count(t => t.IsCompletedSuccessfully);
            pending.Clear();
            deadline?.Dispose();
            deadline = null;
        }
    }

    public void Dispose() => deadline?.Dispose();
}
