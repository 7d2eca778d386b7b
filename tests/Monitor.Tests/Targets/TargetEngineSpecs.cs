using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Targets;

/// <summary>
/// The engine over the report's targets: ≥ 100 employers in 2024 on a linear pace (366 days, so 1 July expects exactly
/// 50), and ≥ 95 % of the cohort by 31 August on the 70/85/92/95 milestone curve.
/// </summary>
public class TargetEngineSpecs
{
    private static readonly DateOnly July1 = new(2024, 7, 1);
    private static readonly DateOnly Jan10 = new(2024, 1, 10);
    private static readonly DateOnly June15 = new(2024, 6, 15);

    private static Assessment Visits(DateOnly today, Measurement m) =>
        TargetEngine.Assess(TestTargets.LeadershipVisits(), 100m, m, today);

    private static Assessment Placement(DateOnly today, Measurement m, decimal threshold = 95m) =>
        TargetEngine.Assess(TestTargets.Placement(), threshold, m, today);

    [Fact]
    public void When_the_period_has_not_started_should_be_pending_without_pace_figures()
    {
        var a = Visits(new DateOnly(2023, 12, 31), Counts.Of());

        Assert.Equal(TargetStatus.Pending, a.Status);
        Assert.Null(a.ExpectedByNow);
        Assert.Null(a.Forecast);
        Assert.Null(a.DaysLeft);
        Assert.Null(a.RequiredPerWeek);
    }

    [Theory]
    [InlineData(60, TargetStatus.OnTrack)]
    [InlineData(50, TargetStatus.OnTrack)] // exactly expected
    [InlineData(49, TargetStatus.AtRisk)]
    [InlineData(45, TargetStatus.AtRisk)] // the bottom of the 10 % band: 50 − 5
    [InlineData(44, TargetStatus.OffTrack)]
    [InlineData(10, TargetStatus.OffTrack)]
    public void When_a_count_is_judged_against_its_pace_should_grade_it_by_the_tolerance_band(int actual, TargetStatus expected)
    {
        // Ten new employers in the last three weeks: the recent pace alone would still reach 100.
        var a = Visits(July1, Counts.Of((Jan10, actual - 10), (new DateOnly(2024, 6, 20), 10)));

        Assert.Equal(50m, a.ExpectedByNow);
        Assert.Equal(expected, a.Status);
    }

    [Theory]
    [InlineData(1, 0, TargetStatus.OnTrack)] // 0.3 of an employer by the line: nothing owed yet
    [InlineData(3, 0, TargetStatus.OnTrack)] // 0.8
    [InlineData(4, 0, TargetStatus.AtRisk)] // 1.1: one owed, and one behind is inside the band
    [InlineData(8, 0, TargetStatus.OffTrack)] // 2.2: two behind
    [InlineData(8, 1, TargetStatus.AtRisk)]
    public void When_a_new_year_has_just_begun_should_owe_only_whole_employers(int day, int visited, TargetStatus expected)
    {
        var a = Visits(new DateOnly(2024, 1, day), visited == 0 ? Counts.Of() : Counts.Of((new DateOnly(2024, 1, 2), visited)));

        Assert.Equal(expected, a.Status);
        Assert.Equal(Math.Floor(100m * day / 366), a.ExpectedByNow);
    }

    [Fact]
    public void When_the_period_is_younger_than_the_forecast_window_should_not_judge_by_the_forecast()
    {
        // 10 January: one employer of two owed, inside the band; the forecast (about 36 at this pace) would condemn it,
        // but ten days say little.
        var early = Visits(Jan10, Counts.Of((new DateOnly(2024, 1, 5), 1)));

        // 28 January: 6 of 7 owed, inside the band too; at this pace the year ends near 78: a full window is evidence.
        var later = Visits(new DateOnly(2024, 1, 28), Counts.Of((new DateOnly(2024, 1, 5), 6)));

        Assert.True(early.ForecastHigh < 100m);
        Assert.Equal(TargetStatus.AtRisk, early.Status);
        Assert.True(later.ForecastHigh < 100m);
        Assert.Equal(TargetStatus.OffTrack, later.Status);
    }

