using Microsoft.Extensions.Time.Testing;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A worker started with settings of its own (webhooks, say) on a fresh database and virtual host, for
/// test classes that cannot share <see cref="WorkerEnvironment"/>'s settings. Disposed in reverse order, each step
/// even if an earlier one failed.
/// </summary>
public sealed class ConfiguredWorker : IAsyncDisposable
{
    private WorkerHost? worker;

    private ConfiguredWorker(TestDatabase database, TestVirtualHost virtualHost)
    {
        Database = database;
        VirtualHost = virtualHost;
    }

    public TestDatabase Database { get; }

    public TestVirtualHost VirtualHost { get; }

    public WorkerHost Worker => worker ?? throw new InvalidOperationException("The worker has not started.");

    public static async Task<ConfiguredWorker> StartAsync(FakeTimeProvider clock, IReadOnlyDictionary<string, string?> settings)
    {
        var database = await TestDatabase.CreateAsync();
        TestVirtualHost virtualHost;
        try
        {
            virtualHost = await TestVirtualHost.CreateAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        var started = new ConfiguredWorker(database, virtualHost);
        try
        {
            started.worker = await WorkerHost.StartAsync(database, virtualHost, clock, settings);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                await VirtualHost.DisposeAsync();
            }
            finally
            {
                await Database.DisposeAsync();
            }
        }
    }
}
