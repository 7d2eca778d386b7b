using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Alerts;
using Monitor.Worker.History;
using System.Diagnostics.Metrics;
using Monitor.Worker.Inbound;
using Monitor.Worker.Storage;
using Npgsql;

using Monitor.Worker.Settings;

namespace Monitor.Worker.Hosting;

public static class StorageExtensions
{
    /// <summary>
    /// The in-memory store (embedded default) or PostgreSQL through one NpgsqlDataSource, migrated at start-up; and the
    /// gate where inbound events wait while PostgreSQL cannot be reached.
    /// </summary>
    public static IHostApplicationBuilder AddMonitorStorage(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var services = builder.Services;
        if (options.Storage == StorageKind.Postgres)
        {
            var connectionString = ConnectionString(builder.Configuration);
            services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = "monitor" }.Build());
            services.AddSingleton<IStoreProbe>(sp => new PostgresProbe(connectionString, sp.GetRequiredService<NpgsqlDataSource>()));

            // The worker's stores write concurrent consumers' events in batches; a tool's stores do not.
            var ingest = IngestOptions.Read(builder.Configuration);
            services.AddSingleton(sp => new PostgresVisitStore(sp.GetRequiredService<NpgsqlDataSource>(), ingest));
            services.AddSingleton<IVisitStore>(sp => sp.GetRequiredService<PostgresVisitStore>());
            services.AddSingleton<IPlacementStore>(sp => new PostgresPlacementStore(sp.GetRequiredService<NpgsqlDataSource>(), ingest));
            services.AddSingleton<IAlertStore, PostgresAlertStore>();
            services.AddSingleton<ISilenceStore, PostgresSilenceStore>();
            services.AddSingleton<IDigestStore, PostgresDigestStore>();
            services.AddSingleton<IHistoryStore, PostgresHistoryStore>();
            services.AddSingleton<PostgresMigrator>();
            services.AddHostedService<PostgresStartup>();
        }
        else
        {
            services.AddSingleton<IVisitStore, InMemoryVisitStore>();
            services.AddSingleton<IPlacementStore, InMemoryPlacementStore>();
            services.AddSingleton<IAlertStore, InMemoryAlertStore>();
            services.AddSingleton<ISilenceStore, InMemorySilenceStore>();
            services.AddSingleton<IDigestStore, InMemoryDigestStore>();
            services.AddSingleton<IHistoryStore, InMemoryHistoryStore>();
        }

        services.AddSingleton(HistoryOptions.Read(builder.Configuration));
        services.AddSingleton<HistoryRetention>();

        services.AddSingleton(sp => new StoreGate(sp.GetService<IStoreProbe>(), sp.GetRequiredService<ILogger<StoreGate>>(), sp.GetService<IMeterFactory>()));
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
        AddPostgresStores(services);
        return builder;
    }

    private static void AddPostgresStores(IServiceCollection services)
    {
        services.AddSingleton<IVisitStore, PostgresVisitStore>();
        services.AddSingleton<IPlacementStore, PostgresPlacementStore>();
        services.AddSingleton<IAlertStore, PostgresAlertStore>();
        services.AddSingleton<ISilenceStore, PostgresSilenceStore>();
        services.AddSingleton<IDigestStore, PostgresDigestStore>();
        services.AddSingleton<IHistoryStore, PostgresHistoryStore>();
    }

    /// <summary>ConnectionStrings:Monitor, checked: present and readable as a PostgreSQL connection string.</summary>
    private static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Monitor");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException(
                "Monitor:Storage is Postgres but ConnectionStrings:Monitor is empty. Set ConnectionStrings__Monitor, e.g. \"Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor\".");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"ConnectionStrings:Monitor is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        return connectionString;
    }
}