    [Fact]
    public void When_even_the_best_forecast_falls_short_should_be_off_track_inside_the_band()
    {
        // 47 of an expected 50 is inside the band, but neither the recent (7 in 28 days) nor the year's average pace reaches 100.
        var a = Visits(July1, Counts.Of((Jan10, 40), (new DateOnly(2024, 6, 25), 7)));

        Assert.Equal(94m, a.ForecastHigh);
        Assert.Equal(TargetStatus.OffTrack, a.Status);
    }

    [Theory]
    [InlineData(8, 100.3, TargetStatus.OffTrack)] // the best forecast reaches 100 by less than the 1.5 margin
    [InlineData(9, 106.8, TargetStatus.AtRisk)]
    public void When_the_best_forecast_only_just_reaches_the_threshold_should_not_clear_it_by_the_recovery_margin(int recent, double high, TargetStatus withMargin)
    {
        // 48 of an expected 50: inside the band even with the margin (46.5); only the forecast decides.
        var a = Visits(July1, Counts.Of((Jan10, 48 - recent), (new DateOnly(2024, 6, 20), recent)));

        Assert.Equal((decimal)high, a.ForecastHigh);
        Assert.Equal(TargetStatus.AtRisk, a.Status);
        Assert.Equal(withMargin, a.StatusWithMargin);
    }

    [Theory]
    [InlineData(52, TargetStatus.OnTrack, TargetStatus.OnTrack)]
    [InlineData(51, TargetStatus.OnTrack, TargetStatus.AtRisk)] // margin max(1, 3 % of 50) = 1.5 not cleared
    [InlineData(47, TargetStatus.AtRisk, TargetStatus.AtRisk)]
    [InlineData(46, TargetStatus.AtRisk, TargetStatus.OffTrack)] // needs 45 + 1.5
    public void When_a_value_is_near_a_boundary_should_report_the_status_it_clears_by_the_recovery_margin(int actual, TargetStatus status, TargetStatus withMargin)
    {
        var a = Visits(July1, Counts.Of((Jan10, actual - 10), (new DateOnly(2024, 6, 20), 10)));

        Assert.Equal(status, a.Status);
        Assert.Equal(withMargin, a.StatusWithMargin);
    }

    [Fact]
    public void When_a_count_reaches_its_threshold_mid_year_should_be_met_at_once_and_stay_met()
    {
        var m = Counts.Of((Jan10, 90), (new DateOnly(2024, 5, 20), 10));

        Assert.Equal(TargetStatus.OnTrack, Visits(new DateOnly(2024, 5, 19), m).Status);
        Assert.Equal(TargetStatus.Met, Visits(new DateOnly(2024, 5, 20), m).Status);
        Assert.Equal(TargetStatus.Met, Visits(TestTargets.YearEnd, m).Status);
        Assert.Equal(TargetStatus.Met, Visits(new DateOnly(2025, 1, 5), m).Status);
    }

    [Fact]
    public void When_the_period_ends_below_the_threshold_should_be_missed()
    {
        var m = Counts.Of((Jan10, 60), (new DateOnly(2024, 12, 20), 39));

        var a = Visits(new DateOnly(2025, 1, 1), m);

        Assert.Equal(TargetStatus.Missed, a.Status);
        Assert.Equal(99m, a.Actual);
        Assert.Null(a.DaysLeft);
    }

