using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Worker.Storage;
using Npgsql;

namespace Monitor.Benchmarks.Scale;

/// <summary>A database of the benchmark's own on the server of <see cref="ScaleOptions.Postgres"/>: created fresh, migrated by the worker's migrator, dropped at the end unless kept.</summary>
public sealed class Database : IAsyncDisposable
{
    private readonly string server;
    private readonly bool keep;

    private Database(string server, string name, bool keep)
    {
        this.server = server;
        this.keep = keep;
        Name = name;
        DataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 0 }.ConnectionString).Build();
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Drops any database of that name left from an earlier run, creates it and applies the worker's schema.</summary>
    public static async Task<Database> CreateAsync(ScaleOptions options, string name, bool migrate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ExecuteAsync(options.Postgres, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        await ExecuteAsync(options.Postgres, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var database = new Database(options.Postgres, name, options.Keep);
        if (migrate)
        {
            await new PostgresMigrator(database.DataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(cancellationToken);
        }

        return database;
    }

    public async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (!keep)
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    // The names are the benchmark's own constants, never input.
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
