using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// The demo's year as events (<c>Monitor:DemoEvents</c>, by default seeds/demo-2023.jsonl: the 2023 baseline of the
/// 2024 work report), read like any replay file. The demo runs the targets of the targets file moved to that year.
/// </summary>
public sealed record DemoEvents(IReadOnlyList<ReplayEvent> Events)
{
    public int Count<T>() => Events.Count(e => e.Message is T);

    /// <summary>Reads the file; a line that cannot be read stops start-up with the file, the line and the reason.</summary>
    public static DemoEvents Load(string path, InstitutionCatalog institutions)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"The demo's events file was not found: {path}. Set Monitor:DemoEvents to its path, or Monitor:Demo=false.");
        }

        var errors = new List<string>();
        var events = ReplayEvents.FromJsonLines(path, institutions, errors);
        return errors.Count == 0
            ? new DemoEvents(events)
            : throw new ConfigurationException($"The demo's events file has {errors.Count} line(s) that cannot be read:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
    }

    /// <summary>The demo judges its year with the configured targets moved to it, labelled "2023 基线".</summary>
    public static void MoveTargetsTo(IServiceCollection services, int year)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.LastOrDefault(d => d.ServiceType == typeof(Targets.TargetCatalog))?.ImplementationInstance as Targets.TargetCatalog
            ?? throw new InvalidOperationException("The targets are not loaded yet: add the catalogs before moving them to the demo's year.");
        services.AddSingleton(configured.ForYear(year, $"{year} 基线"));
    }
}
