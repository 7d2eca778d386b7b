using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Transports;
using RabbitMQ.Client;
using RabbitConnectionContext = MassTransit.RabbitMqTransport.ConnectionContext;

namespace Monitor.Worker.Inbound;

/// <summary>
/// Gives up, as soon as their broker connection has closed, the deliveries still being consumed or acknowledged on it:
/// their receive context is cancelled, so they are neither acknowledged nor refused, and RabbitMQ delivers them again
/// (it never had their acknowledgement). Every event is stored once by its business id, so the redelivery changes nothing.
/// </summary>
/// <remarks>
/// Without this a broker restart can leave queues without a consumer until the worker restarts. RabbitMQ.Client 7.2
/// handles a connection the broker closed on its one receive loop, telling the channels one after another and waiting,
/// for each, until every delivery in progress on it has returned. A delivery whose consumer has finished acknowledges
/// it, and the acknowledgement goes into the connection's outgoing buffer of 128 frames, whose writer stopped when the
/// socket was reset. Once more than 128 acknowledgements are waiting there — a batch of a few hundred events completing
/// as the broker goes away is enough — the next one waits for room forever; MassTransit cannot cancel an acknowledgement
/// it has begun, so the receive loop waits for it forever, and the channels after it are never told they are closed:
/// their consumers never stop, so MassTransit never starts them again. With at most 128 unacknowledged deliveries per
/// connection (8 queues × a prefetch of 16) the buffer cannot fill. The client's fix (rabbitmq-dotnet-client#1930,
/// pull request #1932) is in no 7.x release.
/// </remarks>
public sealed partial class OrphanedDeliveries(ILogger<OrphanedDeliveries> logger) : BackgroundService, IReceiveObserver
{
    /// <summary>How often the connections of the deliveries in progress are looked at.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<object, (IConnection Connection, Action Cancel)> inProgress = new(ReferenceEqualityComparer.Instance);

    /// <summary>Deliveries being consumed or acknowledged now.</summary>
    public int InProgress => inProgress.Count;

    /// <summary>Follows a delivery until it is acknowledged or refused.</summary>
    public void Track(object delivery, IConnection connection, Action cancel) => inProgress[delivery] = (connection, cancel);

    /// <summary>Stops following a delivery that was acknowledged or refused.</summary>
    public void Release(object delivery) => inProgress.TryRemove(delivery, out _);

    /// <summary>Cancels every delivery in progress whose connection has closed; returns how many.</summary>
    public int Sweep()
    {
        var given = 0;
        foreach (var (delivery, (connection, cancel)) in inProgress)
        {
            if (connection.IsOpen || !inProgress.TryRemove(delivery, out _))
            {
                continue;
            }

            try
            {
                cancel();
                given++;
            }
            catch (ObjectDisposedException)
            {
                // Completed between the look and the cancel: nothing left to give up.
            }
        }

        if (given > 0)
        {
            LogGivenUp(logger, given);
        }

        return given;
    }

    Task IReceiveObserver.PreReceive(ReceiveContext context)
    {
        if (context is BaseReceiveContext receive && context.TryGetPayload(out RabbitConnectionContext? connection))
        {
            Track(context, connection.Connection, receive.Cancel);
        }

        return Task.CompletedTask;
    }

    Task IReceiveObserver.PostReceive(ReceiveContext context)
    {
        Release(context);
        return Task.CompletedTask;
    }

    Task IReceiveObserver.ReceiveFault(ReceiveContext context, Exception exception)
    {
        Release(context);
        return Task.CompletedTask;
    }

    Task IReceiveObserver.PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) => Task.CompletedTask;

    Task IReceiveObserver.ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker connection closed: {Count} deliveries in progress on it are given up, and RabbitMQ delivers them again")]
    private static partial void LogGivenUp(ILogger logger, int count);
}
