using Monitor.Worker.Targets;

namespace Monitor.Worker.Placement;

/// <summary>
/// Placement rates from a cohort's summary (<see cref="CohortSummary"/>). A graduate's destination on a day is the report
/// with the latest EffectiveOn up to that day, then the latest ReportedAt, then the greatest ReportId, so the order in
/// which reports arrive never matters.
/// </summary>
public static class PlacementMeasurements
{
    private static readonly Dictionary<string, int> KindIndex =
        DestinationKinds.All.Select((kind, index) => (kind, index)).ToDictionary(x => x.kind, x => x.index, StringComparer.Ordinal);

    private static readonly int UnplacedKind = KindIndex[DestinationKinds.Unplaced];

    /// <summary>The rates of a cohort given as its facts: summarised first (<see cref="CohortSummary.Of"/>).</summary>
    public static IReadOnlyDictionary<string, Measurement> Build(TargetDefinition target, CohortFacts facts, IEnumerable<string> unitCodes) =>
        Build(target, CohortSummary.Of(facts), unitCodes);

    public static IReadOnlyDictionary<string, Measurement> Build(TargetDefinition target, CohortSummary cohort, IEnumerable<string> unitCodes)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cohort);
        bool Counts(bool disadvantaged) => !target.DisadvantagedOnly || disadvantaged;
        var groups = cohort.Groups.Where(g => Counts(g.Disadvantaged)).ToList();
        var changes = cohort.Changes.Where(c => Counts(c.Disadvantaged)).ToList();
        var result = new Dictionary<string, Measurement>
        {
            [ScopeKeys.Institution] = Measure(groups.Sum(g => g.Graduates), changes, cohort.OrphanReports),
        };
        if (target.PerUnit)
        {
            // A unit with no member of the target's population — no graduates on the roster (a functional department), or
            // none disadvantaged for the disadvantaged rate — has no rate: no status, no alert, never lagging.
            var unitChanges = changes.ToLookup(c => c.UnitCode, StringComparer.Ordinal);
            foreach (var unit in unitCodes)
            {
                var members = groups.Where(g => g.UnitCode == unit).Sum(g => g.Graduates);
                if (members > 0)
                {
                    result[unit] = Measure(members, [.. unitChanges[unit]], null);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A scope's rate from its graduates' destination days: running totals by day, placed and by destination kind, so
    /// any day's figures are one binary search.
    /// </summary>
    private static Measurement Measure(int denominator, List<DestinationChange> changes, int? orphans)
    {
        var days = changes.Select(c => c.Day).Distinct().Order().ToArray();
        var placed = new int[days.Length];
        var kinds = new int[days.Length, DestinationKinds.All.Count];
        foreach (var change in changes)
        {
            var index = Array.BinarySearch(days, change.Day);
            var (was, becomes) = (change.From is { } from && DestinationKinds.IsPlaced(from), DestinationKinds.IsPlaced(change.To));
            placed[index] += ((becomes ? 1 : 0) - (was ? 1 : 0)) * change.Graduates;
            kinds[index, change.From is { } before ? Kind(DestinationKinds.KindOf(before)) : UnplacedKind] -= change.Graduates;
            kinds[index, Kind(DestinationKinds.KindOf(change.To))] += change.Graduates;
        }

        if (days.Length > 0)
        {
            // Before any report every graduate is unplaced; the first day's changes move them from there.
            kinds[0, UnplacedKind] += denominator;
        }

        for (var i = 1; i < days.Length; i++)
        {
            placed[i] += placed[i - 1];
            for (var k = 0; k < DestinationKinds.All.Count; k++)
            {
                kinds[i, k] += kinds[i - 1, k];
            }
        }

        // The last day with a change on or before a day, or -1.
        int IndexOn(DateOnly day)
        {
            var found = Array.BinarySearch(days, day);
            return found >= 0 ? found : ~found - 1;
        }

        int Placed(DateOnly day) => IndexOn(day) is var i and >= 0 ? placed[i] : 0;
        return new Measurement
        {
            ValueOn = day => denominator == 0 ? 0m : Placed(day) * 100m / denominator,
            NumeratorOn = Placed,
            Denominator = denominator,
            LastEventOn = days.Length > 0 ? days[^1] : null,
            LastEventOnOrBefore = day => IndexOn(day) is var i and >= 0 ? days[i] : null,
            OrphanReports = orphans,
            BreakdownOn = day =>
            {
                var i = IndexOn(day);
                return DestinationKinds.All
                    .Select((kind, k) => (kind, Count: i >= 0 ? kinds[i, k] : k == UnplacedKind ? denominator : 0))
                    .ToDictionary(x => x.kind, x => x.Count, StringComparer.Ordinal);
            },
        };
    }

    private static int Kind(string kind) => KindIndex[kind];
}
