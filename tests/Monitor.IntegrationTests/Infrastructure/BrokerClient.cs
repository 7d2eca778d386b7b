using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Monitor.Messages;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A plain AMQP client in a test virtual host, independent of MassTransit: it publishes raw JSON as any producer could,
/// reads error queues, and taps the worker's outbound exchanges (an exclusive queue bound to each) to collect what the
/// worker published, in arrival order.
/// </summary>
public sealed class BrokerClient : IAsyncDisposable
{
    public const string MetricSnapshotExchange = "Monitor.Messages:MetricSnapshot";
    public const string TargetStatusChangedExchange = "Monitor.Messages:TargetStatusChanged";
    public const string EventRejectedExchange = "Monitor.Messages:EventRejected";
    public const string DailyDigestExchange = "Monitor.Messages:DailyDigest";

    private const string MarkerHeader = "x-test-marker";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly SemaphoreSlim publishing = new(1, 1);
    private readonly Dictionary<string, Tap> taps = new(StringComparer.Ordinal);

    private BrokerClient(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>Connects and taps the snapshot, alert, rejection and digest exchanges (declared as MassTransit declares them).</summary>
    public static async Task<BrokerClient> ConnectAsync(string virtualHost)
    {
        var factory = new ConnectionFactory
        {
            HostName = TestSettings.RabbitMqHost,
            Port = TestSettings.RabbitMqPort,
            UserName = TestSettings.RabbitMqUser,
            Password = TestSettings.RabbitMqPass,
            VirtualHost = virtualHost,
        };
        var connection = await factory.CreateConnectionAsync("monitor-integration-tests");
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var client = new BrokerClient(connection, channel);
        foreach (var exchange in new[] { MetricSnapshotExchange, TargetStatusChangedExchange, EventRejectedExchange, DailyDigestExchange })
        {
            await client.TapAsync(exchange);
        }

        return client;
    }

    public IReadOnlyList<MetricSnapshot> Snapshots => Read<MetricSnapshot>(MetricSnapshotExchange);

    public IReadOnlyList<TargetStatusChanged> Alerts => Read<TargetStatusChanged>(TargetStatusChangedExchange);

    public IReadOnlyList<EventRejected> Rejections => Read<EventRejected>(EventRejectedExchange);

    public IReadOnlyList<DailyDigest> Digests => Read<DailyDigest>(DailyDigestExchange);

    /// <summary>Publishes a body as raw JSON (content type application/json, persistent, no message id) to an exchange.</summary>
    public Task PublishRawAsync(string exchange, string json) => PublishBytesAsync(exchange, Encoding.UTF8.GetBytes(json), "application/json");

    /// <summary>Publishes any bytes with any content type (null: none) to an exchange, as a careless or hostile producer might; returns once the broker confirmed.</summary>
    public async Task PublishBytesAsync(string exchange, byte[] body, string? contentType)
    {
        var properties = new BasicProperties { ContentType = contentType, Persistent = true };
        await publishing.WaitAsync();
        try
        {
            await channel.BasicPublishAsync(exchange, string.Empty, mandatory: false, properties, body);
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <summary>Puts raw JSON straight into a queue (declared durable if missing, as MassTransit declares its error queues).</summary>
    public async Task PutInQueueAsync(string queue, string json)
    {
        await publishing.WaitAsync();
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, new BasicProperties { ContentType = "application/json", Persistent = true }, Encoding.UTF8.GetBytes(json));
        }
        finally
        {
            publishing.Release();
        }
    }

    /// <summary>The bodies that reached a tap (e.g. <see cref="MetricSnapshotExchange"/>) as received, with when each arrived.</summary>
    public IReadOnlyList<(string Body, DateTime ReceivedAt)> Received(string exchange) => [.. taps[exchange].Bodies];

    /// <summary>
    /// Returns once every message already routed to the taps has been received: a marker sent to each tap queue after
    /// them comes back last, since a queue delivers in order.
    /// </summary>
    public async Task SettleAsync()
    {
        foreach (var tap in taps.Values)
        {
            var marker = Guid.NewGuid().ToString("N");
            var seen = tap.ExpectMarker(marker);
            var properties = new BasicProperties { Headers = new Dictionary<string, object?> { [MarkerHeader] = marker } };
            await publishing.WaitAsync();
            try
            {
                await channel.BasicPublishAsync(string.Empty, tap.Queue, mandatory: true, properties, ReadOnlyMemory<byte>.Empty);
            }
            finally
            {
                publishing.Release();
            }

            await seen.WaitAsync(Eventually.DefaultTimeout);
        }
    }

    /// <summary>
    /// The bodies of the messages now in a queue (read without acknowledging, so they stay in it); none when the queue
    /// does not exist (MassTransit declares an error queue on its first fault).
    /// </summary>
    public async Task<IReadOnlyList<string>> PeekQueueAsync(string queue)
    {
        await using var peek = await connection.CreateChannelAsync();
        try
        {
            await peek.QueueDeclarePassiveAsync(queue);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return [];
        }

        var bodies = new List<string>();
        while (await peek.BasicGetAsync(queue, autoAck: false) is { } message)
        {
            bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
        }

        // Closing the channel returns the unacknowledged messages to the queue.
        await peek.CloseAsync();
        return bodies;
    }

    /// <summary>
    /// The string headers (e.g. MassTransit's <c>MT-Fault-Message</c>, <c>MT-Fault-RetryCount</c>) of each message now
    /// in a queue, read without acknowledging; none when the queue does not exist.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> PeekHeadersAsync(string queue)
    {
        await using var peek = await connection.CreateChannelAsync();
        try
        {
            await peek.QueueDeclarePassiveAsync(queue);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return [];
        }

        var messages = new List<IReadOnlyDictionary<string, string>>();
        while (await peek.BasicGetAsync(queue, autoAck: false) is { } message)
        {
            messages.Add((message.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(
                h => h.Key,
                h => h.Value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => "", var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "" },
                StringComparer.Ordinal));
        }

        await peek.CloseAsync();
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await channel.DisposeAsync();
        await connection.CloseAsync();
        await connection.DisposeAsync();
        publishing.Dispose();
    }

    private IReadOnlyList<T> Read<T>(string exchange) =>
        [.. taps[exchange].Bodies.Select(entry => Payload<T>(entry.Body))];

    /// <summary>The payload of MassTransit's envelope ("message"), or the body itself when it is plain JSON.</summary>
    private static T Payload<T>(string body)
    {
        using var document = JsonDocument.Parse(body);
        var payload = document.RootElement.TryGetProperty("message", out var message) ? message : document.RootElement;
        return payload.Deserialize<T>(Json) ?? throw new InvalidOperationException($"A {typeof(T).Name} body is JSON null: {body}");
    }

    private async Task TapAsync(string exchange)
    {
        // The same settings as MassTransit's own declaration, so whichever side declares first, both agree.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, string.Empty);
        var tap = new Tap(queue.QueueName);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.Headers?.TryGetValue(MarkerHeader, out var marker) == true && marker is byte[] id)
            {
                tap.MarkerSeen(Encoding.UTF8.GetString(id));
            }
            else
            {
                tap.Bodies.Enqueue((Encoding.UTF8.GetString(delivery.Body.Span), DateTime.UtcNow));
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        taps[exchange] = tap;
    }

    private sealed class Tap(string queue)
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> markers = new(StringComparer.Ordinal);

        public string Queue { get; } = queue;

        public ConcurrentQueue<(string Body, DateTime ReceivedAt)> Bodies { get; } = new();

        public Task ExpectMarker(string marker) =>
            markers.GetOrAdd(marker, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void MarkerSeen(string marker) =>
            markers.GetOrAdd(marker, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
