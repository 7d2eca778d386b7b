using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Visits;

/// <summary>
/// Turns the visits of a period into measurements per scope: distinct employers (first visit date of each) and
/// positions opened (summed over visits).
/// </summary>
public static class VisitMeasurements
{
    /// <summary>Measurements for the institution (key <see cref="ScopeKeys.Institution"/>) and, when asked, each unit code.</summary>
    public static IReadOnlyDictionary<string, Measurement> Build(TargetDefinition target, IReadOnlyList<VisitFact> visits, IEnumerable<string> unitCodes)
    {
        var ofTier = visits.Where(v => v.Tier == target.Tier).ToList();
        var keys = ResolveKeys(ofTier);
        var result = new Dictionary<string, Measurement>
        {
            [ScopeKeys.Institution] = Measure(target.Metric, ofTier, keys),
        };
        if (target.PerUnit)
        {
            foreach (var unit in unitCodes)
            {
                result[unit] = Measure(target.Metric, ofTier.Where(v => v.UnitCode == unit).ToList(), keys);
            }
        }

        return result;
    }

    /// <summary>
    /// An employer named without a credit code is matched to the code another visit gave for the same normalised
    /// name, so one company is never counted twice because one record lacked its code.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ResolveKeys(IReadOnlyList<VisitFact> visits)
    {
        var codeByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in visits.Where(v => !string.IsNullOrWhiteSpace(v.EmployerCreditCode)).OrderBy(v => v.VisitedOn).ThenBy(v => v.VisitId, StringComparer.Ordinal))
        {
            codeByName.TryAdd(EmployerIdentity.NormaliseName(v.EmployerName), EmployerIdentity.Key(v.EmployerName, v.EmployerCreditCode));
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in visits)
        {
            keys[v.VisitId] = string.IsNullOrWhiteSpace(v.EmployerCreditCode) && codeByName.TryGetValue(EmployerIdentity.NormaliseName(v.EmployerName), out var code)
                ? code
                : EmployerIdentity.Key(v.EmployerName, v.EmployerCreditCode);
        }

        return keys;
    }

    private static Measurement Measure(MetricKind metric, List<VisitFact> visits, IReadOnlyDictionary<string, string> keys)
    {
        var positions = visits.Sum(v => v.PositionsOpened);
        DateOnly? last = visits.Count == 0 ? null : visits.Max(v => v.VisitedOn);
        var lastOn = Measurement.LastOf(visits.Select(v => v.VisitedOn));
        var byDay = new Lazy<(DateOnly Day, int Sum)[]>(() => [.. visits.GroupBy(v => v.VisitedOn).Select(g => (g.Key, g.Sum(v => v.PositionsOpened))).OrderBy(x => x.Item1)]);
        int PositionsOn(DateOnly day) => byDay.Value.TakeWhile(x => x.Day <= day).Sum(x => x.Sum);
        if (metric == MetricKind.PositionsOpened)
        {
            return new Measurement
            {
                ValueOn = day => PositionsOn(day),
                LastEventOn = last,
                LastEventOnOrBefore = lastOn,
                PositionsOpened = positions,
                PositionsOpenedOn = PositionsOn,
            };
        }

        var firstVisits = visits.GroupBy(v => keys[v.VisitId]).Select(g => g.Min(v => v.VisitedOn)).Order().ToArray();
        return new Measurement
        {
            ValueOn = day => CountUpTo(firstVisits, day),
            LastEventOn = last,
            LastEventOnOrBefore = lastOn,
            PositionsOpened = positions,
            PositionsOpenedOn = PositionsOn,
        };
    }

    /// <summary>How many of the sorted days are on or before <paramref name="day"/> (an upper-bound binary search).</summary>
    private static int CountUpTo(DateOnly[] sorted, DateOnly day)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= day)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
