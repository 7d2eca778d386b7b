using System.Net.Sockets;
using Monitor.Worker.Storage;
using Npgsql;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Before anything else starts: reaches PostgreSQL (a wrong address or password stops start-up with a message that
/// names the host and the problem) and applies the schema migrations.
/// </summary>
public sealed class PostgresStartup(NpgsqlDataSource dataSource, PostgresMigrator migrator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var where = $"PostgreSQL at {settings.Host}:{settings.Port} (database '{settings.Database}', user '{settings.Username}')";
        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new StartupException($"{where}: authentication failed ({ex.MessageText}). Check the Username and Password in ConnectionStrings__Monitor.", ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new StartupException($"{where}: the database does not exist. Create it (scripts/services.sh does) or fix Database in ConnectionStrings__Monitor.", ex);
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException || ex.InnerException?.InnerException is SocketException)
        {
            throw new StartupException($"{where}: cannot connect ({ex.InnerException?.Message}). Check Host and Port in ConnectionStrings__Monitor, and that the server is running.", ex);
        }

        await migrator.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