    [Fact]
    public void When_a_rate_is_above_its_threshold_on_the_measurement_date_should_be_met_only_the_day_after_and_stay_met()
    {
        var m = Counts.Rate(
            1000, (new DateOnly(2024, 4, 1), 300), (new DateOnly(2024, 5, 31), 700), (new DateOnly(2024, 8, 31), 960), (new DateOnly(2024, 9, 10), 900));

        var onTheDay = Placement(new DateOnly(2024, 8, 31), m);
        var after = Placement(new DateOnly(2024, 9, 1), m);
        var laterDrop = Placement(new DateOnly(2024, 9, 20), m);

        Assert.Equal(TargetStatus.OnTrack, onTheDay.Status);
        Assert.Equal(TargetStatus.Met, after.Status);
        Assert.Equal(TargetStatus.Met, laterDrop.Status);
        Assert.Equal(90m, laterDrop.Actual);
    }

    [Fact]
    public void When_a_rate_is_below_its_threshold_on_the_measurement_date_should_be_missed_even_if_it_rises_later()
    {
        var m = Counts.Rate(1000, (new DateOnly(2024, 6, 1), 800), (new DateOnly(2024, 8, 31), 940), (new DateOnly(2024, 9, 5), 970));

        var a = Placement(new DateOnly(2024, 9, 15), m);

        Assert.Equal(TargetStatus.Missed, a.Status);
        Assert.Equal(97m, a.Actual);
    }

    [Theory]
    [InlineData(780, TargetStatus.OnTrack)]
    [InlineData(775, TargetStatus.OnTrack)] // exactly the 77.5 % expected
    [InlineData(760, TargetStatus.AtRisk)]
    [InlineData(755, TargetStatus.AtRisk)] // the bottom of the 2-point band
    [InlineData(750, TargetStatus.OffTrack)]
    public void When_a_rate_is_judged_before_its_measurement_date_should_follow_the_milestone_curve(int placed, TargetStatus expected)
    {
        var m = Counts.Rate(1000, (new DateOnly(2024, 4, 1), 300), (new DateOnly(2024, 6, 10), placed));

        var a = Placement(June15, m);

        Assert.Equal(77.5m, a.ExpectedByNow);
        Assert.Equal(expected, a.Status);
        Assert.Equal(placed, a.Numerator);
        Assert.Equal(1000, a.Denominator);
    }

    [Fact]
    public void When_a_small_group_is_a_graduate_short_of_its_curve_should_owe_whole_graduates_and_keep_it_in_the_band()
    {
        // 30 graduates: one is 3.33 points. 3 March expects 2.28 % (0.68 of a graduate): none owed yet.
        var early = Placement(new DateOnly(2024, 3, 3), Counts.Rate(30));

        // 15 June expects 77.5 % (23.25 graduates): 23 owed, 22 placed is one short, inside the band.
        var oneShort = Placement(June15, Counts.Rate(30, (new DateOnly(2024, 6, 1), 22)));

        Assert.Equal((0m, TargetStatus.OnTrack), (early.ExpectedByNow!.Value, early.Status));
        Assert.Equal(76.67m, oneShort.ExpectedByNow);
        Assert.Equal(TargetStatus.AtRisk, oneShort.Status);

        // Improving needs one more graduate than expected, not half a point: 23 of 23 owed stays AtRisk with the margin.
        var atTheLine = Placement(June15, Counts.Rate(30, (new DateOnly(2024, 6, 1), 23)));
        Assert.Equal((TargetStatus.OnTrack, TargetStatus.AtRisk), (atTheLine.Status, atTheLine.StatusWithMargin));
        var oneAbove = Placement(June15, Counts.Rate(30, (new DateOnly(2024, 6, 1), 24)));
        Assert.Equal(TargetStatus.OnTrack, oneAbove.StatusWithMargin);
    }

    [Fact]
    public void When_a_count_is_back_on_its_line_but_not_clear_of_the_margin_should_hold_at_risk_not_off_track()
    {
        // 3 July: the line is at 50.27, so 50 are owed and 50 visited, but nothing new for months: even the best forecast
        // (the year's average pace) reaches only 99.5.
        var a = Visits(new DateOnly(2024, 7, 3), Counts.Of((Jan10, 50)));

        Assert.Equal(50m, a.ExpectedByNow);
        Assert.True(a.ForecastHigh < 100m);
        Assert.Equal(TargetStatus.OnTrack, a.Status);
        Assert.Equal(TargetStatus.AtRisk, a.StatusWithMargin);
    }

