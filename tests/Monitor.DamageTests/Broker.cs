using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.DamageTests;

/// <summary>
/// A producer as the wire format asks one to be: raw JSON, persistent, publisher confirms, and a publish that failed
/// (the broker restarting) tried again until confirmed. Also reads the durable tap queues bound to the worker's alert
/// and rejection exchanges, which keep what was published while the suite was not looking.
/// </summary>
public sealed class Broker(string vhost, string user, string password) : IAsyncDisposable
{
    public const string AlertTap = "damage-tap-alerts";
    public const string RejectionTap = "damage-tap-rejections";

    private readonly SemaphoreSlim sync = new(1, 1);
    private IConnection? connection;
    private IChannel? channel;

    public async Task PublishAsync(string exchange, byte[] body, string? contentType = "application/json")
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                var ch = await ChannelAsync();
                await ch.BasicPublishAsync(exchange, string.Empty, mandatory: false, new BasicProperties { ContentType = contentType, Persistent = true }, body);
                return;
            }
            catch (Exception ex) when (ex is AlreadyClosedException or BrokerUnreachableException or OperationInterruptedException or PublishException or IOException or ObjectDisposedException && DateTime.UtcNow < deadline)
            {
                await ResetAsync();
                await Task.Delay(500);
            }
        }
    }

    public Task PublishAsync(string exchange, string json) => PublishAsync(exchange, Encoding.UTF8.GetBytes(json));

    /// <summary>Durable queues bound to the alert and rejection exchanges (declared as MassTransit declares them).</summary>
    public async Task DeclareTapsAsync()
    {
        var ch = await ChannelAsync();
        foreach (var (queue, exchange) in new[] { (AlertTap, "Monitor.Messages:TargetStatusChanged"), (RejectionTap, "Monitor.Messages:EventRejected") })
        {
            await ch.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await ch.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await ch.QueueBindAsync(queue, exchange, string.Empty);
        }
    }

    /// <summary>Every message body now in a tap queue, taken off it.</summary>
    public async Task<IReadOnlyList<JsonElement>> DrainAsync(string queue)
    {
        var ch = await ChannelAsync();
        var messages = new List<JsonElement>();
        while (await ch.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            using var json = JsonDocument.Parse(message.Body);
            var root = json.RootElement;
            messages.Add((root.TryGetProperty("message", out var payload) ? payload : root).Clone());
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        sync.Dispose();
    }

    private async Task<IChannel> ChannelAsync()
    {
        await sync.WaitAsync();
        try
        {
            if (channel is { IsOpen: true })
            {
                return channel;
            }

            var factory = new ConnectionFactory
            {
                HostName = "127.0.0.1",
                Port = Servers.RabbitMqPort,
                VirtualHost = vhost,
                UserName = user,
                Password = password,
                AutomaticRecoveryEnabled = false,
            };
            connection = await factory.CreateConnectionAsync("monitor-damage");
            channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            return channel;
        }
        finally
        {
            sync.Release();
        }
    }

    private async Task ResetAsync()
    {
        await sync.WaitAsync();
        try
        {
            try
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
            {
                // The broker went away under it: nothing to close.
            }

            connection = null;
            channel = null;
        }
        finally
        {
            sync.Release();
        }
    }
}
