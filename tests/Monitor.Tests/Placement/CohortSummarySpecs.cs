using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Placement;

/// <summary>
/// The rates built from a cohort's summary are the rates of its graduates, one by one: checked on random cohorts, every
/// day, every scope, against each graduate's destination worked out from their own reports.
/// </summary>
public class CohortSummarySpecs
{
    private static readonly Destination[] Destinations = Enum.GetValues<Destination>();
    private static readonly DateOnly First = new(2024, 4, 25);
    private static readonly DateOnly Last = new(2024, 9, 5);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void When_rates_are_built_from_the_summary_should_match_every_graduates_own_destination_on_every_day(int seed, bool disadvantagedOnly)
    {
        var facts = RandomCohort(new Random(seed));
        var units = TestInstitutions.UnitCodes;

        var built = PlacementMeasurements.Build(TestTargets.Placement(disadvantagedOnly), CohortSummary.Of(facts), units);

        var withdrawn = facts.WithdrawnGraduateIds.ToHashSet(StringComparer.Ordinal);
        var members = facts.Graduates.Where(g => !withdrawn.Contains(g.GraduateId) && (!disadvantagedOnly || g.Disadvantaged)).ToList();
        var scopes = new[] { (Key: ScopeKeys.Institution, Members: members) }
            .Concat(units.Select(u => (Key: u, Members: members.Where(g => g.UnitCode == u).ToList())).Where(s => s.Members.Count > 0))
            .ToList();
        Assert.Equal(scopes.Select(s => s.Key).Order(StringComparer.Ordinal), built.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, scopeMembers) in scopes)
        {
            var m = built[key];
            var histories = scopeMembers.Select(g => Ordered(facts.Reports.Where(r => r.GraduateId == g.GraduateId))).ToList();
            Assert.Equal(scopeMembers.Count, m.Denominator);
            Assert.Equal(histories.SelectMany(h => h).Select(r => (DateOnly?)r.EffectiveOn).Max(), m.LastEventOn);
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                var destinations = histories.Select(h => h.LastOrDefault(r => r.EffectiveOn <= day)?.Destination).ToList();
                Assert.Equal(destinations.Count(d => d is { } placed && DestinationKinds.IsPlaced(placed)), m.NumeratorOn!(day));
                Assert.Equal(
                    DestinationKinds.All.ToDictionary(k => k, k => destinations.Count(d => (d is { } kind ? DestinationKinds.KindOf(kind) : DestinationKinds.Unplaced) == k)),
                    m.BreakdownOn!(day));
                Assert.Equal(histories.SelectMany(h => h).Where(r => r.EffectiveOn <= day).Select(r => (DateOnly?)r.EffectiveOn).Max(), m.LastEventOnOrBefore!(day));
            }
        }

        Assert.Equal(facts.Reports.Count(r => !facts.Graduates.Any(g => g.GraduateId == r.GraduateId)), built[ScopeKeys.Institution].OrphanReports);
    }

    [Fact]
    public void When_graduates_of_a_unit_change_on_the_same_days_should_summarise_them_in_a_row_per_day_and_change()
    {
        var graduates = Enumerable.Range(0, 50).Select(i => new GraduateFact($"g{i}", "JX", false)).ToList();
        var reports = graduates.SelectMany(g => new[]
        {
            new DestinationFact($"{g.GraduateId}-1", g.GraduateId, Destination.Unplaced, new DateOnly(2024, 6, 1), new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero)),
            new DestinationFact($"{g.GraduateId}-2", g.GraduateId, Destination.ContractEmployment, new DateOnly(2024, 7, 1), new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero)),
        }).ToList();

        var summary = CohortSummary.Of(new CohortFacts(graduates, [], reports));

        Assert.Equal(new CohortGroup("JX", false, 50), Assert.Single(summary.Groups));
        Assert.Equal(
            [
                new DestinationChange("JX", false, new DateOnly(2024, 6, 1), null, Destination.Unplaced, 50),
                new DestinationChange("JX", false, new DateOnly(2024, 7, 1), Destination.Unplaced, Destination.ContractEmployment, 50),
            ],
            summary.Changes);
    }

    /// <summary>Reports in the order that decides a day's destination: effective date, then reported-at, then report id (ordinal).</summary>
    private static List<DestinationFact> Ordered(IEnumerable<DestinationFact> reports) =>
        [.. reports.OrderBy(r => r.EffectiveOn).ThenBy(r => r.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal)];

    /// <summary>
    /// 120 graduates across the units, a quarter disadvantaged, some withdrawn, up to five reports each on a few shared
    /// days (ties on the day and on the time, ids that sort differently in ordinal and culture order), and some orphans.
    /// </summary>
    private static CohortFacts RandomCohort(Random random)
    {
        var units = TestInstitutions.UnitCodes;
        var graduates = Enumerable.Range(0, 120)
            .Select(i => new GraduateFact($"g{i}", units[random.Next(units.Count)], random.Next(4) == 0))
            .ToList();
        var withdrawn = graduates.Where(_ => random.Next(10) == 0).Select(g => g.GraduateId).ToList();
        var reports = new List<DestinationFact>();
        foreach (var graduateId in graduates.Select(g => g.GraduateId).Concat(["orphan-1", "orphan-2"]))
        {
            for (var r = random.Next(6); r > 0; r--)
            {
                var effectiveOn = First.AddDays(5 + (random.Next(8) * 15));
                var reportedAt = new DateTimeOffset(effectiveOn.AddDays(random.Next(2)).ToDateTime(new TimeOnly(9 * random.Next(2), 0)), TimeSpan.Zero);
                var id = $"{graduateId}-{(random.Next(2) == 0 ? "R" : "r")}{reports.Count}";
                reports.Add(new DestinationFact(id, graduateId, Destinations[random.Next(Destinations.Length)], effectiveOn, reportedAt));
            }
        }

        return new CohortFacts(graduates, withdrawn, reports);
    }
}
