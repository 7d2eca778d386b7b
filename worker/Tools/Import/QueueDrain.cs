using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Waits until a running worker has taken every message off a queue, before the import asks it to evaluate: the rows
/// and the request travel on different queues, so a request sent at once could be evaluated before the last rows are
/// stored. A queue without a consumer (no worker running) is not waited for: the worker evaluates when it starts.
/// </summary>
public static class QueueDrain
{
    /// <summary>Polls the queue (a passive declare: it creates nothing) until it holds no ready message; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> WaitAsync(RabbitMqTransportOptions options, string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            VirtualHost = options.VHost,
            UserName = options.User,
            Password = options.Pass,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            AutomaticRecoveryEnabled = false,
        };
        if (options.UseSsl)
        {
            factory.Ssl = new SslOption { Enabled = true, ServerName = options.Host };
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var connection = await factory.CreateConnectionAsync("monitor-import-drain", cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            while (true)
            {
                var state = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (state.ConsumerCount == 0)
                {
                    return true;
                }

                if (state.MessageCount == 0)
                {
                    // Delivered is not yet stored: the worker holds at most its prefetch of rows, a few milliseconds of work.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                    return true;
                }

                if (clock.Elapsed > timeout)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationInterruptedException or BrokerUnreachableException)
        {
            // Not allowed to look (a user without rights on the queue): the request is sent all the same.
            return false;
        }
    }
}
