using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Targets;

public sealed class TargetCatalogSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static TargetCatalog LoadSeeds() =>
        TargetCatalog.Load(
            RepositoryFiles.Path("seeds", "targets-2024.json"),
            InstitutionCatalog.Load(RepositoryFiles.Path("seeds", "institutions.json")));

    [Fact]
    public void When_the_report_targets_are_loaded_should_give_the_four_targets_with_the_report_thresholds()
    {
        var catalog = LoadSeeds();

        Assert.Equal(
            ["leadership-visits-2024", "unit-visits-2024", "placement-2024", "placement-disadvantaged-2024"],
            catalog.All.Select(t => t.Id));
        Assert.Equal([100m, 200m, 95m, 97m], catalog.All.Select(t => t.Threshold));
        Assert.All(catalog.All, t => Assert.Equal("tjqg", t.InstitutionId));
    }

    [Fact]
    public void When_the_report_targets_are_loaded_should_keep_their_metrics_periods_and_paces()
    {
        var all = LoadSeeds().All;
        var (leadership, units, placement, disadvantaged) = (all[0], all[1], all[2], all[3]);

        Assert.Equal((MetricKind.DistinctEmployersVisited, VisitTier.Leadership), (leadership.Metric, leadership.Tier));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), (leadership.PeriodStart, leadership.Deadline));
        Assert.Equal(PaceKind.Learned, leadership.Pace.Kind);
        Assert.Equal(12, leadership.Pace.MonthWeights.Count);
        Assert.Equal(VisitTier.Unit, units.Tier);
        Assert.True(units.PerUnit);
        Assert.Equal(200m, units.UnitThresholds.Values.Sum());
        Assert.Equal(25m, units.ThresholdFor("XN", 8));
        Assert.Equal((MetricKind.PlacementRate, 2024, false), (placement.Metric, placement.CohortYear, placement.DisadvantagedOnly));
        Assert.Equal(new DateOnly(2024, 8, 31), placement.Deadline);
        Assert.Equal(PaceKind.Milestones, placement.Pace.Kind);
        Assert.Equal([33m, 70m, 85m, 92m, 95m], placement.Pace.Milestones.Select(m => m.Expected));
        Assert.Equal((14, new DateOnly(2024, 9, 14)), (placement.ClosesAfterDays, placement.BooksCloseOn));
        Assert.True(disadvantaged.DisadvantagedOnly);
        Assert.Equal(TimeSpan.FromDays(28), placement.Alerting.RemindEvery);
        Assert.False(placement.Alerting.RemindUnits);
        Assert.Equal((TimeSpan.FromDays(5), TimeSpan.FromDays(14)), (placement.Alerting.MinimumDwell, placement.Alerting.RecoveryDwell));
        Assert.Equal((14, 3), (placement.Alerting.JudgeAfterDays, placement.Alerting.JudgeFromOwed));
        Assert.Equal(10m, placement.Alerting.TolerancePercent);
        Assert.Equal(20, placement.Alerting.MinimumGroupSize);
    }

    [Fact]
    public void When_the_visit_targets_follow_the_school_calendar_should_weigh_the_spring_festival_nothing_and_the_busy_terms_most()
    {
        var leadership = LoadSeeds().All[0];
        var pace = leadership.Pace;

        // Inside the Spring Festival the line stays flat; a day of the busy April term moves it more than a day of the
        // winter break (which weighs a quarter of February's own weight).
        Assert.Equal(0m, pace.WeightOn(new DateOnly(2024, 2, 12)));
        Assert.Equal(
            pace.Share(new DateOnly(2024, 2, 8), leadership.PeriodStart, leadership.Deadline),
            pace.Share(new DateOnly(2024, 2, 17), leadership.PeriodStart, leadership.Deadline));
        Assert.True(pace.WeightOn(new DateOnly(2024, 4, 10)) > pace.WeightOn(new DateOnly(2024, 1, 25)));
        Assert.Equal(1m, pace.Share(leadership.Deadline, leadership.PeriodStart, leadership.Deadline));
    }

    [Fact]
    public void When_targets_are_moved_to_the_baseline_year_should_shift_dates_cohort_and_id_and_keep_thresholds()
    {
        var baseline = LoadSeeds().ForYear(2023, "2023 基线").All[2];

        Assert.Equal("placement-2023", baseline.Id);
        Assert.Equal("2023 届高职毕业生毕业去向落实率", baseline.Name);
        Assert.Equal(2023, baseline.CohortYear);
        Assert.Equal(new DateOnly(2023, 8, 31), baseline.Deadline);
        Assert.Equal(new DateOnly(2023, 4, 30), baseline.Pace.Milestones[0].On);
        Assert.Equal(95m, baseline.Threshold);
        Assert.Equal("2023 基线", baseline.Label);
    }

    [Fact]
    public void When_the_targets_file_has_mistakes_should_list_each_with_its_json_path()
    {
        var path = _files.Write("targets.json", """
            {
              "targets": [
                { "id": "a", "name": "走访", "institutionId": "nankai", "metric": "DistinctEmployersVisited", "tier": "Leadership",
                  "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31" },
                { "id": "b", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited",
                  "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31" },
                { "id": "c", "name": "落实率", "institutionId": "tjqg", "metric": "PlacementRate", "cohortYear": 2024,
                  "threshold": 120, "periodStart": "2024-03-01", "deadline": "2024-08-31" },
                { "id": "d", "name": "落实率", "institutionId": "tjqg", "metric": "PlacementRate", "cohortYear": 2024,
                  "threshold": 95, "periodStart": "2024-03-01", "deadline": "2024-08-31",
                  "pace": { "kind": "Milestones", "milestones": [ { "on": "2024-06-30", "expected": 85 }, { "on": "2024-05-31", "expected": 70 } ] } },
                { "id": "e", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Unit", "perUnit": true,
                  "threshold": 200, "periodStart": "2024-01-01", "deadline": "2024-12-31", "unitThresholds": { "JX": 30, "XX": 10 } },
                { "id": "f", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Leadership",
                  "threshold": 100, "periodStart": "2024-12-31", "deadline": "2024-01-01" }
              ]
            }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.StartsWith($"{path} has 6 error(s):", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[0].institutionId: 'nankai' is not a configured institution (tjqg)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[1].tier: required for DistinctEmployersVisited", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[2].threshold: a rate in percent, above 0 and at most 100 (got 120)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[3].pace.milestones[1]: milestones must be in date order", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[4].unitThresholds.XX: not a unit of tjqg", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[5].periodStart: 2024-12-31 is after the deadline 2024-01-01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_target_id_appears_twice_should_name_the_second()
    {
        const string target = """{ "id": "a", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Leadership", "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31" }""";
        var path = _files.Write("targets.json", $$"""{ "targets": [ {{target}}, {{target}} ] }""");

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("targets[1].id: 'a' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_alert_defaults_are_out_of_range_should_name_the_setting()
    {
        var path = _files.Write("targets.json", """
            { "defaults": { "tolerancePercent": 150, "remindEvery": "-1.00:00:00", "noDataAfterDays": 0 },
              "targets": [ { "id": "a", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Leadership",
                             "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31" } ] }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("defaults.tolerance: between 0 and 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defaults: minimumDwell, recoveryDwell and remindEvery must not be negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defaults: noDataAfterDays and forecastWindowDays must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_targets_file_still_asks_for_grouped_unit_alerts_should_refuse_the_setting()
    {
        var path = _files.Write("targets.json", """
            { "defaults": { "groupUnitsAtLeast": 3 },
              "targets": [ { "id": "a", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Leadership",
                             "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31" } ] }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("defaults.groupUnitsAtLeast: alerts are no longer grouped on the bus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_seasonal_pace_is_malformed_should_name_the_weights_and_the_holiday()
    {
        var path = _files.Write("targets.json", """
            { "targets": [ { "id": "a", "name": "走访", "institutionId": "tjqg", "metric": "DistinctEmployersVisited", "tier": "Leadership",
                             "threshold": 100, "periodStart": "2024-01-01", "deadline": "2024-12-31",
                             "pace": { "kind": "Seasonal", "monthWeights": [1, 2, 3],
                                       "holidays": [ { "from": "2024-02-09", "to": "2024-02-17", "weight": 2 } ] } } ] }
            """);

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("targets[0].pace.monthWeights: a Seasonal pace needs 12 relative activities", ex.Message, StringComparison.Ordinal);
        Assert.Contains("targets[0].pace.holidays[0].weight: 2 is not between 0 (closed) and 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_targets_file_is_not_valid_json_should_say_where()
    {
        var path = _files.Write("targets.json", """{ "targets": [ { "id": "a", "threshold": "many" } ] }""");

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("$.targets[0].threshold", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_target_has_a_misspelt_setting_should_reject_the_file()
    {
        var path = _files.Write("targets.json", """{ "targets": [ { "id": "a", "treshold": 100 } ] }""");

        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(path, TestInstitutions.Catalog));

        Assert.Contains("treshold", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_targets_file_is_missing_should_name_the_setting_to_fix()
    {
        var ex = Assert.Throws<ConfigurationException>(() => TargetCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-targets.json"), TestInstitutions.Catalog));

        Assert.Contains("Monitor:TargetsFile", ex.Message, StringComparison.Ordinal);
    }
}