    [Fact]
    public void When_a_scope_ahead_of_its_pace_hears_nothing_for_a_month_should_stay_on_track_not_no_data()
    {
        // 60 employers by mid-April, nothing since: 100 × 167/366 = 45 owed by 15 June.
        var ahead = Visits(June15, Counts.Of((new DateOnly(2024, 4, 10), 60)));

        // 40 by mid-April and nothing since: behind and silent, so the feed may have stopped.
        var behind = Visits(June15, Counts.Of((new DateOnly(2024, 4, 10), 40)));

        Assert.Equal(TargetStatus.OnTrack, ahead.Status);
        Assert.Equal(TargetStatus.NoData, behind.Status);
    }

    [Theory]
    [InlineData(2024, 3, 1, 0.7)] // 70 × 1/92 = 0.76 % of 1,000 graduates: 7 owed
    [InlineData(2024, 4, 15, 35)] // 70 × 46/92
    [InlineData(2024, 5, 31, 70)]
    [InlineData(2024, 6, 15, 77.5)] // halfway from 70 (31 May) to 85 (30 June)
    [InlineData(2024, 7, 31, 92)]
    [InlineData(2024, 8, 31, 95)]
    public void When_the_pace_is_a_milestone_curve_should_interpolate_expected_by_now(int year, int month, int day, double expected)
    {
        var a = Placement(new DateOnly(year, month, day), Counts.Rate(1000, (new DateOnly(2024, 3, 1), 10)));

        Assert.Equal((decimal)expected, a.ExpectedByNow);
    }

    [Fact]
    public void When_a_milestone_curve_is_read_between_two_milestones_should_give_the_exact_straight_line_value()
    {
        var t = TestTargets.Placement();

        Assert.Equal(77.5m, t.Pace.ExpectedOn(June15, t.PeriodStart, t.Deadline, 95m));
        Assert.Equal(0m, t.Pace.ExpectedOn(new DateOnly(2024, 2, 29), t.PeriodStart, t.Deadline, 95m));
    }

    [Fact]
    public void When_nothing_has_been_recorded_for_more_than_the_no_data_days_should_be_no_data()
    {
        var m = Counts.Of((new DateOnly(2024, 1, 5), 3));

        Assert.NotEqual(TargetStatus.NoData, Visits(new DateOnly(2024, 2, 4), m).Status); // 30 days
        var a = Visits(new DateOnly(2024, 2, 5), m); // 31 days

        Assert.Equal(TargetStatus.NoData, a.Status);
        Assert.Equal(31, a.DaysWithoutData);
    }

    [Fact]
    public void When_nothing_was_ever_recorded_should_be_no_data_once_the_period_has_run_longer_than_the_no_data_days()
    {
        Assert.NotEqual(TargetStatus.NoData, Visits(new DateOnly(2024, 1, 30), Counts.Of()).Status);
        Assert.Equal(TargetStatus.NoData, Visits(new DateOnly(2024, 1, 31), Counts.Of()).Status);
    }

    [Fact]
    public void When_a_rate_has_no_graduates_on_the_roster_should_be_no_data()
    {
        var a = Placement(June15, Counts.Rate(0));

        Assert.Equal(TargetStatus.NoData, a.Status);
        Assert.Equal(0, a.Denominator);
        Assert.Null(a.RequiredPerWeek);
    }

    [Fact]
    public void When_destination_reports_stop_for_more_than_the_no_data_days_should_be_no_data()
    {
        var m = Counts.Rate(1000, (new DateOnly(2024, 3, 10), 100));

        Assert.NotEqual(TargetStatus.NoData, Placement(new DateOnly(2024, 4, 9), m).Status);
        Assert.Equal(TargetStatus.NoData, Placement(new DateOnly(2024, 4, 10), m).Status);
    }

