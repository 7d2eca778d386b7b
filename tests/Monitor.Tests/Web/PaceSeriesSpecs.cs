using Monitor.Tests.Support;
using Monitor.Worker.Targets;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

public class PaceSeriesSpecs
{
    [Fact]
    public void When_a_count_has_a_linear_pace_should_climb_evenly_from_the_first_day_to_the_threshold_on_the_deadline()
    {
        var line = PaceSeries.Line(TestTargets.LeadershipVisits(), 100, shape: null, denominator: null);

        Assert.Equal(366, line.Count);
        Assert.Equal(new PacePoint(new DateOnly(2024, 1, 1), 0.3m), line[0]);
        Assert.Equal(50m, line.Single(p => p.Day == new DateOnly(2024, 7, 1)).Expected);
        Assert.Equal(new PacePoint(new DateOnly(2024, 12, 31), 100m), line[^1]);
    }

    [Fact]
    public void When_the_engine_judges_a_day_should_expect_by_the_next_morning_what_the_line_reached_that_day_in_whole_units()
    {
        var target = TestTargets.UnitVisits();
        var line = PaceSeries.Line(target, 30, shape: null, denominator: null);
        var today = new DateOnly(2024, 6, 15);
        var assessment = TargetEngine.Assess(target, 30, new Measurement { ValueOn = _ => 10m }, today);

        var yesterday = line.Single(p => p.Day == today.AddDays(-1)).Expected;
        Assert.Equal(Math.Floor(yesterday), assessment.ExpectedByNow);
    }

    [Fact]
    public void When_a_rate_has_graduates_should_end_at_the_share_of_them_the_threshold_needs_in_whole_graduates()
    {
        // 97 % of 30 graduates needs all 30: the line ends at 100 %, as the engine's does.
        var target = TestTargets.Placement(disadvantagedOnly: true) with { Threshold = 97 };
        var line = PaceSeries.Line(target, 97, shape: null, denominator: 30);

        Assert.Equal(new DateOnly(2024, 3, 1), line[0].Day);
        Assert.Equal(100m, line[^1].Expected);
    }

    [Fact]
    public void When_a_rate_has_no_graduates_yet_should_follow_its_milestones_as_shares_of_the_threshold()
    {
        var line = PaceSeries.Line(TestTargets.Placement(), 95, shape: null, denominator: null);

        Assert.Equal(70m, line.Single(p => p.Day == new DateOnly(2024, 5, 31)).Expected);
        Assert.Equal(95m, line[^1].Expected);
    }

    [Fact]
    public void When_the_pace_is_learned_should_follow_last_years_shape()
    {
        var line = PaceSeries.Line(TestTargets.LeadershipVisits(), 100, shape: day => day.Month >= 7 ? 1m : 0m, denominator: null);

        Assert.Equal(0m, line.Single(p => p.Day == new DateOnly(2024, 6, 30)).Expected);
        Assert.Equal(100m, line.Single(p => p.Day == new DateOnly(2024, 7, 1)).Expected);
    }

    [Fact]
    public void When_a_first_day_is_given_should_start_there()
    {
        var line = PaceSeries.Line(TestTargets.LeadershipVisits(), 100, shape: null, denominator: null, from: new DateOnly(2024, 12, 1));

        Assert.Equal(31, line.Count);
    }
}
