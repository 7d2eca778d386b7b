using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Hosting;

public static class MonitorHostExtensions
{
    /// <summary>Everything the worker runs: settings, seed files, storage, messaging, delivery and scheduling.</summary>
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder)
    {
        var options = builder.AddMonitorOptions();
        builder.AddMonitorLogging();
        var institutions = builder.AddMonitorCatalogs(options);
        builder.AddMonitorHealth(options);
        builder.AddMonitorStorage(options);
        builder.AddMonitorDelivery(options, institutions);
        builder.AddMonitorMessaging(options);
        builder.AddMonitorScheduling(options, institutions);
        return builder;
    }

    /// <summary>Binds and validates the "Monitor" section now, so a wrong setting stops start-up before anything runs.</summary>
    public static MonitorOptions AddMonitorOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitorOptions>().BindConfiguration(MonitorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return MonitorOptions.Read(builder.Configuration);
    }

    /// <summary>Loads the institutions and targets files (paths relative to the working folder, else to the worker's folder).</summary>
    public static InstitutionCatalog AddMonitorCatalogs(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        // The targets file is parsed on another thread while the institutions load; the institutions' problems are
        // still reported first, and the targets are checked against them once both are read.
        var targetsPath = SeedFiles.Path(options.TargetsFile);
        var targetsFile = Task.Run(() => TargetCatalog.Read(targetsPath));
        InstitutionCatalog institutions;
        try
        {
            institutions = InstitutionCatalog.Load(SeedFiles.Path(options.InstitutionsFile));
        }
        catch
        {
            // Not waited for: what the targets file holds no longer matters.
            _ = targetsFile.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        var targets = TargetCatalog.Check(targetsPath, targetsFile.GetAwaiter().GetResult(), institutions);
        builder.Services.AddSingleton(institutions);
        builder.Services.AddSingleton(targets);
        return institutions;
    }
}
