using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Targets;

/// <summary>
/// The engine over the report's targets: ≥ 100 employers in 2024 on a linear pace (366 days; a morning evaluation is
/// held to the line as of the end of yesterday, so 2 July expects exactly 50), and ≥ 95 % of the cohort by 31 August
/// on the 70/85/92/95 milestone curve.
/// </summary>
public class TargetEngineSpecs
{
    private static readonly DateOnly July2 = new(2024, 7, 2);
    private static readonly DateOnly Jan10 = new(2024, 1, 10);
    private static readonly DateOnly June15 = new(2024, 6, 15);
    private static readonly DateOnly June16 = new(2024, 6, 16);

    /// <summary>Whole employers the linear line has passed by the end of the day before <paramref name="today"/>.</summary>
    private static decimal Owed(DateOnly today)
    {
        var t = TestTargets.LeadershipVisits();
        return Math.Floor(t.Threshold * t.Pace.Share(today.AddDays(-1), t.PeriodStart, t.Deadline));
    }

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
    [InlineData(50, TargetStatus.OnTrack)] // on the line
    [InlineData(43, TargetStatus.OnTrack)] // the bottom of the band: 50 − ⌊√50⌋
    [InlineData(42, TargetStatus.AtRisk)] // behind beyond the band, but the recent pace still reaches 100
    [InlineData(30, TargetStatus.AtRisk)]
    [InlineData(20, TargetStatus.OffTrack)] // even the recent pace forecasts 85: a clear miss
    public void When_a_count_is_judged_against_its_pace_should_grade_it_by_the_band_and_the_best_pace_shown(int actual, TargetStatus expected)
    {
        // Ten new employers in the last four weeks, where the line climbed 7.65: a pace that alone would reach 100.
        var a = Visits(July2, Counts.Of((Jan10, actual - 10), (new DateOnly(2024, 6, 20), 10)));

        Assert.Equal(50m, Owed(July2));
        Assert.Equal(Owed(July2), a.ExpectedByNow);
        Assert.Equal(expected, a.Status);
    }

    [Theory]
    [InlineData(1, 0, TargetStatus.Pending)] // the line as of New Year's Eve owes nothing
    [InlineData(4, 0, TargetStatus.Pending)] // 0.8 of an employer by the line: nothing owed yet
    [InlineData(14, 0, TargetStatus.Pending)] // 3 owed, but only 13 days have run
    [InlineData(15, 0, TargetStatus.AtRisk)] // a fortnight and 3 owed: judged; behind beyond the band of 1
    [InlineData(15, 2, TargetStatus.OnTrack)] // one behind is inside the band
    public void When_a_new_year_has_just_begun_should_be_pending_until_a_fortnight_has_run_and_three_employers_are_owed(int day, int visited, TargetStatus expected)
    {
        var today = new DateOnly(2024, 1, day);

        var a = Visits(today, visited == 0 ? Counts.Of() : Counts.Of((new DateOnly(2024, 1, 2), visited)));

        Assert.Equal(expected, a.Status);
        Assert.Equal(Owed(today), a.ExpectedByNow);
    }

    [Fact]
    public void When_a_small_target_owes_fewer_than_three_employers_should_stay_pending_however_quiet()
    {
        // A unit of 10 employers on a linear pace owes its third on 19 April (10 × 110/366 = 3.005).
        var target = TestTargets.LeadershipVisits();
        var before = TargetEngine.Assess(target, 10m, Counts.Of(), new DateOnly(2024, 4, 19));
        var from = TargetEngine.Assess(target, 10m, Counts.Of(), new DateOnly(2024, 4, 20));

        Assert.Equal((TargetStatus.Pending, 2m), (before.Status, before.ExpectedByNow!.Value));
        Assert.Equal((TargetStatus.NoData, 3m), (from.Status, from.ExpectedByNow!.Value));
    }

    [Fact]
    public void When_the_period_is_younger_than_the_forecast_window_should_not_judge_by_the_forecast()
    {
        // 15 January: one employer where 3 are owed, behind beyond the band; the forecast (26) would condemn it, but two
        // weeks say little.
        var early = Visits(new DateOnly(2024, 1, 15), Counts.Of((new DateOnly(2024, 1, 5), 1)));

        // 29 January: one where 7 are owed; a full window at this pace ends the year near 13: a clear miss.
        var later = Visits(new DateOnly(2024, 1, 29), Counts.Of((new DateOnly(2024, 1, 5), 1)));

        Assert.True(early.ForecastHigh < 100m);
        Assert.Equal(TargetStatus.AtRisk, early.Status);
        Assert.True(later.ForecastHigh < 100m);
        Assert.Equal(TargetStatus.OffTrack, later.Status);
    }

