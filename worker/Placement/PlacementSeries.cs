using Monitor.Messages;

namespace Monitor.Worker.Placement;

/// <summary>
/// One scope's placement in a cohort, day by day — the institution's or one unit's, of all graduates or of the
/// disadvantaged only — counted as <see cref="PlacementMeasurements"/> counts it: each counted graduate's destination at
/// the end of a day is their latest report effective by then (ties: the later reported, then the greater report id).
/// Kept as the change in placed graduates per day, and the destinations by kind on one day (the evaluation's), never as
/// one object per graduate.
/// </summary>
public sealed class PlacementSeries
{
    private readonly DateOnly[] days;
    private readonly int[] placedUpTo;

    /// <param name="registered">Graduates on the roster in the scope's unit (or institution), withdrawn ones and both populations included.</param>
    /// <param name="counted">The denominator: the population's graduates on the roster, less the withdrawn.</param>
    /// <param name="lastReportOn">The latest effective date of a counted graduate's report.</param>
    /// <param name="orphanReports">Reports for graduates not on the roster; the institution's scopes only.</param>
    /// <param name="changes">The change in counted graduates placed, per day with a change, in date order.</param>
    /// <param name="breakdownOn">The day of <paramref name="breakdown"/>.</param>
    /// <param name="breakdown">Counted graduates by destination kind at the end of <paramref name="breakdownOn"/> (those without a report are unplaced).</param>
    public PlacementSeries(
        string institutionId,
        int cohortYear,
        string? unitCode,
        bool disadvantagedOnly,
        int registered,
        int counted,
        DateOnly? lastReportOn,
        int? orphanReports,
        IReadOnlyList<PlacedChange> changes,
        DateOnly breakdownOn,
        IReadOnlyDictionary<string, int> breakdown)
    {
        ArgumentNullException.ThrowIfNull(changes);
        InstitutionId = institutionId;
        CohortYear = cohortYear;
        UnitCode = unitCode;
        DisadvantagedOnly = disadvantagedOnly;
        Registered = registered;
        Counted = counted;
        LastReportOn = lastReportOn;
        OrphanReports = orphanReports;
        Changes = changes;
        BreakdownOn = breakdownOn;
        Breakdown = breakdown;
        days = new DateOnly[changes.Count];
        placedUpTo = new int[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            if (i > 0 && changes[i].Day <= changes[i - 1].Day)
            {
                throw new ArgumentException("The changes must be in date order, one per day.", nameof(changes));
            }

            days[i] = changes[i].Day;
            placedUpTo[i] = (i > 0 ? placedUpTo[i - 1] : 0) + changes[i].Change;
        }
    }

    public string InstitutionId { get; }

    public int CohortYear { get; }

    /// <summary>Null for the whole institution.</summary>
    public string? UnitCode { get; }

    public bool DisadvantagedOnly { get; }

    public int Registered { get; }

    public int Counted { get; }

    public DateOnly? LastReportOn { get; }

    public int? OrphanReports { get; }

    public IReadOnlyList<PlacedChange> Changes { get; }

    public DateOnly BreakdownOn { get; }

    /// <summary>Counted graduates by destination kind (<see cref="DestinationKinds.All"/>) at the end of <see cref="BreakdownOn"/>.</summary>
    public IReadOnlyDictionary<string, int> Breakdown { get; }

    /// <summary>Counted graduates placed at the end of <paramref name="day"/>.</summary>
    public int PlacedOn(DateOnly day)
    {
        var index = Array.BinarySearch(days, day);
        var last = index >= 0 ? index : ~index - 1;
        return last >= 0 ? placedUpTo[last] : 0;
    }

