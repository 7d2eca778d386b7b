using Monitor.Worker.Alerts;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Tools.Common;
using Npgsql;

namespace Monitor.Worker.Tools.Silences;

/// <summary>What the <c>silence</c> commands work with: the worker's PostgreSQL database (checked, not migrated), its catalogs and settings.</summary>
internal sealed class SilenceHost(IHost host, MonitorOptions options) : IDisposable
{
    public ISilenceStore Store => host.Services.GetRequiredService<ISilenceStore>();

    public InstitutionCatalog Institutions => host.Services.GetRequiredService<InstitutionCatalog>();

    public TargetCatalog Targets => host.Services.GetRequiredService<TargetCatalog>();

    public TimeProvider Clock => host.Services.GetRequiredService<TimeProvider>();

    public string Language => options.Language;

    public bool English => Wording.IsEnglish(options.Language);

    /// <summary>
    /// Builds the host from the command's settings; silences live in PostgreSQL, where the worker reads them, so
    /// <c>Monitor:Storage</c> must be Postgres and the database must hold this version's schema.
    /// </summary>
    public static async Task<SilenceHost> StartAsync(HostArguments arguments, CancellationToken cancellationToken)
    {
        var builder = CommandHost.CreateBuilder(arguments);
        var options = builder.AddMonitorOptions();
        if (options.Storage != StorageKind.Postgres)
        {
            throw new ConfigurationException(
                "silence keeps silences in the worker's PostgreSQL database, but Monitor:Storage is InMemory, whose data lives only inside a running worker. "
                + "Set --Monitor:Storage=Postgres (or the environment variable Monitor__Storage=Postgres) and ConnectionStrings:Monitor.");
        }

        builder.AddMonitorCatalogs(options);
        builder.AddMonitorStorage(options);
        var host = builder.Build();
        try
        {
            var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
            await PostgresStartup.CheckConnectionAsync(dataSource, cancellationToken);
            await PostgresStartup.CheckSchemaAsync(dataSource, cancellationToken);
            return new SilenceHost(host, options);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public void Dispose() => host.Dispose();
}
