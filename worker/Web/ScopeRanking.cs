using Monitor.Messages;

namespace Monitor.Worker.Web;

/// <summary>
/// How the dashboard orders scopes. Units lagging first, as the alerts name them: the scopes behind (at risk, off
/// track, without data, missed) before the others, and among each the furthest behind first — by progress along the
/// pace (actual over expected-by-now; over the threshold once nothing more is expected). Institutions in the province
/// view the other way round: leading first, the way a province ranks its colleges.
/// </summary>
public static class ScopeRanking
{
    /// <summary>Whether the status counts as behind.</summary>
    public static bool IsLagging(TargetStatus status) =>
        status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData or TargetStatus.Missed;

    /// <summary>How far a scope is along its pace (1 = on expected-by-now); the lower, the further behind.</summary>
    public static decimal Progress(MetricSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.ExpectedByNow is > 0 ? snapshot.Actual / snapshot.ExpectedByNow.Value
            : snapshot.Threshold > 0 ? snapshot.Actual / snapshot.Threshold
            : 1m;
    }

    /// <summary>Lagging scopes first, each group furthest behind first; ties by <paramref name="key"/>.</summary>
    public static IReadOnlyList<T> LaggingFirst<T>(IEnumerable<T> items, Func<T, MetricSnapshot> snapshot, Func<T, string> key) =>
        [.. items.OrderByDescending(x => IsLagging(snapshot(x).Status))
            .ThenBy(x => Progress(snapshot(x)))
            .ThenBy(key, StringComparer.Ordinal)];

    /// <summary>Scopes not behind first, each group furthest ahead first; ties by <paramref name="key"/>.</summary>
    public static IReadOnlyList<T> LeadingFirst<T>(IEnumerable<T> items, Func<T, MetricSnapshot> snapshot, Func<T, string> key) =>
        [.. items.OrderBy(x => IsLagging(snapshot(x).Status))
            .ThenByDescending(x => Progress(snapshot(x)))
            .ThenBy(key, StringComparer.Ordinal)];

    /// <summary>Actual as a percentage of the threshold, to one decimal: a bar's length.</summary>
    public static decimal ShareOf(decimal value, decimal threshold) =>
        threshold > 0 ? Math.Round(value * 100m / threshold, 1, MidpointRounding.AwayFromZero) : 0m;
}
