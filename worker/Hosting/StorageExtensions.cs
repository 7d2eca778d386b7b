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
            var connectionString = builder.Configuration.GetConnectionString("Monitor");
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
}
