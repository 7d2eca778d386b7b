using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Visits;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Visits;

public class VisitMeasurementsSpecs
{
    private static readonly DateOnly YearEnd = TestTargets.YearEnd;

    private static VisitFact Leader(string id, string name, string? code, DateOnly on, int positions = 0) =>
        new(id, VisitTier.Leadership, null, name, code, on, positions);

    private static VisitFact ByUnit(string id, string unit, string name, string? code, DateOnly on, int positions = 0) =>
        new(id, VisitTier.Unit, unit, name, code, on, positions);

    [Fact]
    public void When_two_leaders_visit_the_same_company_should_count_one_employer_and_sum_the_positions()
    {
        VisitFact[] visits =
        [
            Leader("v1", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 5), 12),
            Leader("v2", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 4, 9), 8),
            Leader("v3", "深圳市腾讯计算机系统有限公司", "91440300708461136T", new DateOnly(2024, 4, 10), 5),
        ];

        var m = VisitMeasurements.Build(TestTargets.LeadershipVisits(), visits, [])[ScopeKeys.Institution];

        Assert.Equal(2m, m.ValueOn(YearEnd));
        Assert.Equal(25, m.PositionsOpened);
        Assert.Equal(new DateOnly(2024, 4, 10), m.LastEventOn);
    }

    [Fact]
    public void When_the_metric_is_positions_opened_should_sum_positions_over_every_visit_by_day()
    {
        VisitFact[] visits =
        [
            Leader("v1", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 5), 12),
            Leader("v2", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 4, 9), 8),
        ];
        var target = TestTargets.LeadershipVisits() with { Metric = MetricKind.PositionsOpened };

        var m = VisitMeasurements.Build(target, visits, [])[ScopeKeys.Institution];

        Assert.Equal(12m, m.ValueOn(new DateOnly(2024, 4, 8)));
        Assert.Equal(20m, m.ValueOn(YearEnd));
    }

    [Fact]
    public void When_visits_are_counted_should_count_each_tier_separately()
    {
        VisitFact[] visits =
        [
            Leader("v1", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 5)),
            ByUnit("v2", "JX", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 6)),
            ByUnit("v3", "JX", "北京百度网讯科技有限公司", "91110000802100433B", new DateOnly(2024, 3, 7)),
        ];

        var leadership = VisitMeasurements.Build(TestTargets.LeadershipVisits(), visits, [])[ScopeKeys.Institution];
        var units = VisitMeasurements.Build(TestTargets.UnitVisits(), visits, TestInstitutions.UnitCodes)[ScopeKeys.Institution];

        Assert.Equal(1m, leadership.ValueOn(YearEnd));
        Assert.Equal(2m, units.ValueOn(YearEnd));
    }

    [Fact]
    public void When_two_units_visit_the_same_employer_should_count_it_once_for_the_institution_and_once_in_each_unit()
    {
        VisitFact[] visits =
        [
            ByUnit("v1", "JX", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 5), 10),
            ByUnit("v2", "DZ", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 5, 20), 4),
            ByUnit("v3", "DZ", "小米科技有限责任公司", "91110108551385082Q", new DateOnly(2024, 5, 21), 3),
        ];

        var m = VisitMeasurements.Build(TestTargets.UnitVisits(), visits, TestInstitutions.UnitCodes);

        Assert.Equal(2m, m[ScopeKeys.Institution].ValueOn(YearEnd));
        Assert.Equal(1m, m["JX"].ValueOn(YearEnd));
        Assert.Equal(2m, m["DZ"].ValueOn(YearEnd));
        Assert.Equal(0m, m["XN"].ValueOn(YearEnd));
        Assert.Equal(10, m["JX"].PositionsOpened);
        Assert.Equal(7, m["DZ"].PositionsOpened);
        Assert.Equal(17, m[ScopeKeys.Institution].PositionsOpened);
        Assert.Equal(TestInstitutions.UnitCodes.Count + 1, m.Count);
    }

    [Fact]
    public void When_a_visit_names_the_employer_without_a_code_should_match_a_coded_visit_of_the_same_normalised_name()
    {
        VisitFact[] visits =
        [
            Leader("v1", "天津（滨海）智能装备有限公司", "91120116MA05K1W3X4", new DateOnly(2024, 3, 5)),
            Leader("v2", " 天津(滨海) 智能装备有限公司", null, new DateOnly(2024, 6, 1)),
            Leader("v3", "天津北辰智能装备有限公司", null, new DateOnly(2024, 6, 2)),
        ];

        var keys = VisitMeasurements.ResolveKeys(visits);
        var m = VisitMeasurements.Build(TestTargets.LeadershipVisits(), visits, [])[ScopeKeys.Institution];

        Assert.Equal(keys["v1"], keys["v2"]);
        Assert.NotEqual(keys["v1"], keys["v3"]);
        Assert.Equal(2m, m.ValueOn(YearEnd));
    }

    [Fact]
    public void When_an_employer_is_visited_again_later_should_count_it_on_its_first_visit_date_only()
    {
        VisitFact[] visits =
        [
            Leader("v2", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 9, 1)),
            Leader("v1", "华为技术有限公司", "914403001922038216", new DateOnly(2024, 3, 5)),
            Leader("v3", "北京百度网讯科技有限公司", "91110000802100433B", new DateOnly(2024, 9, 1)),
        ];

        var m = VisitMeasurements.Build(TestTargets.LeadershipVisits(), visits, [])[ScopeKeys.Institution];

        Assert.Equal(0m, m.ValueOn(new DateOnly(2024, 3, 4)));
        Assert.Equal(1m, m.ValueOn(new DateOnly(2024, 3, 5)));
        Assert.Equal(1m, m.ValueOn(new DateOnly(2024, 8, 31)));
        Assert.Equal(2m, m.ValueOn(new DateOnly(2024, 9, 1)));
    }

    [Fact]
    public void When_the_target_is_not_per_unit_should_measure_the_institution_only()
    {
        var m = VisitMeasurements.Build(TestTargets.LeadershipVisits(), [], TestInstitutions.UnitCodes);

        Assert.Equal([ScopeKeys.Institution], m.Keys);
        Assert.Equal(0m, m[ScopeKeys.Institution].ValueOn(YearEnd));
        Assert.Null(m[ScopeKeys.Institution].LastEventOn);
    }
}