    [Theory]
    [InlineData(78, TargetStatus.AtRisk)]
    [InlineData(80, TargetStatus.OnTrack)]
    public void When_a_scope_near_its_line_would_miss_even_at_its_best_pace_should_warn_early_and_never_be_off_track(int visited, TargetStatus expected)
    {
        // 1 November: 83 owed (83.3 by the line), the band is ⌊√83⌋ = 9. The year's average pace is the best shown (one
        // employer in the last four weeks): 78 forecasts 78 × 366/305 = 93.6, below 100 by more than chance still moves
        // it (⌊√16.7⌋ + ⌊16.7 × √78 / 83.3⌋ = 5); 80 forecasts 96, within it.
        var a = Visits(new DateOnly(2024, 11, 1), Counts.Of((Jan10, visited - 1), (new DateOnly(2024, 10, 25), 1)));

        Assert.Equal(83m, a.ExpectedByNow);
        Assert.Equal(expected, a.Status);
        Assert.NotEqual(TargetStatus.OffTrack, a.StatusWithMargin);
    }

    [Theory]
    [InlineData(1, TargetStatus.AtRisk)]
    [InlineData(8, TargetStatus.OnTrack)]
    public void When_a_scope_on_its_line_slows_down_near_the_deadline_should_warn_early(int recent, TargetStatus expected)
    {
        // 1 December: 92 visited, 91 owed; the year's average pace reaches 100.5. One employer in the last four weeks, where
        // the line climbed 7.65, forecasts 93 — short of 100 by more than that pace's own uncertainty; eight forecast 100.9.
        var a = Visits(new DateOnly(2024, 12, 1), Counts.Of((Jan10, 92 - recent), (new DateOnly(2024, 11, 20), recent)));

        Assert.Equal(91m, a.ExpectedByNow);
        Assert.True(a.ForecastHigh >= 100m);
        Assert.Equal(expected, a.Status);
    }

    [Theory]
    [InlineData(7, TargetStatus.OffTrack)] // the best pace forecasts 87.75; less the 1.5 margin it misses 100 − 7 − 6 = 87
    [InlineData(8, TargetStatus.AtRisk)] // 94.3
    public void When_the_best_forecast_only_just_reaches_the_threshold_should_not_clear_it_by_the_recovery_margin(int recent, TargetStatus withMargin)
    {
        // 42 of an expected 50: behind beyond the band (43); the recent pace decides between AtRisk and OffTrack.
        var a = Visits(July2, Counts.Of((Jan10, 42 - recent), (new DateOnly(2024, 6, 20), recent)));

        Assert.Equal(TargetStatus.AtRisk, a.Status);
        Assert.Equal(withMargin, a.StatusWithMargin);
    }

