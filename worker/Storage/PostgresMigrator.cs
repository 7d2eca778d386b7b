using System.Reflection;
using Npgsql;

namespace Monitor.Worker.Storage;

/// <summary>
/// Applies the schema files embedded from seeds/sql (resources Monitor.Sql.*.sql) in name order, each once,
/// recorded in schema_migrations. Each file runs in its own transaction under a transaction-scoped advisory lock,
/// so replicas starting together apply every file exactly once and wait for each other.
/// </summary>
public sealed partial class PostgresMigrator(NpgsqlDataSource dataSource, ILogger<PostgresMigrator> logger)
{
    private const string ResourcePrefix = "Monitor.Sql.";
    private const string ResourceSuffix = ".sql";

    // Any constant works as long as every replica uses the same one; advisory locks are per database.
    private const long MigrationLockKey = 4_721_032_024;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(connection, cancellationToken);
            await using var create = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text        PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (version, script) in LoadScripts())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, cancellationToken);

            // Checked after taking the lock: a replica that waited sees what the other one applied.
            await using var applied = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", connection)
            {
                Parameters = { new() { Value = version } },
            };
            if ((bool)(await applied.ExecuteScalarAsync(cancellationToken))!)
            {
                continue;
            }

            await using (var apply = new NpgsqlCommand(script, connection))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES ($1)", connection)
            {
                Parameters = { new() { Value = version } },
            })
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(version);
        }
    }

    /// <summary>The embedded schema files, in the order they are applied.</summary>
    internal static IReadOnlyList<(string Version, string Script)> LoadScripts()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(ResourceSuffix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(name => (name[ResourcePrefix.Length..^ResourceSuffix.Length], Read(assembly, name))),
        ];
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection)
        {
            Parameters = { new() { Value = MigrationLockKey } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version}")]
    private partial void LogApplied(string version);
}
