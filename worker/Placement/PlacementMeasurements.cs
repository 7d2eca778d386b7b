using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Placement;

/// <summary>
/// Placement rates from a cohort's facts. A graduate's destination on a day is the report with the latest
/// EffectiveOn up to that day, then the latest ReportedAt, then the greatest ReportId, so the order in which
/// reports arrive never matters.
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
            .Where(g => !target.DisadvantagedOnly || g.Disadvantaged)
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
            LastEventOnOrBefore = Measurement.LastOf(members.SelectMany(m => m.Reports).Select(r => r.EffectiveOn)),
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

    private sealed record Member(string UnitCode, DestinationFact[] Reports);
}
