using System.Text;
using System.Text.RegularExpressions;
using Monitor.IntegrationTests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Monitor.IntegrationTests.Inbound;

/// <summary>
/// The producer account of scripts/services.sh, with the very permissions that script grants: it may publish events
/// to the inbound exchanges, and nothing else — no alert, no message straight into a queue (a robot's, say), no queue
/// of its own.
/// </summary>
public sealed partial class ProducerPermissionTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Password = "producer-test-password";

    [Fact]
    public async Task When_a_producer_publishes_should_reach_only_the_inbound_exchanges()
    {
        var user = await env.VirtualHost.CreateUserAsync(Password, "^$", InboundExchangesOfServicesScript(), "^$");
        var factory = new ConnectionFactory
        {
            HostName = TestSettings.RabbitMqHost,
            Port = TestSettings.RabbitMqPort,
            VirtualHost = env.VirtualHost.Name,
            UserName = user,
            Password = Password,
        };
        await using var connection = await factory.CreateConnectionAsync();

        await PublishAsync(connection, "Monitor.Messages:EnterpriseVisitRecorded", """
            {"visitId":"from-producer","institutionId":"tjqg","tier":"Leadership","unitCode":null,"employerName":"天津生产者测试有限公司","employerCreditCode":null,"visitedOn":"2024-05-10","mode":"Outgoing","positionsOpened":1}
            """);
        var alert = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(connection, "Monitor.Messages:TargetStatusChanged", """{"alertId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","summary":"请点击 http://phish.example"}"""));
        var direct = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(connection, string.Empty, "{}", routingKey: "monitor-enterprise-visit-recorded"));
        var queue = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync("producer-own-queue", durable: false, exclusive: false, autoDelete: true);
        });

        await Eventually.UntilAsync(() => env.CountAsync("SELECT count(*) FROM visits WHERE visit_id = 'from-producer'"), n => n == 1, "the producer's visit is stored");
        Assert.All([alert, direct, queue], e => Assert.Contains("ACCESS_REFUSED", Describe(e), StringComparison.Ordinal));
        await env.Broker.SettleAsync();
        Assert.DoesNotContain(env.Broker.Alerts, a => a.Summary.Contains("phish", StringComparison.Ordinal));
    }

    private static async Task PublishAsync(IConnection connection, string exchange, string json, string routingKey = "")
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, new BasicProperties { ContentType = "application/json" }, Encoding.UTF8.GetBytes(json));
    }

    private static string Describe(Exception e) => e is OperationInterruptedException { ShutdownReason: { } reason } ? reason.ReplyText : e.ToString();

    /// <summary>The producer's write permission exactly as scripts/services.sh grants it.</summary>
    private static string InboundExchangesOfServicesScript()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Monitor.sln")))
        {
            folder = folder.Parent;
        }

        var script = File.ReadAllText(Path.Combine(folder!.FullName, "scripts", "services.sh"));
        return InboundExchanges().Match(script).Groups[1].Value;
    }

    [GeneratedRegex("^INBOUND_EXCHANGES='([^']+)'", RegexOptions.Multiline)]
    private static partial Regex InboundExchanges();
}