    [Fact]
    public void When_the_recent_pace_differs_from_the_average_should_forecast_from_the_recent_window_with_a_range()
    {
        // 36 by January, then 14 in the last 28 days: recent 0.5 a day, average 50 over 183 days.
        var a = Visits(July1, Counts.Of((Jan10, 36), (new DateOnly(2024, 6, 10), 14)));

        Assert.Equal(141.5m, a.Forecast); // 50 + 0.5 × 183
        Assert.Equal(100m, a.ForecastLow); // 50 + 50/183 × 183
        Assert.Equal(141.5m, a.ForecastHigh);
    }

    [Fact]
    public void When_the_period_is_younger_than_the_window_should_forecast_from_the_average_pace()
    {
        var a = Visits(new DateOnly(2024, 1, 20), Counts.Of((new DateOnly(2024, 1, 5), 10)));

        Assert.Equal(183m, a.Forecast); // 10 + 10/20 × 346
        Assert.Equal(a.Forecast, a.ForecastLow);
        Assert.Equal(a.Forecast, a.ForecastHigh);
    }

    [Fact]
    public void When_a_rate_is_forecast_should_not_exceed_one_hundred_percent()
    {
        var a = Placement(June15, Counts.Rate(1000, (new DateOnly(2024, 4, 1), 300), (new DateOnly(2024, 6, 10), 780)));

        Assert.Equal(100m, a.Forecast);
        Assert.Equal(100m, a.ForecastHigh);
    }

    [Fact]
    public void When_a_count_is_behind_should_say_how_many_more_per_week_are_required()
    {
        // 30 September: 62 employers, 92 days left.
        var a = Visits(new DateOnly(2024, 9, 30), Counts.Of((Jan10, 50), (new DateOnly(2024, 9, 20), 12)));

        Assert.Equal(62m, a.Actual);
        Assert.Equal(74m, a.ExpectedByNow); // 100 × 274/366 = 74.9: 74 whole employers owed
        Assert.Equal(38m, a.Remaining);
        Assert.Equal(92, a.DaysLeft);
        Assert.Equal(2.9m, a.RequiredPerWeek); // 38 × 7 / 92 = 2.89
        Assert.Equal(TargetStatus.OffTrack, a.Status);
    }

    [Theory]
    [InlineData(2500, 2300, 95, 75, 16.9)] // ⌈95 % × 2,500⌉ = 2,375; 75 × 7 / 31
    [InlineData(180, 170, 97, 5, 1.1)] // ⌈97 % × 180⌉ = ⌈174.6⌉ = 175
    [InlineData(2500, 2380, 95, 0, 0)]
    public void When_a_rate_is_behind_should_say_how_many_more_graduates_are_required(int denominator, int placed, int threshold, int remaining, double perWeek)
    {
        var a = Placement(new DateOnly(2024, 7, 31), Counts.Rate(denominator, (new DateOnly(2024, 7, 20), placed)), threshold);

        Assert.Equal(31, a.DaysLeft);
        Assert.Equal(remaining, a.Remaining);
        Assert.Equal((decimal)perWeek, a.RequiredPerWeek);
    }

    [Theory]
    [InlineData(19, true)]
    [InlineData(20, false)]
    public void When_a_rate_covers_fewer_graduates_than_the_minimum_group_should_flag_a_small_group(int denominator, bool small)
    {
        var a = Placement(June15, Counts.Rate(denominator, (new DateOnly(2024, 6, 1), denominator / 2)));

        Assert.Equal(small, a.SmallGroup);
    }

    [Fact]
    public void When_rates_are_reported_should_round_them_to_two_decimals_as_the_report_quotes_them()
    {
        var a = Placement(new DateOnly(2024, 8, 30), Counts.Rate(2500, (new DateOnly(2024, 8, 29), 2386)));

        Assert.Equal(95.44m, a.Actual);
    }
}
