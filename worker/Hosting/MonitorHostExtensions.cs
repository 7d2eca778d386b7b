using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Worker.Tools.Demo;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Hosting;

public static class MonitorHostExtensions
{
    /// <summary>Everything the worker runs: settings, seed files, storage, messaging, scheduling and the demo.</summary>
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder)
    {
        var options = builder.AddMonitorOptions();
        builder.AddMonitorLogging(options);
        var institutions = builder.AddMonitorCatalogs(options);
        builder.AddMonitorHealth(options);
        builder.AddMonitorStorage(options);
        builder.AddMonitorDelivery(options);
        builder.AddMonitorMessaging(options);
        builder.AddMonitorScheduling(options, institutions);
        if (options.DemoEnabled)
        {
            builder.Services.AddHostedService<DemoRunner>();
        }

        return builder;
    }

    /// <summary>Binds and validates the "Monitor" section now, so a wrong setting stops start-up before anything runs.</summary>
    public static MonitorOptions AddMonitorOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MonitorOptions>().BindConfiguration(MonitorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var options = new MonitorOptions();
        try
        {
            builder.Configuration.GetSection(MonitorOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"The Monitor settings cannot be read: {ex.Message} (Monitor__Transport: InMemory | RabbitMq; Monitor__Storage: InMemory | Postgres)", ex);
        }

        var validation = new DataAnnotationValidateOptions<MonitorOptions>(null).Validate(null, options);
        if (validation.Failed)
        {
            throw new ConfigurationException(validation.FailureMessage);
        }

        return Quartz.CronExpression.TryParse(options.DigestCron, out _)
            ? options
            : throw new ConfigurationException($"Monitor:DigestCron '{options.DigestCron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 30 8 * * ?\" for 08:30 every day).");
    }

    /// <summary>Loads the institutions and targets files (paths relative to the working folder, else to the worker's folder).</summary>
    public static InstitutionCatalog AddMonitorCatalogs(this IHostApplicationBuilder builder, MonitorOptions options)
    {
        var institutions = InstitutionCatalog.Load(SeedPath(options.InstitutionsFile));
        var targets = TargetCatalog.Load(SeedPath(options.TargetsFile), institutions);
        if (options.DemoEnabled)
        {
            // The demo replays a past year: the same targets, applied to that year's baseline and labelled so.
            targets = targets.ForYear(options.DemoYear, $"{options.DemoYear} 基线");
        }

        builder.Services.AddSingleton(institutions);
        builder.Services.AddSingleton(targets);
        return institutions;
    }

    public static string SeedPath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(beside) ? beside : path;
    }
}
