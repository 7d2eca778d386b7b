using Npgsql;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class, dropped on dispose. The server comes from the
/// MONITOR_TEST_POSTGRES connection string (its role needs CREATEDB); its database is only used to create and drop.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";

    private readonly string serverConnectionString;
    private readonly string name;

    private TestDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultServer;
        var name = $"monitor_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();

        // Another class creating or dropping its database at the same moment can make the server refuse once.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(serverConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>
    /// Makes the database refuse connections (and ends the open ones), or accept them again: for the worker, the same as
    /// a database server it cannot reach.
    /// </summary>
    public async Task SetReachableAsync(bool reachable)
    {
        await ExecuteAsync(serverConnectionString, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(reachable ? "true" : "false")}");
        if (!reachable)
        {
            await ExecuteAsync(serverConnectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        }
    }

    // Database names cannot be parameters; they are generated here from a Guid, never taken from input.
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
