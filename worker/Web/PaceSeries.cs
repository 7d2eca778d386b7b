using Monitor.Worker.Targets;

namespace Monitor.Worker.Web;

/// <summary>
/// The pace line a chart draws: the engine's own line (<see cref="PaceLine"/>) for a scope, what it expects by the end
/// of each day of the period, in the figures' units — employers for a count; for a rate, the graduates the threshold
/// needs of the scope's denominator, as a percentage of it. Before a rate has a denominator, the threshold times the
/// pace's share.
/// </summary>
public static class PaceSeries
{
    /// <param name="target">The target.</param>
    /// <param name="threshold">The scope's threshold (<see cref="TargetDefinition.ThresholdFor"/>).</param>
    /// <param name="shape">A learned pace's shape (last year's curve), or null for the target's pace curve.</param>
    /// <param name="denominator">For a rate: the scope's graduates counted.</param>
    /// <param name="from">The first day drawn (the period's start at the earliest).</param>
    public static IReadOnlyList<PacePoint> Line(TargetDefinition target, decimal threshold, Func<DateOnly, decimal>? shape, int? denominator, DateOnly? from = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var measurement = new Measurement { ValueOn = _ => 0m, PaceShape = shape, Denominator = denominator };
        var line = new PaceLine(target, threshold, measurement, denominator);
        var points = new List<PacePoint>();
        var first = from is { } start && start > target.PeriodStart ? start : target.PeriodStart;
        for (var day = first; day <= target.Deadline; day = day.AddDays(1))
        {
            var expected = target.IsRate && denominator is not > 0
                ? TargetEngine.Round(threshold * line.Share(day), rate: true)
                : line.Shown(line.OwedExactly(day));
            points.Add(new PacePoint(day, expected));
        }

        return points;
    }
}
