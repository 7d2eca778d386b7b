using MassTransit;
using Monitor.Messages;
using Monitor.Worker.Inbound;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// Watches the replay's in-memory bus: counts the inbound events still being consumed (so a day is evaluated only once
/// its events are stored), records the events the consumers refused, and captures every alert the relay publishes.
/// </summary>
public sealed class ReplayBusObserver : IConsumeObserver, IPublishObserver
{
    private static readonly HashSet<Type> Inbound = [.. ReplayEvents.Types.Values];

    private readonly Lock gate = new();
    private readonly HashSet<Guid> consumed = [];
    private readonly List<TargetStatusChanged> alerts = [];
    private readonly List<string> rejections = [];
    private int pending;
    private TaskCompletionSource? drained;

    /// <summary>Called before publishing <paramref name="count"/> inbound events.</summary>
    public void Expect(int count)
    {
        lock (gate)
        {
            pending += count;
        }
    }

    /// <summary>Completes once every expected event has been consumed (stored or refused).</summary>
    public Task DrainedAsync()
    {
        lock (gate)
        {
            if (pending == 0)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return drained.Task;
        }
    }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending;
            }
        }
    }

    /// <summary>The alerts published since the last call.</summary>
    public IReadOnlyList<TargetStatusChanged> TakeAlerts() => Take(alerts);

    /// <summary>The refusals ("Type id: reasons") since the last call.</summary>
    public IReadOnlyList<string> TakeRejections() => Take(rejections);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Done(context, null);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class
    {
        // A refused event is final; any other failure is retried by the endpoint, whose last attempt decides.
        if (exception is InvalidEventException)
        {
            Done(context, exception);
        }

        return Task.CompletedTask;
    }

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        if (context.Message is TargetStatusChanged alert)
        {
            lock (gate)
            {
                alerts.Add(alert);
            }
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    private void Done<T>(ConsumeContext<T> context, Exception? exception)
        where T : class
    {
        if (!Inbound.Contains(typeof(T)))
        {
            return;
        }

        TaskCompletionSource? done = null;
        lock (gate)
        {
            // Once per message, even if a transient failure made the consumer run again.
            if (context.MessageId is { } id && !consumed.Add(id))
            {
                return;
            }

            if (exception is not null)
            {
                rejections.Add(exception.Message);
            }

            pending--;
            if (pending <= 0 && drained is not null)
            {
                done = drained;
                drained = null;
            }
        }

        done?.TrySetResult();
    }

    private List<T> Take<T>(List<T> items)
    {
        lock (gate)
        {
            var taken = items.ToList();
            items.Clear();
            return taken;
        }
    }
}