    /// <summary>
    /// The scopes of each institution — the institution's, then each unit's with a counted member of the population, each
    /// for all graduates and for the disadvantaged — from counts per institution, unit and population.
    /// </summary>
    /// <param name="groups">Per institution, unit and population (disadvantaged or not): graduates registered, counted, and their latest report's date.</param>
    /// <param name="changes">Per institution, unit and population: the change in counted graduates placed, per day.</param>
    /// <param name="destinations">Per institution, unit and population: counted graduates by destination at the end of <paramref name="breakdownOn"/> (graduates without a report left out).</param>
    /// <param name="orphans">Per institution: reports for graduates not on the roster.</param>
    public static IReadOnlyList<PlacementSeries> Combine(
        int cohortYear,
        DateOnly breakdownOn,
        IEnumerable<PlacementGroup> groups,
        IEnumerable<(string InstitutionId, string UnitCode, bool Disadvantaged, PlacedChange Change)> changes,
        IEnumerable<(string InstitutionId, string UnitCode, bool Disadvantaged, Destination Destination, int Graduates)> destinations,
        IEnumerable<(string InstitutionId, int Reports)> orphans)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(orphans);
        var groupsOf = groups.ToLookup(g => g.InstitutionId, StringComparer.Ordinal);
        var changesOf = changes.ToLookup(c => c.InstitutionId, StringComparer.Ordinal);
        var destinationsOf = destinations.ToLookup(d => d.InstitutionId, StringComparer.Ordinal);
        var orphanCounts = orphans.ToDictionary(o => o.InstitutionId, o => o.Reports, StringComparer.Ordinal);
        var series = new List<PlacementSeries>();
        foreach (var institution in groupsOf.Select(g => g.Key).Concat(orphanCounts.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var ofInstitution = groupsOf[institution].ToList();
            var units = ofInstitution.Select(g => g.UnitCode).Distinct().Order(StringComparer.Ordinal).ToList();
            foreach (var unit in units.Prepend(null))
            {
                foreach (var disadvantagedOnly in new[] { false, true })
                {
                    bool InScope(string unitCode, bool disadvantaged) => (unit is null || unitCode == unit) && (!disadvantagedOnly || disadvantaged);
                    var inUnit = ofInstitution.Where(g => unit is null || g.UnitCode == unit).ToList();
                    var inScope = inUnit.Where(g => InScope(g.UnitCode, g.Disadvantaged)).ToList();
                    var counted = inScope.Sum(g => g.Counted);

                    // A unit with no counted member of the population (none on the roster, all withdrawn, or none
                    // disadvantaged) has no rate: no scope, as the evaluation measures it.
                    if (unit is not null && counted == 0)
                    {
                        continue;
                    }

                    var breakdown = DestinationKinds.All.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
                    foreach (var d in destinationsOf[institution].Where(d => InScope(d.UnitCode, d.Disadvantaged)))
                    {
                        breakdown[DestinationKinds.KindOf(d.Destination)] += d.Graduates;
                    }

                    // Graduates without a report yet are unplaced, as are those whose latest report says so.
                    breakdown[DestinationKinds.Unplaced] = counted - breakdown.Where(b => b.Key != DestinationKinds.Unplaced).Sum(b => b.Value);
                    series.Add(new PlacementSeries(
                        institution,
                        cohortYear,
                        unit,
                        disadvantagedOnly,
                        inUnit.Sum(g => g.Registered),
                        counted,
                        inScope.Max(g => g.LastReportOn),
                        unit is null ? orphanCounts.GetValueOrDefault(institution) : null,
                        [
                            .. changesOf[institution]
                                .Where(c => InScope(c.UnitCode, c.Disadvantaged))
                                .GroupBy(c => c.Change.Day)
                                .Select(g => new PlacedChange(g.Key, g.Sum(c => c.Change.Change)))
                                .Where(c => c.Change != 0)
                                .OrderBy(c => c.Day),
                        ],
                        breakdownOn,
                        breakdown));
                }
            }
        }

        return series;
    }
}

/// <summary>The change in counted graduates placed at the end of <see cref="Day"/>: placements found, less placements revoked.</summary>
public readonly record struct PlacedChange(DateOnly Day, int Change);

/// <summary>The graduates of one institution, unit and population (disadvantaged or not) in a cohort.</summary>
/// <param name="Registered">On the roster, withdrawn ones included.</param>
/// <param name="Counted">On the roster and not withdrawn.</param>
/// <param name="LastReportOn">The latest effective date of a counted graduate's report.</param>
public sealed record PlacementGroup(string InstitutionId, string UnitCode, bool Disadvantaged, int Registered, int Counted, DateOnly? LastReportOn);
