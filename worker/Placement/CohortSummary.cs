using Monitor.Messages;

namespace Monitor.Worker.Placement;

/// <summary>
/// A cohort as its rates need it, without a single graduate in it: how many graduates count in each unit (registered and
/// not withdrawn), disadvantaged or not, and on which days their destinations changed, counted. The rates of every scope
/// on any day follow from these rows (<see cref="PlacementMeasurements"/>), and there are at most as many as there are
/// reports — in practice far fewer, since graduates of one unit change on the same days — so an evaluation holds no
/// per-graduate object, however large the cohort.
/// </summary>
/// <param name="Groups">Graduates counted, by unit and disadvantaged or not; only groups with graduates.</param>
/// <param name="Changes">The counted graduates' destination days, grouped (see <see cref="DestinationChange"/>).</param>
/// <param name="OrphanReports">Reports for graduates not on the roster (withdrawn graduates are on it).</param>
public sealed record CohortSummary(IReadOnlyList<CohortGroup> Groups, IReadOnlyList<DestinationChange> Changes, int OrphanReports)
{
    public static CohortSummary Empty { get; } = new([], [], 0);

    /// <summary>
    /// Summarises a cohort's facts: each counted graduate's destination at the end of every day a report of theirs takes
    /// effect on — the report with the latest reported-at that day, then the greatest report id — against the one in force
    /// before it. The PostgreSQL store computes the same rows in SQL.
    /// </summary>
    public static CohortSummary Of(CohortFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var withdrawn = facts.WithdrawnGraduateIds as IReadOnlySet<string> ?? facts.WithdrawnGraduateIds.ToHashSet(StringComparer.Ordinal);
        var registered = facts.Graduates.Select(g => g.GraduateId).ToHashSet(StringComparer.Ordinal);
        var counted = facts.Graduates.Where(g => !withdrawn.Contains(g.GraduateId)).ToDictionary(g => g.GraduateId, StringComparer.Ordinal);

        var groups = counted.Values
            .GroupBy(g => (g.UnitCode, g.Disadvantaged))
            .Select(g => new CohortGroup(g.Key.UnitCode, g.Key.Disadvantaged, g.Count()))
            .OrderBy(g => g.UnitCode, StringComparer.Ordinal)
            .ThenBy(g => g.Disadvantaged);
        var changes = facts.Reports
            .Where(r => counted.ContainsKey(r.GraduateId))
            .GroupBy(r => r.GraduateId, StringComparer.Ordinal)
            .SelectMany(reports => DaysOf(counted[reports.Key], reports))
            .GroupBy(change => change)
            .Select(same => same.Key with { Graduates = same.Count() })
            .OrderBy(c => c.UnitCode, StringComparer.Ordinal)
            .ThenBy(c => c.Disadvantaged)
            .ThenBy(c => c.Day)
            .ThenBy(c => c.From)
            .ThenBy(c => c.To);
        return new CohortSummary([.. groups], [.. changes], facts.Reports.Count(r => !registered.Contains(r.GraduateId)));
    }

    /// <summary>One graduate's report days, oldest first, each with the destination at its end and the one before it.</summary>
    private static List<DestinationChange> DaysOf(GraduateFact graduate, IEnumerable<DestinationFact> reports)
    {
        var days = new List<DestinationChange>();
        Destination? before = null;
        foreach (var day in reports.GroupBy(r => r.EffectiveOn).OrderBy(day => day.Key))
        {
            var last = day.OrderBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal).Last();
            days.Add(new DestinationChange(graduate.UnitCode, graduate.Disadvantaged, day.Key, before, last.Destination, 1));
            before = last.Destination;
        }

        return days;
    }
}

/// <summary>Graduates counted in a unit, disadvantaged or not.</summary>
public sealed record CohortGroup(string UnitCode, bool Disadvantaged, int Graduates);

/// <summary>
/// <see cref="Graduates"/> counted graduates of a unit (disadvantaged or not) with a report taking effect on
/// <see cref="Day"/>, whose destination at the end of that day is <see cref="To"/> and was <see cref="From"/> at the end
/// of their previous report day (null: none before). From and To may be the same: a report that changes nothing still
/// marks a day the scope heard from.
/// </summary>
public sealed record DestinationChange(string UnitCode, bool Disadvantaged, DateOnly Day, Destination? From, Destination To, int Graduates);
