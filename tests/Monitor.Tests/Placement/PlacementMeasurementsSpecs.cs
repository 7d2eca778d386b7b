using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Placement;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Placement;

public class PlacementMeasurementsSpecs
{
    private static readonly DateOnly August31 = new(2024, 8, 31);

    private static GraduateFact Graduate(string id, string unit = "JX", params string[] disadvantaged) => new(id, unit, disadvantaged.Length > 0);

    private static DestinationFact Report(string reportId, string graduateId, Destination destination, DateOnly on, DateOnly? reportedOn = null, int hour = 10) =>
        new(reportId, graduateId, destination, on, new DateTimeOffset((reportedOn ?? on).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)));

    private static IReadOnlyDictionary<string, Measurement> Build(
        IReadOnlyList<GraduateFact> graduates, IReadOnlyList<DestinationFact> reports, IReadOnlyCollection<string>? withdrawn = null, bool disadvantagedOnly = false) =>
        PlacementMeasurements.Build(TestTargets.Placement(disadvantagedOnly), new CohortFacts(graduates, withdrawn ?? [], reports), TestInstitutions.UnitCodes);

    private static Measurement Institution(IReadOnlyList<GraduateFact> graduates, IReadOnlyList<DestinationFact> reports, IReadOnlyCollection<string>? withdrawn = null) =>
        Build(graduates, reports, withdrawn)[ScopeKeys.Institution];

    [Fact]
    public void When_a_report_arrives_late_for_an_earlier_day_should_keep_the_destination_with_the_latest_effective_date()
    {
        var m = Institution(
            [Graduate("g1")],
            [
                Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 2)),
                Report("r2", "g1", Destination.Unplaced, new DateOnly(2024, 5, 1), new DateOnly(2024, 6, 10)),
            ]);

        Assert.Equal(0, m.NumeratorOn!(new DateOnly(2024, 5, 15)));
        Assert.Equal(1, m.NumeratorOn!(new DateOnly(2024, 6, 30)));
    }

    [Fact]
    public void When_two_reports_take_effect_the_same_day_should_keep_the_one_reported_last()
    {
        var m = Institution(
            [Graduate("g1")],
            [
                Report("r1", "g1", Destination.Unplaced, new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 3)),
                Report("r2", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 2)),
            ]);

        Assert.Equal(0, m.NumeratorOn!(August31));
    }

    [Fact]
    public void When_two_reports_tie_on_both_dates_should_keep_the_greatest_report_id()
    {
        var m = Institution(
            [Graduate("g1")],
            [
                Report("r-b", "g1", Destination.FurtherStudy, new DateOnly(2024, 6, 1)),
                Report("r-a", "g1", Destination.Unplaced, new DateOnly(2024, 6, 1)),
            ]);

        Assert.Equal(1, m.NumeratorOn!(August31));
        Assert.Equal(1, m.BreakdownOn!(August31)[DestinationKinds.FurtherStudy]);
    }

    [Fact]
    public void When_reports_arrive_in_any_order_should_give_the_same_result()
    {
        var random = new Random(2024);
        var graduates = Enumerable.Range(1, 60).Select(i => Graduate($"g{i:D2}", TestInstitutions.UnitCodes[i % 7])).ToList();
        var destinations = Enum.GetValues<Destination>();
        var reports = new List<DestinationFact>();
        foreach (var g in graduates)
        {
            for (var k = 0; k < random.Next(1, 5); k++)
            {
                // Few distinct days and hours, so ties on EffectiveOn and ReportedAt are common.
                var on = new DateOnly(2024, 5 + random.Next(3), 1 + (10 * random.Next(3)));
                reports.Add(Report($"r{reports.Count:D3}", g.GraduateId, destinations[random.Next(destinations.Length)], on, on.AddDays(random.Next(2)), 9 + random.Next(2)));
            }
        }

        DateOnly[] days = [new(2024, 5, 15), new(2024, 6, 11), new(2024, 7, 21), August31];
        string Fingerprint(IReadOnlyList<DestinationFact> ordered)
        {
            var scopes = Build(graduates, ordered);
            return string.Join(
                ";",
                scopes.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => days.Select(d =>
                    $"{s.Key}@{d}:{s.Value.NumeratorOn!(d)}/{s.Value.Denominator}:" +
                    string.Join(",", s.Value.BreakdownOn!(d).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}")))));
        }

        var expected = Fingerprint(reports);
        for (var round = 0; round < 8; round++)
        {
            var shuffled = reports.ToArray();
            random.Shuffle(shuffled);
            Assert.Equal(expected, Fingerprint(shuffled));
        }

        Assert.Equal(expected, Fingerprint(Enumerable.Reverse(reports).ToList()));
    }

    [Fact]
    public void When_a_later_report_says_unplaced_should_revoke_the_placement_from_that_day()
    {
        var m = Institution(
            [Graduate("g1"), Graduate("g2")],
            [
                Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 5, 10)),
                Report("r2", "g1", Destination.Unplaced, new DateOnly(2024, 7, 10)),
                Report("r3", "g2", Destination.AgreementEmployment, new DateOnly(2024, 5, 12)),
            ]);

        Assert.Equal(100m, m.ValueOn(new DateOnly(2024, 7, 9)));
        Assert.Equal(50m, m.ValueOn(new DateOnly(2024, 7, 10)));
        Assert.Equal(1, m.NumeratorOn!(August31));
    }

    [Fact]
    public void When_a_graduate_withdraws_should_leave_the_denominator_and_the_numerator()
    {
        var m = Institution(
            [Graduate("g1"), Graduate("g2"), Graduate("g3")],
            [Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1)), Report("r2", "g3", Destination.Military, new DateOnly(2024, 6, 1))],
            ["g3"]);

        Assert.Equal(2, m.Denominator);
        Assert.Equal(1, m.NumeratorOn!(August31));
        Assert.Equal(50m, m.ValueOn(August31));
    }

    [Fact]
    public void When_a_report_names_an_unregistered_graduate_should_count_it_as_an_orphan_until_the_graduate_is_registered()
    {
        DestinationFact[] reports =
        [
            Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1)),
            Report("r2", "g2", Destination.FurtherStudy, new DateOnly(2024, 6, 2)),
        ];

        var before = Institution([Graduate("g1")], reports);
        var after = Institution([Graduate("g1"), Graduate("g2")], reports);

        Assert.Equal(1, before.OrphanReports);
        Assert.Equal(1, before.Denominator);
        Assert.Equal(1, before.NumeratorOn!(August31));
        Assert.Equal(0, after.OrphanReports);
        Assert.Equal(2, after.Denominator);
        Assert.Equal(2, after.NumeratorOn!(August31));
    }

    [Fact]
    public void When_the_target_is_for_disadvantaged_graduates_should_count_only_graduates_with_a_category()
    {
        var m = Build(
            [Graduate("g1", "JX", "LowIncome"), Graduate("g2", "JX"), Graduate("g3", "DZ", "Disability", "Other")],
            [Report("r1", "g2", Destination.ContractEmployment, new DateOnly(2024, 6, 1)), Report("r2", "g3", Destination.ContractEmployment, new DateOnly(2024, 6, 1))],
            disadvantagedOnly: true);

        Assert.Equal(2, m[ScopeKeys.Institution].Denominator);
        Assert.Equal(1, m[ScopeKeys.Institution].NumeratorOn!(August31));
        Assert.Equal(1, m["JX"].Denominator);
        Assert.Equal(0, m["JX"].NumeratorOn!(August31));
    }

    [Fact]
    public void When_a_unit_has_fewer_graduates_than_the_minimum_group_should_flag_its_rate_as_a_small_group()
    {
        var graduates = Enumerable.Range(1, 25).Select(i => Graduate($"g{i:D2}", i <= 5 ? "YS" : "JX")).ToList();
        var m = Build(graduates, []);
        var target = TestTargets.Placement();

        var ys = TargetEngine.Assess(target, 95m, m["YS"], new DateOnly(2024, 6, 15));
        var jx = TargetEngine.Assess(target, 95m, m["JX"], new DateOnly(2024, 6, 15));
        var whole = TargetEngine.Assess(target, 95m, m[ScopeKeys.Institution], new DateOnly(2024, 6, 15));

        Assert.True(ys.SmallGroup);
        Assert.Equal(5, ys.Denominator);
        Assert.False(jx.SmallGroup); // exactly the minimum of 20
        Assert.Equal(20, jx.Denominator);
        Assert.False(whole.SmallGroup);
    }

    [Fact]
    public void When_rates_are_measured_per_unit_should_add_up_to_the_institution_and_skip_units_without_graduates()
    {
        var random = new Random(7);
        string[] withGraduates = ["JX", "DZ", "RG", "XN", "CL", "JG", "YS"];
        var graduates = Enumerable.Range(1, 140).Select(i => Graduate($"g{i:D3}", withGraduates[i % withGraduates.Length])).ToList();
        var reports = graduates
            .Where(_ => random.Next(10) < 8)
            .Select((g, i) => Report($"r{i:D3}", g.GraduateId, i % 9 == 0 ? Destination.Unplaced : Destination.ContractEmployment, new DateOnly(2024, 4 + random.Next(5), 1)))
            .ToList();

        var m = Build(graduates, reports, ["g001", "g050"]);
        var units = m.Where(s => s.Key != ScopeKeys.Institution).ToList();

        Assert.Equal(withGraduates.Order(StringComparer.Ordinal), units.Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("ZJ", m.Keys);
        foreach (var day in new DateOnly[] { new(2024, 5, 1), new(2024, 7, 1), August31 })
        {
            Assert.Equal(m[ScopeKeys.Institution].NumeratorOn!(day), units.Sum(u => u.Value.NumeratorOn!(day)));
        }

        Assert.Equal(138, m[ScopeKeys.Institution].Denominator);
        Assert.Equal(m[ScopeKeys.Institution].Denominator, units.Sum(u => u.Value.Denominator));
    }

    [Fact]
    public void When_destinations_are_broken_down_should_sort_every_graduate_into_one_of_six_kinds()
    {
        var m = Institution(
            [Graduate("g1"), Graduate("g2"), Graduate("g3"), Graduate("g4"), Graduate("g5"), Graduate("g6"), Graduate("g7"), Graduate("g8")],
            [
                Report("r1", "g1", Destination.AgreementEmployment, new DateOnly(2024, 6, 1)),
                Report("r2", "g2", Destination.Freelance, new DateOnly(2024, 6, 1)),
                Report("r3", "g3", Destination.FurtherStudy, new DateOnly(2024, 6, 1)),
                Report("r4", "g4", Destination.Entrepreneurship, new DateOnly(2024, 6, 1)),
                Report("r5", "g5", Destination.NationalGrassrootsProject, new DateOnly(2024, 6, 1)),
                Report("r6", "g6", Destination.StudyAbroad, new DateOnly(2024, 6, 1)),
                Report("r7", "g7", Destination.NotSeekingEmployment, new DateOnly(2024, 6, 1)),
            ]);

        var breakdown = m.BreakdownOn!(August31);

        Assert.Equal(DestinationKinds.All.Order(StringComparer.Ordinal), breakdown.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(m.Denominator, breakdown.Values.Sum());
        Assert.Equal(2, breakdown[DestinationKinds.Employed]);
        Assert.Equal(1, breakdown[DestinationKinds.FurtherStudy]);
        Assert.Equal(1, breakdown[DestinationKinds.Entrepreneurship]);
        Assert.Equal(1, breakdown[DestinationKinds.MilitaryOrGrassroots]);
        Assert.Equal(1, breakdown[DestinationKinds.Abroad]);
        Assert.Equal(2, breakdown[DestinationKinds.Unplaced]); // 暂不就业 and no report yet
        Assert.Equal(6, m.NumeratorOn!(August31));
    }

    [Theory]
    [InlineData(Destination.AgreementEmployment, true)]
    [InlineData(Destination.ContractEmployment, true)]
    [InlineData(Destination.OtherEmployment, true)]
    [InlineData(Destination.ResearchAssistant, true)]
    [InlineData(Destination.Military, true)]
    [InlineData(Destination.NationalGrassrootsProject, true)]
    [InlineData(Destination.LocalGrassrootsProject, true)]
    [InlineData(Destination.Entrepreneurship, true)]
    [InlineData(Destination.Freelance, true)]
    [InlineData(Destination.FurtherStudy, true)]
    [InlineData(Destination.StudyAbroad, true)]
    [InlineData(Destination.Unplaced, false)]
    [InlineData(Destination.NotSeekingEmployment, false)]
    public void When_a_destination_is_reported_should_count_as_placed_unless_unplaced_or_not_seeking(Destination destination, bool placed)
    {
        Assert.Equal(placed, DestinationKinds.IsPlaced(destination));
        Assert.Equal(placed, DestinationKinds.KindOf(destination) != DestinationKinds.Unplaced);
    }

    [Fact]
    public void When_a_unit_has_graduates_but_none_disadvantaged_should_have_no_disadvantaged_rate_and_never_lag()
    {
        // JX has two disadvantaged graduates (one placed), DZ has graduates but none disadvantaged.
        var graduates = new[] { Graduate("g1", "JX", "LowIncome"), Graduate("g2", "JX", "Disability"), Graduate("g3", "DZ"), Graduate("g4", "DZ") };
        var reports = new[] { Report("r1", "g1", Destination.ContractEmployment, new DateOnly(2024, 6, 1)) };

        var scopes = Build(graduates, reports, disadvantagedOnly: true);
        var institution = TargetEngine.Assess(TestTargets.Placement(disadvantagedOnly: true), 97m, scopes[ScopeKeys.Institution], new DateOnly(2024, 6, 15));

        Assert.True(scopes.ContainsKey("JX"));
        Assert.False(scopes.ContainsKey("DZ")); // no population: no rate, no status, no alert, not a lagging unit
        Assert.Equal((1, 2), (institution.Numerator, institution.Denominator));
    }
}
