using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Monitor.Worker.Targets;
using Monitor.Worker.Tools.Replay;

namespace Monitor.Tests.Tools.Demo;

/// <summary>The demo's events (seeds/demo-2023.jsonl) hold the 2024 work report's 2023 figures; counted by the same code the worker uses.</summary>
public class DemoEventsSpecs
{
    private static readonly DemoEvents Events = DemoEvents.Load(RepositoryFiles.Path("seeds", "demo-2023.jsonl"), TestInstitutions.Catalog);
    private static readonly DemoSet Data = new(
        [.. Events.Events.Select(e => e.Message).OfType<EnterpriseVisitRecorded>()],
        [.. Events.Events.Select(e => e.Message).OfType<GraduateRegistered>()],
        [.. Events.Events.Select(e => e.Message).OfType<GraduateWithdrawn>()],
        [.. Events.Events.Select(e => e.Message).OfType<GraduateDestinationReported>()]);
    private static readonly DateOnly August30 = new(2023, 8, 30);

    private static List<VisitFact> Facts(VisitTier tier) =>
        Data.Visits.Where(v => v.Tier == tier)
            .Select(v => new VisitFact(v.VisitId, v.Tier, v.UnitCode, v.EmployerName, v.EmployerCreditCode, v.VisitedOn, v.PositionsOpened))
            .ToList();

    private static TargetDefinition Baseline(bool disadvantagedOnly) =>
        TestTargets.Placement(disadvantagedOnly).ForYear(2023, "2023 基线");

    private static Measurement Cohort(bool disadvantagedOnly = false) =>
        PlacementMeasurements.Build(
            Baseline(disadvantagedOnly),
            new CohortFacts(
                Data.Graduates.Select(g => new GraduateFact(g.GraduateId, g.UnitCode, g.Disadvantaged.Count > 0)).ToList(),
                Data.Withdrawals.Select(w => w.GraduateId).ToList(),
                Data.Reports.Select(r => new DestinationFact(r.ReportId, r.GraduateId, r.Destination, r.EffectiveOn, r.ReportedAt)).ToList()),
            TestInstitutions.UnitCodes)[ScopeKeys.Institution];

    [Fact]
    public void When_leadership_visits_are_counted_should_give_101_employers_and_793_positions()
    {
        var visits = Facts(VisitTier.Leadership);
        var m = VisitMeasurements.Build(TestTargets.LeadershipVisits().ForYear(2023, "2023 基线"), visits, [])[ScopeKeys.Institution];

        // Repeat visits, some under name variants or without the code, are in the data: counting them needs the identity rules.
        Assert.True(visits.Select(v => (v.EmployerName, v.EmployerCreditCode)).Distinct().Count() > 101);
        Assert.Equal(101m, m.ValueOn(new DateOnly(2023, 12, 31)));
        Assert.Equal(793, m.PositionsOpened);
    }

    [Fact]
    public void When_unit_visits_are_counted_should_give_216_employers_and_3194_positions()
    {
        var visits = Facts(VisitTier.Unit);
        var m = VisitMeasurements.Build(TestTargets.UnitVisits().ForYear(2023, "2023 基线"), visits, TestInstitutions.UnitCodes);

        Assert.Equal(216m, m[ScopeKeys.Institution].ValueOn(new DateOnly(2023, 12, 31)));
        Assert.Equal(3194, m[ScopeKeys.Institution].PositionsOpened);
        Assert.True(m.Where(s => s.Key != ScopeKeys.Institution).Sum(s => s.Value.ValueOn(new DateOnly(2023, 12, 31))) > 216); // shared employers count in each unit
        Assert.True(m["XN"].ValueOn(new DateOnly(2023, 12, 31)) < 25); // the lagging unit the demo shows
    }

    [Fact]
    public void When_the_2023_cohort_is_measured_on_30_August_should_give_95_44_percent()
    {
        var m = Cohort();

        Assert.Equal(2500, m.Denominator);
        Assert.Equal(2386, m.NumeratorOn!(August30));
        Assert.Equal(95.44m, m.ValueOn(August30));
        Assert.Equal(152, m.BreakdownOn!(August30)[DestinationKinds.FurtherStudy]);
        Assert.Equal(3, m.OrphanReports);
    }

    [Fact]
    public void When_the_baseline_target_is_assessed_after_its_measurement_date_should_be_met_at_95_44_percent()
    {
        var a = TargetEngine.Assess(Baseline(false), 95m, Cohort(), new DateOnly(2023, 9, 1));

        Assert.Equal(TargetStatus.Met, a.Status);
        Assert.Equal(95.44m, a.Actual);
    }

    [Fact]
    public void When_the_disadvantaged_graduates_are_measured_should_give_173_of_180()
    {
        var m = Cohort(disadvantagedOnly: true);

        Assert.Equal(180, m.Denominator);
        Assert.Equal(173, m.NumeratorOn!(August30));
    }

    [Fact]
    public void When_the_demo_events_are_read_should_use_every_producer_id_once()
    {
        Assert.Equal(Data.Visits.Count, Data.Visits.Select(v => v.VisitId).Distinct().Count());
        Assert.Equal(Data.Reports.Count, Data.Reports.Select(r => r.ReportId).Distinct().Count());
        Assert.Equal(Data.Graduates.Count, Data.Graduates.Select(g => g.GraduateId).Distinct().Count());
        Assert.Equal((357, 2512, 12, 2706), (Data.Visits.Count, Data.Graduates.Count, Data.Withdrawals.Count, Data.Reports.Count));
    }

    [Fact]
    public void When_the_demo_events_are_validated_should_all_be_accepted()
    {
        var now = new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);

        Assert.All(Data.Visits, v => Assert.Empty(VisitValidation.Validate(v, TestInstitutions.Catalog, now)));
        Assert.All(Data.Graduates, g => Assert.Empty(PlacementValidation.Validate(g, TestInstitutions.Catalog)));
        Assert.All(Data.Reports, r => Assert.Empty(PlacementValidation.Validate(r, TestInstitutions.Catalog, now)));
    }

    private sealed record DemoSet(
        IReadOnlyList<EnterpriseVisitRecorded> Visits,
        IReadOnlyList<GraduateRegistered> Graduates,
        IReadOnlyList<GraduateWithdrawn> Withdrawals,
        IReadOnlyList<GraduateDestinationReported> Reports);
}
