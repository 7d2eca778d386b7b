using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// One isolated world for a test class: a fresh PostgreSQL database, a fresh RabbitMQ virtual host, a tap on the
/// worker's outbound exchanges, a fake clock at 2024-06-15 10:00 in Tianjin (mid-period for the 2024 targets) and a
/// running worker.
/// </summary>
public sealed class WorkerEnvironment : IAsyncLifetime
{
    public const string Institution = "tjqg";

    public static readonly DateTimeOffset Start = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private readonly List<WorkerHost> hosts = [];
    private TestDatabase? database;
    private TestVirtualHost? virtualHost;
    private BrokerClient? broker;

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestDatabase Database => database ?? throw NotStarted();

    public TestVirtualHost VirtualHost => virtualHost ?? throw NotStarted();

    public BrokerClient Broker => broker ?? throw NotStarted();

    /// <summary>The first worker, started with the environment.</summary>
    public WorkerHost Worker => hosts.Count > 0 ? hosts[0] : throw NotStarted();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        virtualHost = await TestVirtualHost.CreateAsync();
        broker = await BrokerClient.ConnectAsync(virtualHost.Name);
        await StartWorkerAsync();
    }

    /// <summary>Starts another worker on the same database, virtual host and clock (a replica, or a restart).</summary>
    public async Task<WorkerHost> StartWorkerAsync()
    {
        var host = await WorkerHost.StartAsync(Database, VirtualHost, Clock);
        hosts.Add(host);
        await SettleAsync();
        return host;
    }

    /// <summary>
    /// Returns once every alert stored so far has been published and every message published so far has reached the
    /// tap. Evaluations store their alerts before they publish their snapshots, so after waiting for an evaluation's
    /// snapshots this also covers its alerts.
    /// </summary>
    public async Task SettleAsync()
    {
        await Eventually.UntilAsync(() => CountAsync("SELECT count(*) FROM alerts WHERE published_at IS NULL"), n => n == 0, "every stored alert is published");
        await Broker.SettleAsync();
    }

    /// <summary>Waits until the worker has published <paramref name="count"/> snapshots in all, then settles.</summary>
    public async Task<IReadOnlyList<MetricSnapshot>> WaitForSnapshotsAsync(int count)
    {
        await Eventually.UntilAsync(() => Broker.Snapshots, s => s.Count >= count, $"{count} metric snapshots are published");
        await SettleAsync();
        return Broker.Snapshots;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stops the workers, then removes the tap, the virtual host and the database, each even if an earlier step failed.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (broker is not null)
                {
                    await broker.DisposeAsync();
                }
            }
            finally
            {
                try
                {
                    if (virtualHost is not null)
                    {
                        await virtualHost.DisposeAsync();
                    }
                }
                finally
                {
                    if (database is not null)
                    {
                        await database.DisposeAsync();
                    }
                }
            }
        }
    }

    private static InvalidOperationException NotStarted() => new("The test environment is not started yet.");
}
