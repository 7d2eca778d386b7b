using System.Net.Sockets;
using Monitor.Worker.Storage;
using Monitor.Worker.Visits;
using Npgsql;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Before anything else starts: reaches PostgreSQL (a wrong address or password stops start-up with a message that
/// names the host and the problem), applies the schema migrations, and fills in what a migration cannot compute in SQL.
/// The work begins when the host starts its services and runs beside the other services' early work (the broker's
/// preflight); this service's start waits for it, so nothing registered after it starts before the schema is in place.
/// </summary>
public sealed class PostgresStartup(NpgsqlDataSource dataSource, PostgresMigrator migrator, PostgresVisitStore visits) : EarlyStartService
{
    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await CheckConnectionAsync(dataSource, cancellationToken);
        await migrator.MigrateAsync(cancellationToken);
        await visits.FillEmployerKeysAsync(cancellationToken);
    }

    /// <summary>Opens one connection; a wrong address, password or database name becomes a <see cref="StartupException"/> that says what to fix.</summary>
    public static async Task CheckConnectionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
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
    }

    /// <summary>
    /// For tools that only read: the database must hold every schema file this build knows, since they do not migrate.
    /// A database the worker has never started on, or one from an older version, is named as such.
    /// </summary>
    public static async Task CheckSchemaAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var where = $"PostgreSQL at {settings.Host}:{settings.Port} (database '{settings.Database}')";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new StartupException($"{where} has no Monitor schema: start the worker once with Monitor__Storage=Postgres on this database (it applies the schema), or fix Database in ConnectionStrings__Monitor.", ex);
        }

        var missing = PostgresMigrator.LoadScripts().Select(s => s.Version).Where(v => !applied.Contains(v)).ToList();
        if (missing.Count > 0)
        {
            throw new StartupException($"{where}: the schema lacks {string.Join(", ", missing)}; start this version of the worker once to apply it.");
        }
    }
}