    [Theory]
    [InlineData(45, TargetStatus.OnTrack, TargetStatus.OnTrack)]
    [InlineData(44, TargetStatus.OnTrack, TargetStatus.AtRisk)] // margin max(1, 3 % of 50) = 1.5 above the band's bottom (43) not cleared
    [InlineData(43, TargetStatus.OnTrack, TargetStatus.AtRisk)]
    [InlineData(42, TargetStatus.AtRisk, TargetStatus.AtRisk)]
    public void When_a_value_is_near_a_boundary_should_report_the_status_it_clears_by_the_recovery_margin(int actual, TargetStatus status, TargetStatus withMargin)
    {
        var a = Visits(July2, Counts.Of((Jan10, actual - 10), (new DateOnly(2024, 6, 20), 10)));

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
    public void When_a_rate_reaches_its_threshold_on_the_measurement_date_should_be_met_that_day_and_stay_met_by_the_measured_figure()
    {
        var m = Counts.Rate(
            1000, (new DateOnly(2024, 4, 1), 300), (new DateOnly(2024, 5, 31), 700), (new DateOnly(2024, 8, 31), 960), (new DateOnly(2024, 9, 10), 900));

        var dayBefore = Placement(new DateOnly(2024, 8, 30), m);
        var onTheDay = Placement(new DateOnly(2024, 8, 31), m);
        var laterDrop = Placement(new DateOnly(2024, 9, 20), m);

        Assert.NotEqual(TargetStatus.Met, dayBefore.Status);
        Assert.Equal(TargetStatus.Met, onTheDay.Status);
        Assert.True(onTheDay.IsMeasured);
        Assert.Equal(TargetStatus.Met, laterDrop.Status);
        Assert.Equal((96m, 960, new DateOnly(2024, 8, 31)), (laterDrop.Actual, laterDrop.Numerator!.Value, laterDrop.AsOf));
        Assert.Equal((90m, 900), (laterDrop.CurrentActual!.Value, laterDrop.CurrentNumerator!.Value));
    }

    [Theory]
    [InlineData(1000, 950, TargetStatus.Met)] // ⌈95 % × 1,000⌉ = 950
    [InlineData(1000, 949, TargetStatus.AtRisk)]
    [InlineData(1000, 930, TargetStatus.AtRisk)] // 93 %: the bottom of the 2-point band
    [InlineData(1000, 929, TargetStatus.OffTrack)]
    [InlineData(30, 29, TargetStatus.Met)] // ⌈95 % × 30⌉ = 29
    [InlineData(30, 28, TargetStatus.AtRisk)] // one graduate (3.34 points) short is inside the band
    [InlineData(30, 27, TargetStatus.OffTrack)]
    public void When_a_rate_is_measured_on_its_measurement_date_should_be_met_in_whole_graduates_or_behind_but_not_yet_missed(int graduates, int placed, TargetStatus expected)
    {
        var measurementDate = new DateOnly(2024, 8, 31);

        var a = Placement(measurementDate, Counts.Rate(graduates, (new DateOnly(2024, 6, 1), placed)));

        Assert.Equal(expected, a.Status);
        Assert.True(a.IsMeasured);
        Assert.False(a.IsFinal);
        Assert.Equal(Math.Max(0, TestTargets.Placement().Needed(graduates) - placed), a.Remaining);
    }

    [Fact]
    public void When_a_rate_is_below_its_threshold_on_the_measurement_date_should_be_missed_even_if_it_rises_later()
    {
        var m = Counts.Rate(1000, (new DateOnly(2024, 6, 1), 800), (new DateOnly(2024, 8, 31), 940), (new DateOnly(2024, 9, 5), 970));

        var a = Placement(new DateOnly(2024, 9, 15), m);

        Assert.Equal(TargetStatus.Missed, a.Status);
        Assert.Equal((94m, 940), (a.Actual, a.Numerator!.Value));
        Assert.Equal(97m, a.CurrentActual);
    }

    [Fact]
    public void When_the_books_have_closed_should_judge_by_the_frozen_final_figures()
    {
        // Today's figures as of the measurement date say 940 placed; the final figures kept when the books closed say 951.
        var live = Counts.Rate(1000, (new DateOnly(2024, 6, 1), 800), (new DateOnly(2024, 8, 31), 940));
        var closed = live with { Measured = new MeasuredRate(951, 1000, IsFinal: true) };

        var provisional = Placement(new DateOnly(2024, 9, 20), live);
        var final = Placement(new DateOnly(2024, 9, 20), closed);

        Assert.Equal((TargetStatus.Missed, false), (provisional.Status, provisional.IsFinal));
        Assert.Equal((TargetStatus.Met, true), (final.Status, final.IsFinal));
        Assert.Equal((95.1m, 951), (final.Actual, final.Numerator!.Value));
    }

    [Theory]
    [InlineData(300, 800, TargetStatus.OnTrack)]
    [InlineData(300, 775, TargetStatus.OnTrack)] // on the line: 77.5 % of 1,000 graduates is 775 of the 950 needed
    [InlineData(300, 748, TargetStatus.OnTrack)] // the bottom of the band: 775 − ⌊√775⌋
    [InlineData(300, 747, TargetStatus.AtRisk)] // behind beyond the band; the recent pace still reaches 95 %
    [InlineData(500, 520, TargetStatus.OffTrack)] // 20 placed in four weeks: even the best pace shown misses
    public void When_a_rate_is_judged_before_its_measurement_date_should_follow_the_milestone_curve_in_whole_graduates(int byApril, int placed, TargetStatus expected)
    {
        var m = Counts.Rate(1000, (new DateOnly(2024, 4, 1), byApril), (new DateOnly(2024, 6, 10), placed));

        var a = Placement(June16, m);

        Assert.Equal(77.5m, a.ExpectedByNow);
        Assert.Equal(expected, a.Status);
        Assert.Equal(placed, a.Numerator);
        Assert.Equal(1000, a.Denominator);
    }

    [Fact]
    public void When_a_small_group_is_a_few_graduates_short_of_its_curve_should_owe_whole_graduates_and_keep_them_in_the_band()
    {
        // 30 graduates, 29 needed. 3 March: the line as of 2 March is at 0.46 of a graduate: none owed, not judged.
        var early = Placement(new DateOnly(2024, 3, 3), Counts.Rate(30));

        // 16 June: 29 × 77.5/95 = 23.66, so 23 owed (76.67 %); the band is ⌊√23⌋ = 4 graduates.
        Assessment Placed(int placed) => Placement(June16, Counts.Rate(30, (new DateOnly(2024, 6, 1), placed)));

        Assert.Equal((0m, TargetStatus.Pending), (early.ExpectedByNow!.Value, early.Status));
        Assert.Equal(76.67m, Placed(19).ExpectedByNow);
        Assert.Equal(TargetStatus.AtRisk, Placed(18).Status);

        // Improving needs one graduate more than the band's bottom, not half a point: 19 is OnTrack but held AtRisk.
        Assert.Equal((TargetStatus.OnTrack, TargetStatus.AtRisk), (Placed(19).Status, Placed(19).StatusWithMargin));
        Assert.Equal((TargetStatus.OnTrack, TargetStatus.OnTrack), (Placed(20).Status, Placed(20).StatusWithMargin));
    }

    [Fact]
    public void When_a_scope_ahead_of_its_pace_hears_nothing_for_a_month_should_stay_on_track_not_no_data()
    {
        // 60 employers by mid-April, nothing since: 100 × 166/366 = 45.4, so 45 owed on the morning of 15 June.
        var ahead = Visits(June15, Counts.Of((new DateOnly(2024, 4, 10), 60)));

        // 40 by mid-April and nothing since: behind and silent, so the feed may have stopped.
        var behind = Visits(June15, Counts.Of((new DateOnly(2024, 4, 10), 40)));

        Assert.Equal(TargetStatus.OnTrack, ahead.Status);
        Assert.Equal(TargetStatus.NoData, behind.Status);
    }

    [Theory]
    [InlineData(2024, 3, 2, 0.7)] // the line as of 1 March: 70 × 1/92 = 0.76 % of 1,000 graduates, 7 whole graduates
    [InlineData(2024, 4, 16, 35)] // 70 × 46/92
    [InlineData(2024, 6, 1, 70)]
    [InlineData(2024, 6, 16, 77.5)] // halfway from 70 (31 May) to 85 (30 June)
    [InlineData(2024, 8, 1, 92)]
    [InlineData(2024, 8, 30, 94.8)] // 92 + 3 × 29/31 = 94.81: 948 whole graduates
    public void When_the_pace_is_a_milestone_curve_should_expect_its_line_as_of_the_end_of_yesterday(int year, int month, int day, double expected)
    {
        var a = Placement(new DateOnly(year, month, day), Counts.Rate(1000, (new DateOnly(2024, 3, 1), 10)));

        Assert.Equal((decimal)expected, a.ExpectedByNow);
    }

    [Fact]
    public void When_a_milestone_curve_is_read_between_two_milestones_should_give_the_exact_straight_line_value()
    {
        var t = TestTargets.Placement();

        Assert.Equal(77.5m, t.Pace.ExpectedOn(new DateOnly(2024, 6, 15), t.PeriodStart, t.Deadline, 95m));
        Assert.Equal(0m, t.Pace.ExpectedOn(new DateOnly(2024, 2, 29), t.PeriodStart, t.Deadline, 95m));
    }

    [Fact]
    public void When_nothing_is_recorded_for_more_than_the_no_data_working_days_should_be_no_data()
    {
        // The last employer on Friday 5 January; six weeks of weekdays later (Friday 16 February) 30 working days are silent.
        var m = Counts.Of((new DateOnly(2024, 1, 5), 3));

        var weekend = Visits(new DateOnly(2024, 2, 18), m);
        var monday = Visits(new DateOnly(2024, 2, 19), m);

        Assert.Equal(30, weekend.DaysWithoutData);
        Assert.NotEqual(TargetStatus.NoData, weekend.Status);
        Assert.Equal(31, monday.DaysWithoutData);
        Assert.Equal(TargetStatus.NoData, monday.Status);
    }

    [Fact]
    public void When_nothing_was_ever_recorded_should_be_no_data_once_the_period_has_run_longer_than_the_no_data_working_days()
    {
        // 1 January 2024 is a Monday: 30 working days end on Friday 9 February.
        Assert.NotEqual(TargetStatus.NoData, Visits(new DateOnly(2024, 2, 11), Counts.Of()).Status);
        Assert.Equal(TargetStatus.NoData, Visits(new DateOnly(2024, 2, 12), Counts.Of()).Status);
    }

    [Fact]
    public void When_a_holiday_weighs_nothing_should_not_count_its_days_as_silence()
    {
        var linear = TestTargets.LeadershipVisits();
        var closedForTheFestival = linear with
        {
            Pace = new PaceCurve
            {
                Kind = PaceKind.Seasonal,
                MonthWeights = [1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m],
                Holidays = [new Holiday(new DateOnly(2024, 2, 9), new DateOnly(2024, 2, 17), 0m, "春节")],
            },
        };
        var m = Counts.Of((new DateOnly(2024, 1, 5), 3));

        var everyWeekday = TargetEngine.Assess(linear, 100m, m, new DateOnly(2024, 2, 19));
        var withTheFestival = TargetEngine.Assess(closedForTheFestival, 100m, m, new DateOnly(2024, 2, 19));

        // The festival closes six weekdays (Friday 9, Monday 12 to Friday 16 February).
        Assert.Equal(31, everyWeekday.DaysWithoutData);
        Assert.Equal(25, withTheFestival.DaysWithoutData);
        Assert.NotEqual(TargetStatus.NoData, withTheFestival.Status);
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
    public void When_destination_reports_stop_for_more_than_the_no_data_working_days_should_be_no_data()
    {
        // The last report on Sunday 10 March; 30 working days end on Friday 19 April.
        var m = Counts.Rate(1000, (new DateOnly(2024, 3, 10), 100));

        Assert.NotEqual(TargetStatus.NoData, Placement(new DateOnly(2024, 4, 21), m).Status);
        Assert.Equal(TargetStatus.NoData, Placement(new DateOnly(2024, 4, 22), m).Status);
    }

    [Fact]
    public void When_the_recent_pace_differs_from_the_average_should_forecast_from_the_recent_window_with_a_range()
    {
        // 2 July: 50 done where the line is at 50. 14 in the last 28 days, where the line climbed 100 × 28/366: 1.83 times
        // the line's pace; the year's average is exactly the line's.
        var a = Visits(July2, Counts.Of((Jan10, 36), (new DateOnly(2024, 6, 10), 14)));

        Assert.Equal(141.5m, a.Forecast); // 50 + 14 × 183/28 for the 50 the line still climbs
        Assert.Equal(100m, a.ForecastLow); // 50 + 50
        Assert.Equal(141.5m, a.ForecastHigh);
    }

    [Fact]
    public void When_the_period_is_younger_than_the_window_should_forecast_from_the_average_pace()
    {
        var a = Visits(new DateOnly(2024, 1, 20), Counts.Of((new DateOnly(2024, 1, 5), 10)));

        Assert.Equal(192.6m, a.Forecast); // at the average pace the year ends at 10 × 366/19, the line as of 19 January being 19/366 of 100
        Assert.Equal(a.Forecast, a.ForecastLow);
        Assert.Equal(a.Forecast, a.ForecastHigh);
    }

    [Fact]
    public void When_a_rate_is_forecast_should_not_exceed_one_hundred_percent()
    {
        var a = Placement(June16, Counts.Rate(1000, (new DateOnly(2024, 4, 1), 300), (new DateOnly(2024, 6, 10), 780)));

        Assert.Equal(100m, a.Forecast);
        Assert.Equal(100m, a.ForecastHigh);
    }

    [Fact]
    public void When_a_count_is_behind_should_say_how_many_more_per_week_are_required()
    {
        // 30 September: 62 employers, 92 days left.
        var a = Visits(new DateOnly(2024, 9, 30), Counts.Of((Jan10, 50), (new DateOnly(2024, 9, 20), 12)));

        Assert.Equal(62m, a.Actual);
        Assert.Equal(74m, a.ExpectedByNow); // 100 × 273/366 = 74.6 by the line as of 29 September: 74 whole employers owed
        Assert.Equal(38m, a.Remaining);
        Assert.Equal(92, a.DaysLeft);
        Assert.Equal(2.9m, a.RequiredPerWeek); // 38 × 7 / 92 = 2.89

        // Behind beyond the band (74 − 8), but the last four weeks' 12 would reach 62 + 12 × 93/28 = 101.9: AtRisk.
        Assert.Equal(101.9m, a.ForecastHigh);
        Assert.Equal(TargetStatus.AtRisk, a.Status);
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
