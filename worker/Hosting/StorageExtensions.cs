using Monitor.Worker.Storage;
using Npgsql;

namespace Monitor.Worker.Hosting;

public static class StorageExtensions
{
    /// <summary>The in-memory store (embedded default) or PostgreSQL through one NpgsqlDataSource, migrated at start-up.</summary>
    public static IHostApplicationBuilder AddMonitorStorage(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var services = builder.Services;
        if (options.Storage == StorageKind.Postgres)
        {
            var connectionString = ConnectionString(builder.Configuration);
            services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = "monitor" }.Build());
            services.AddSingleton<PostgresMonitorStore>();
            services.AddSingleton<IVisitStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
            services.AddSingleton<IPlacementStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
            services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
            services.AddSingleton<PostgresMigrator>();
            services.AddHostedService<PostgresStartup>();
        }
        else
        {
            services.AddSingleton<InMemoryMonitorStore>();
            services.AddSingleton<IVisitStore>(sp => sp.GetRequiredService<InMemoryMonitorStore>());
            services.AddSingleton<IPlacementStore>(sp => sp.GetRequiredService<InMemoryMonitorStore>());
            services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<InMemoryMonitorStore>());
        }

        return builder;
    }

    /// <summary>
    /// The PostgreSQL stores for a tool that only reads (the <c>status</c> command): the same stores, on connections whose
    /// transactions are read-only by default, so PostgreSQL itself refuses any write; no migrations are applied.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorReadOnlyStorage(this IHostApplicationBuilder builder)
    {
        var settings = new NpgsqlConnectionStringBuilder(ConnectionString(builder.Configuration));
        settings.Options = $"{settings.Options} -c default_transaction_read_only=on".Trim();
        var services = builder.Services;
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = "monitor-read-only" }.Build());
        services.AddSingleton<PostgresMonitorStore>();
        services.AddSingleton<IVisitStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
        services.AddSingleton<IPlacementStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<PostgresMonitorStore>());
        return builder;
    }

    /// <summary>ConnectionStrings:Monitor, checked: present and readable as a PostgreSQL connection string.</summary>
    private static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Monitor");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new Institutions.ConfigurationException(
                "Monitor:Storage is Postgres but ConnectionStrings:Monitor is empty. Set ConnectionStrings__Monitor, e.g. \"Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor\".");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new Institutions.ConfigurationException($"ConnectionStrings:Monitor is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        return connectionString;
    }
}
