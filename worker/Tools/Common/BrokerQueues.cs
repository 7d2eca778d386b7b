using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MassTransit;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Hosting;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using RabbitMQ.Client;

namespace Monitor.Worker.Tools.Common;

/// <summary>
/// The worker's inbound queues on RabbitMQ and what waits in them and in their error and skipped queues, read through
/// the management HTTP API (<c>Monitor:RabbitMqManagementUrl</c>, default port 15672 on <c>RabbitMqTransport:Host</c>,
/// with the <c>RabbitMqTransport</c> user, which needs the management tag).
/// </summary>
public sealed class BrokerQueues(HttpClient http, string virtualHost) : IDisposable
{
    public const string ManagementUrlKey = "Monitor:RabbitMqManagementUrl";

    /// <summary>The queues producers' events wait in, one per message type, as the worker names them.</summary>
    public static readonly IReadOnlyList<string> Inbound =
    [
        MessagingExtensions.EndpointNames.Consumer<EnterpriseVisitRecordedConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<EnterpriseVisitCancelledConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<GraduateRegisteredConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<GraduateWithdrawnConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<GraduateReinstatedConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<GraduateDestinationReportedConsumer>(),
        MessagingExtensions.EndpointNames.Consumer<EvaluationRequestedConsumer>(),
    ];

    public Uri Address => http.BaseAddress!;

    public static RabbitMqTransportOptions Transport(IConfiguration configuration) =>
        configuration.GetSection(MessagingExtensions.RabbitMqSection).Get<RabbitMqTransportOptions>() ?? new RabbitMqTransportOptions();

    public static BrokerQueues Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var transport = Transport(configuration);
        var url = configuration[ManagementUrlKey] is { Length: > 0 } configured ? configured : $"http://{transport.Host}:15672/";
        var http = new HttpClient { BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{transport.User}:{transport.Pass}")));
        return new BrokerQueues(http, transport.VHost);
    }

    /// <summary>An AMQP connection factory for the same broker, user and virtual host.</summary>
    public static ConnectionFactory Connection(IConfiguration configuration)
    {
        var transport = Transport(configuration);
        var factory = new ConnectionFactory
        {
            HostName = transport.Host,
            Port = transport.Port,
            VirtualHost = transport.VHost,
            UserName = transport.User,
            Password = transport.Pass,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };
        if (transport.UseSsl)
        {
            factory.Ssl = new SslOption { Enabled = true, ServerName = transport.Host };
        }

        return factory;
    }

    /// <summary>Each inbound queue with its depths; a queue not declared yet counts as empty.</summary>
    public async Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken)
    {
        var path = $"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages_ready,messages_unacknowledged";
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} (the user needs the management tag and permissions on virtual host '{virtualHost}')");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var queues = json.RootElement.EnumerateArray().ToDictionary(
            q => q.GetProperty("name").GetString()!,
            q => (Ready: Count(q, "messages_ready"), Unacknowledged: Count(q, "messages_unacknowledged")),
            StringComparer.Ordinal);
        return
        [
            .. Inbound.Select(name => new QueueDepth(
                name,
                queues.GetValueOrDefault(name).Ready,
                queues.GetValueOrDefault(name).Unacknowledged,
                Total(queues.GetValueOrDefault(name + "_error")),
                Total(queues.GetValueOrDefault(name + "_skipped")))),
        ];
    }

    public void Dispose() => http.Dispose();

    private static long Total((long Ready, long Unacknowledged) queue) => queue.Ready + queue.Unacknowledged;

    private static long Count(JsonElement queue, string name) =>
        queue.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}

/// <summary>An inbound queue: events waiting, being consumed now, in its error queue and in its skipped queue.</summary>
public sealed record QueueDepth(string Queue, long Waiting, long InProgress, long Errors, long Skipped)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Queue}: {Waiting} waiting, {InProgress} in progress, {Errors} in _error, {Skipped} in _skipped");
}
