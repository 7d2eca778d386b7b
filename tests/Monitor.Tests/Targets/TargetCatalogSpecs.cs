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
        Assert.True(leadership.Pace.IsLinear);
        Assert.Equal(VisitTier.Unit, units.Tier);
        Assert.True(units.PerUnit);
        Assert.Equal(200m, units.UnitThresholds.Values.Sum());
        Assert.Equal(25m, units.ThresholdFor("XN", 8));
        Assert.Equal((MetricKind.PlacementRate, 2024, false), (placement.Metric, placement.CohortYear, placement.DisadvantagedOnly));
        Assert.Equal(new DateOnly(2024, 8, 31), placement.Deadline);
        Assert.Equal([70m, 85m, 92m, 95m], placement.Pace.Milestones.Select(m => m.Expected));
        Assert.True(disadvantaged.DisadvantagedOnly);
        Assert.Equal(TimeSpan.FromDays(7), placement.Alerting.RemindEvery);
        Assert.Equal(10m, placement.Alerting.TolerancePercent);
        Assert.Equal(20, placement.Alerting.MinimumGroupSize);
    }

    [Fact]
    public void When_targets_are_moved_to_the_baseline_year_should_shift_dates_cohort_and_id_and_keep_thresholds()
    {
        var baseline = LoadSeeds().ForYear(2023, "2023 基线").All[2];

        Assert.Equal("placement-2023", baseline.Id);
        Assert.Equal("2023 届高职毕业生毕业去向落实率", baseline.Name);
        Assert.Equal(2023, baseline.CohortYear);
        Assert.Equal(new DateOnly(2023, 8, 31), baseline.Deadline);
        Assert.Equal(new DateOnly(2023, 5, 31), baseline.Pace.Milestones[0].On);
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
        Assert.Contains("defaults: minimumDwell and remindEvery must not be negative", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defaults: noDataAfterDays and forecastWindowDays must be at least 1", ex.Message, StringComparison.Ordinal);
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
