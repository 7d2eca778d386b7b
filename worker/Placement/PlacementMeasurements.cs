using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Placement;

/// <summary>
/// Placement rates per scope. A graduate's destination on a day is the report with the latest EffectiveOn up to that
/// day, then the latest ReportedAt, then the greatest ReportId, so the order in which reports arrive never matters.
/// The evaluation measures from the store's daily series (<see cref="FromSeries"/>); <see cref="Build"/> measures the
/// same from every fact, one graduate at a time, and is what the series are checked against day by day.
/// </summary>
public static class PlacementMeasurements
{
    public static IReadOnlyDictionary<string, Measurement> Build(TargetDefinition target, CohortFacts facts, IEnumerable<string> unitCodes)
    {
        var withdrawn = facts.WithdrawnGraduateIds as IReadOnlySet<string> ?? facts.WithdrawnGraduateIds.ToHashSet(StringComparer.Ordinal);
        var registered = facts.Graduates.Select(g => g.GraduateId).ToHashSet(StringComparer.Ordinal);
        var histories = facts.Reports
            .Where(r => registered.Contains(r.GraduateId))
            .GroupBy(r => r.GraduateId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
        var cohort = facts.Graduates
            .Where(g => !withdrawn.Contains(g.GraduateId))
            .Where(g => !target.DisadvantagedOnly || g.Disadvantaged.Count > 0)
            .Select(g => new Member(g.UnitCode, histories.GetValueOrDefault(g.GraduateId, [])))
            .ToList();
        var orphans = facts.Reports.Count(r => !registered.Contains(r.GraduateId));

        var result = new Dictionary<string, Measurement>
        {
            [ScopeKeys.Institution] = Measure(cohort, orphans),
        };
        if (target.PerUnit)
        {
            // A unit with no member of the target's population — no graduates on the roster (a functional department), or
            // none disadvantaged for the disadvantaged rate — has no rate: no status, no alert, never lagging.
            foreach (var unit in unitCodes)
            {
                var members = cohort.Where(m => m.UnitCode == unit).ToList();
                if (members.Count > 0)
                {
                    result[unit] = Measure(members, null);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The same measurements from the institution's daily series of the cohort (as
    /// <see cref="IPlacementStore.GetPlacementSeriesAsync"/> computes them), whose breakdown is of
    /// <see cref="PlacementSeries.BreakdownOn"/>: the day the evaluation reports it for. A unit without a series has no
    /// counted member of the population, so no rate.
    /// </summary>
    public static IReadOnlyDictionary<string, Measurement> FromSeries(TargetDefinition target, IReadOnlyList<PlacementSeries> series, IEnumerable<string> unitCodes)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(unitCodes);
        var byScope = series
            .Where(s => s.InstitutionId == target.InstitutionId && s.CohortYear == target.CohortYear && s.DisadvantagedOnly == target.DisadvantagedOnly)
            .ToDictionary(s => s.UnitCode ?? ScopeKeys.Institution, StringComparer.Ordinal);
        var result = new Dictionary<string, Measurement>(StringComparer.Ordinal)
        {
            [ScopeKeys.Institution] = byScope.TryGetValue(ScopeKeys.Institution, out var whole) ? Measure(whole) : Measure([], 0),
        };
        if (target.PerUnit)
        {
            foreach (var unit in unitCodes)
            {
                if (byScope.TryGetValue(unit, out var ofUnit))
                {
                    result[unit] = Measure(ofUnit);
                }
            }
        }

        return result;
    }

    /// <summary>The destination in force at the end of <paramref name="day"/>, or null when none was reported yet.</summary>
    public static Destination? DestinationOn(IReadOnlyList<DestinationFact> ordered, DateOnly day)
    {
        Destination? current = null;
        foreach (var report in ordered)
        {
            if (report.EffectiveOn > day)
            {
                break;
            }

            current = report.Destination;
        }

        return current;
    }

    private static Measurement Measure(List<Member> members, int? orphans)
    {
        int Placed(DateOnly day) => members.Count(m => DestinationOn(m.Reports, day) is { } d && DestinationKinds.IsPlaced(d));
        var denominator = members.Count;
        DateOnly? last = members.SelectMany(m => m.Reports).Select(r => (DateOnly?)r.EffectiveOn).Max();
        return new Measurement
        {
            ValueOn = day => denominator == 0 ? 0m : Placed(day) * 100m / denominator,
            NumeratorOn = Placed,
            Denominator = denominator,
            LastEventOn = last,
            OrphanReports = orphans,
            BreakdownOn = day =>
            {
                var counts = DestinationKinds.All.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
                foreach (var member in members)
                {
                    counts[DestinationOn(member.Reports, day) is { } d ? DestinationKinds.KindOf(d) : DestinationKinds.Unplaced]++;
                }

                return counts;
            },
        };
    }

    private static Measurement Measure(PlacementSeries series)
    {
        var denominator = series.Counted;
        return new Measurement
        {
            ValueOn = day => denominator == 0 ? 0m : series.PlacedOn(day) * 100m / denominator,
            NumeratorOn = series.PlacedOn,
            Denominator = denominator,
            LastEventOn = series.LastReportOn,
            OrphanReports = series.OrphanReports,
            BreakdownOn = day => day == series.BreakdownOn || denominator == 0
                ? series.Breakdown
                : throw new InvalidOperationException($"The placement series were read for the breakdown on {series.BreakdownOn}, not {day}."),
        };
    }

    private sealed record Member(string UnitCode, DestinationFact[] Reports);
}
