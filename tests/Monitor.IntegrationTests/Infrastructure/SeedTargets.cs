using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>The seed targets (seeds/targets-2024.json beside the test binaries), as the worker under test loads them.</summary>
public static class SeedTargets
{
    private static readonly Lazy<TargetCatalog> Catalog = new(() =>
    {
        var seeds = Path.Combine(AppContext.BaseDirectory, "seeds");
        return TargetCatalog.Load(Path.Combine(seeds, "targets-2024.json"), InstitutionCatalog.Load(Path.Combine(seeds, "institutions.json")));
    });

    public static TargetDefinition Get(string targetId) => Catalog.Value.All.Single(t => t.Id == targetId);

    /// <summary>
    /// Whole employers a count target's pace owes by a morning evaluation on <paramref name="today"/> (the line as of the
    /// end of the day before), rounded to 20 decimals before the floor as the engine does.
    /// </summary>
    public static decimal Owed(string targetId, DateOnly today)
    {
        var target = Get(targetId);
        return Math.Floor(Math.Round(target.Threshold * target.Pace.Share(today.AddDays(-1), target.PeriodStart, target.Deadline), 20));
    }
}
