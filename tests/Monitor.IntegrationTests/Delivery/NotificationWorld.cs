using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// A worker on RabbitMQ and PostgreSQL posting to two robots on a local listener: <c>leaders</c> (WeCom, every alert and
/// the digest) and <c>dean-xn</c> (DingTalk, only 新能源工程学院's alerts), with the default group window (30 s) and
/// quiet hours, a tap on the worker's exchanges, and a fake clock that starts on Monday 17 June 2024 at 10:00 in Tianjin.
/// </summary>
public sealed class NotificationWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Monday = new(2024, 6, 17, 2, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(30);

    private readonly List<WorkerHost> replicas = [];
    private ConfiguredWorker? configured;

    private NotificationWorld(RobotListener robot) => Robot = robot;

    public FakeTimeProvider Clock { get; } = new(Monday);

    public RobotListener Robot { get; }

    public WorkerHost Worker => configured!.Worker;

    public TestDatabase Database => configured!.Database;

    public BrokerClient Broker { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public IReadOnlyList<RobotRequest> Leaders => [.. Robot.Requests.Where(r => r.Path == "/leaders")];

    public IReadOnlyList<RobotRequest> DeanOfXn => [.. Robot.Requests.Where(r => r.Path == "/dean-xn")];

    /// <summary>Starts the world and lets the start-up evaluation's alerts go out, so a test begins with nothing waiting.</summary>
    public static async Task<NotificationWorld> StartAsync()
    {
        var world = new NotificationWorld(RobotListener.Start());
        try
        {
            world.Settings = new Dictionary<string, string?>
            {
                ["Monitor:RelayEvery"] = "00:00:01",
                ["Monitor:Notifications:CheckEvery"] = "00:00:00.2",
                ["Monitor:Webhooks:0:Name"] = "leaders",
                ["Monitor:Webhooks:0:Kind"] = "WeCom",
                ["Monitor:Webhooks:0:Url"] = new Uri(world.Robot.Address, "/leaders?key=leaders-key").ToString(),
                ["Monitor:Webhooks:1:Name"] = "dean-xn",
                ["Monitor:Webhooks:1:Kind"] = "DingTalk",
                ["Monitor:Webhooks:1:Url"] = new Uri(world.Robot.Address, "/dean-xn?access_token=xn-token").ToString(),
                ["Monitor:Webhooks:1:Institution"] = WorkerEnvironment.Institution,
                ["Monitor:Webhooks:1:Unit"] = "XN",
                ["Monitor:Webhooks:1:Digests"] = "false",
            };
            world.configured = await ConfiguredWorker.StartAsync(world.Clock, world.Settings);
            world.Broker = await BrokerClient.ConnectAsync(world.configured.VirtualHost.Name);
            world.Clock.Advance(GroupWait);
            await world.WaitUntilNothingWaitsAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another worker on the same database, virtual host, clock and settings.</summary>
    public async Task<WorkerHost> StartReplicaAsync()
    {
        var replica = await WorkerHost.StartAsync(configured!.Database, configured.VirtualHost, Clock, Settings);
        replicas.Add(replica);
        return replica;
    }

    /// <summary>Every alert and digest handed to the webhooks' queues and none pending (none held by a window or the quiet hours).</summary>
    public Task WaitUntilNothingWaitsAsync() => Eventually.UntilAsync(
        () => CountAsync("SELECT (SELECT count(*) FROM alerts WHERE routed_at IS NULL) + (SELECT count(*) FROM digests WHERE routed_at IS NULL) + (SELECT count(*) FROM notification_queue WHERE state = 'Pending')"),
        n => n == 0,
        "every alert and digest is handed over and posted",
        TimeSpan.FromSeconds(30));

    /// <summary>Every alert in the outbox handed to the webhooks' queues.</summary>
    public Task WaitUntilHandedOverAsync() => Eventually.UntilAsync(
        () => CountAsync("SELECT (SELECT count(*) FROM alerts WHERE routed_at IS NULL) + (SELECT count(*) FROM digests WHERE routed_at IS NULL)"),
        n => n == 0,
        "every alert and digest is handed over");

    /// <summary>Lets a few rounds of the notifier pass (each 0.2 s), for a test that asserts nothing more was posted.</summary>
    public static Task SeveralRoundsAsync() => Task.Delay(TimeSpan.FromSeconds(1.5));

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<IReadOnlyList<QueueEntry>> QueueAsync(string webhook) =>
        Worker.Services.GetRequiredService<INotificationStore>().GetQueueAsync(webhook, CancellationToken.None);

    public Task<IReadOnlyList<TargetStatusChanged>> StoredAlertsAsync(string targetId) =>
        Worker.Services.GetRequiredService<IAlertStore>().GetAlertsAsync(targetId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            if (Broker is not null)
            {
                await Broker.DisposeAsync();
            }

            if (configured is not null)
            {
                await configured.DisposeAsync();
            }
        }
        finally
        {
            await Robot.DisposeAsync();
        }
    }
}
