using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Connects to RabbitMQ once before the bus starts, so a wrong address or password stops start-up with a message that
/// names the host and the problem instead of a time-out deep inside the bus. The connection is tried when the host
/// starts its services, beside PostgreSQL's start-up; this service's start waits for it, so a problem with PostgreSQL
/// is still the one reported when both fail, and the bus starts only after it.
/// </summary>
public sealed class RabbitMqPreflight(IOptions<RabbitMqTransportOptions> options) : EarlyStartService
{
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = o.Host,
            Port = o.Port,
            VirtualHost = o.VHost,
            UserName = o.User,
            Password = o.Pass,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            AutomaticRecoveryEnabled = false,
        };
        if (o.UseSsl)
        {
            factory.Ssl = new SslOption { Enabled = true, ServerName = o.Host };
        }

        var where = $"RabbitMQ at {o.Host}:{o.Port} (virtual host '{o.VHost}')";
        try
        {
            await using var connection = await factory.CreateConnectionAsync("monitor-preflight", cancellationToken);

            // The broker refuses a virtual host after the connection is open; only the first channel shows it.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        }
        catch (BrokerUnreachableException ex) when (ex.InnerException is AuthenticationFailureException)
        {
            throw new StartupException($"{where}: authentication failed for user '{o.User}'. Check RabbitMqTransport__User and RabbitMqTransport__Pass.", ex);
        }
        catch (BrokerUnreachableException ex)
        {
            throw new StartupException($"{where}: cannot connect ({ex.InnerException?.Message ?? ex.Message}). Check RabbitMqTransport__Host and RabbitMqTransport__Port, and that the broker is running.", ex);
        }
        catch (OperationInterruptedException ex)
        {
            throw new StartupException($"{where}: the broker refused the connection ({ex.ShutdownReason?.ReplyText}). Check RabbitMqTransport__VHost and the user's permissions.", ex);
        }
    }
}
