using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.Benchmarks.Scale;

/// <summary>
/// A RabbitMQ virtual host of the run's own (created through the management API, deleted at the end) and a plain AMQP
/// client in it: raw JSON published as any producer would, with publisher confirms, and queue depths read exactly
/// (a passive declare), not from the management statistics, which lag by seconds.
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    public const string SnapshotExchange = "Monitor.Messages:MetricSnapshot";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient management;
    private readonly IConnection connection;
    private readonly IChannel channel;

    private Broker(ScaleOptions options, string virtualHost, HttpClient management, IConnection connection, IChannel channel)
    {
        Options = options;
        VirtualHost = virtualHost;
        this.management = management;
        this.connection = connection;
        this.channel = channel;
    }

    public ScaleOptions Options { get; }

    public string VirtualHost { get; }

    public static async Task<Broker> CreateAsync(ScaleOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var virtualHost = $"monitor-scale-{Guid.NewGuid():N}"[..24];
        var management = new HttpClient { BaseAddress = options.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(30) };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.RabbitMqUser}:{options.RabbitMqPass}")));
        using (var created = await management.PutAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative), null, cancellationToken))
        {
            await EnsureAsync(created, $"create virtual host {virtualHost}");
        }

        using (var granted = await management.PutAsync(
            new Uri($"api/permissions/{virtualHost}/{Uri.EscapeDataString(options.RabbitMqUser)}", UriKind.Relative),
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }),
            cancellationToken))
        {
            await EnsureAsync(granted, $"grant permissions on {virtualHost}");
        }

        var factory = new ConnectionFactory
        {
            HostName = options.RabbitMqHost,
            Port = options.RabbitMqPort,
            UserName = options.RabbitMqUser,
            Password = options.RabbitMqPass,
            VirtualHost = virtualHost,
        };
        var connection = await factory.CreateConnectionAsync("monitor-scale-benchmark", cancellationToken);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        return new Broker(options, virtualHost, management, connection, channel);
    }

    /// <summary>
    /// Publishes each message as raw JSON (camelCase, enums as names, <c>content_type: application/json</c>, persistent)
    /// to <paramref name="exchange"/> — a message type's exchange, or "" with the queue's name as routing key — with up
    /// to a thousand confirms outstanding.
    /// </summary>
    public async Task PublishRawAsync<T>(string exchange, string routingKey, IEnumerable<T> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var window = new List<Task>(1000);
        foreach (var message in messages)
        {
            var properties = new BasicProperties
            {
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                MessageId = Guid.NewGuid().ToString(),
            };
            window.Add(channel.BasicPublishAsync(exchange, routingKey, false, properties, JsonSerializer.SerializeToUtf8Bytes(message, Json), cancellationToken).AsTask());
            if (window.Count == window.Capacity)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
    }

    /// <summary>Messages ready in a queue; 0 when it does not exist.</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>A durable queue of the benchmark's own bound to <paramref name="exchange"/> (declared as MassTransit declares it).</summary>
    public async Task TapAsync(string exchange, string queue, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken);
    }

    public async Task PurgeAsync(string queue, CancellationToken cancellationToken) => await channel.QueuePurgeAsync(queue, cancellationToken);

    /// <summary>The prefetch count the consumer of <paramref name="queue"/> asked for (the management API's consumer details).</summary>
    public async Task<int?> ConsumerPrefetchAsync(string queue, CancellationToken cancellationToken)
    {
        using var response = await management.GetAsync(new Uri($"api/consumers/{VirtualHost}", UriKind.Relative), cancellationToken);
        await EnsureAsync(response, "list consumers");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        foreach (var consumer in json.RootElement.EnumerateArray())
        {
            if (consumer.GetProperty("queue").GetProperty("name").GetString() == queue)
            {
                return consumer.GetProperty("prefetch_count").GetInt32();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
        using (await management.DeleteAsync(new Uri($"api/vhosts/{VirtualHost}", UriKind.Relative)))
        {
        }

        management.Dispose();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"RabbitMQ management API could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
