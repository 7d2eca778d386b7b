using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Alerts;

public class AlertTextSpecs
{
    private static readonly DateOnly Sep30 = new(2024, 9, 30);

    // 30 September: 62 employers where 74 are owed (74.6 by the line as of 29 September), only 2 of them in the last four
    // weeks. The rest of the line (25.4) walked at the recent pace (2 where the line climbed 7.65) gives 68.6; at the
    // year's average (62 where it climbed 74.6), 83.1: both miss 100 clearly.
    private static readonly Assessment Behind =
        TargetEngine.Assess(TestTargets.LeadershipVisits(), 100m, Counts.Of((new DateOnly(2024, 1, 10), 60), (new DateOnly(2024, 9, 20), 2)), Sep30);

    private static readonly LaggingUnit[] Lagging =
    [
        new("XN", "新能源工程学院", 9m, 18.8m, TargetStatus.OffTrack),
        new("YS", "艺术工程学院", 17m, 18.8m, TargetStatus.AtRisk),
    ];

    private static string Text(TargetDefinition target, Assessment a, TargetStatus? previous, TargetStatus current, bool reminder = false, IReadOnlyList<LaggingUnit>? lagging = null, string language = "zh-CN", bool finalNotice = false) =>
        AlertText.Summary(target, "天津轻工职院", a, previous, current, AlertPolicy.Severity(current, a.SmallGroup), reminder, finalNotice, lagging ?? [], language);

    [Fact]
    public void When_a_visit_target_turns_off_track_should_give_the_figures_a_leader_needs_in_chinese()
    {
        Assert.Equal(TargetStatus.OffTrack, Behind.Status);

        var text = Text(TestTargets.LeadershipVisits(), Behind, TargetStatus.AtRisk, TargetStatus.OffTrack);

        Assert.Equal(
            "【严重】天津轻工职院「学院领导班子走访用人单位」由「略有滞后」转为「明显滞后」。" +
            "已走访 62 家，目标 100 家；按进度此时应达 74 家。" +
            "还需走访 38 家，剩余 92 天，约每周 2.9 家。" +
            "按近期进度预计截至 12月31日 达 68.6 家（68.6–83.1）。",
            text);
    }

    [Fact]
    public void When_units_lag_should_name_each_with_its_actual_and_expected()
    {
        var text = Text(TestTargets.UnitVisits(), Behind, TargetStatus.AtRisk, TargetStatus.OffTrack, lagging: Lagging);

        Assert.EndsWith("滞后单位：新能源工程学院 9/18.8、艺术工程学院 17/18.8。", text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_language_is_english_should_write_the_same_figures_in_english()
    {
        var text = Text(TestTargets.LeadershipVisits(), Behind, TargetStatus.AtRisk, TargetStatus.OffTrack, lagging: Lagging, language: "en");

        Assert.Equal(
            "[Critical] 天津轻工职院 - 学院领导班子走访用人单位: AtRisk -> OffTrack. " +
            "Actual 62 employers, target 100 employers, expected by now 74 employers. " +
            "38 more employers in 92 days, about 2.9 per week. " +
            "Forecast at 2024-12-31: 68.6 (68.6-83.1). Lagging: 新能源工程学院, 艺术工程学院.",
            text);
    }

    [Fact]
    public void When_a_bad_status_persists_should_say_it_is_a_reminder()
    {
        var text = Text(TestTargets.LeadershipVisits(), Behind, TargetStatus.OffTrack, TargetStatus.OffTrack, reminder: true);

        Assert.StartsWith("【严重】天津轻工职院「学院领导班子走访用人单位」仍为「明显滞后」（持续提醒）。", text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_placement_rate_lags_should_count_the_graduates_still_needed()
    {
        // 31 July: the line as of 30 July is at 91.77 % of 2,500 graduates' 2,375 needed: 2,294 whole graduates, 91.76 %.
        var a = TargetEngine.Assess(
            TestTargets.Placement(), 95m, Counts.Rate(2500, (new DateOnly(2024, 6, 1), 1500), (new DateOnly(2024, 7, 20), 2200)), new DateOnly(2024, 7, 31));

        var text = Text(TestTargets.Placement(), a, null, a.Status);

        Assert.Equal(TargetStatus.AtRisk, a.Status);
        Assert.StartsWith("【预警】天津轻工职院「2024 届高职毕业生毕业去向落实率」当前「略有滞后」。落实率 88%（2,200/2,500），目标 95%；按进度此时应达 91.76%。", text, StringComparison.Ordinal);
        Assert.Contains("还需落实 175 人，剩余 31 天，约每周 39.5 人。", text, StringComparison.Ordinal); // 2,375 − 2,200; 175 × 7 / 31
    }

    [Fact]
    public void When_a_target_is_met_should_say_so_without_a_required_pace()
    {
        var a = TargetEngine.Assess(TestTargets.LeadershipVisits(), 100m, Counts.Of((new DateOnly(2024, 1, 10), 100)), new DateOnly(2024, 11, 2));

        var text = Text(TestTargets.LeadershipVisits(), a, TargetStatus.OnTrack, TargetStatus.Met);

        Assert.Equal("【提示】天津轻工职院「学院领导班子走访用人单位」由「进度正常」转为「已达成」。已走访 100 家，目标 100 家，已达成。", text);
    }

    [Fact]
    public void When_a_rate_is_missed_before_its_books_close_should_give_the_measurement_date_the_baseline_label_and_say_it_is_provisional()
    {
        var target = TestTargets.Placement().ForYear(2023, "2023 基线");
        var a = TargetEngine.Assess(target, 95m, Counts.Rate(2500, (new DateOnly(2023, 8, 1), 2350)), new DateOnly(2023, 9, 1));

        var text = Text(target, a, TargetStatus.AtRisk, TargetStatus.Missed);

        Assert.Equal(
            "【严重】[2023 基线]天津轻工职院「2023 届高职毕业生毕业去向落实率」由「略有滞后」转为「未达成」。" +
            "落实率 94%（2,350/2,500，截至 8月31日，暂定），目标 95%，截至 8月31日 未达成。" +
            $"统计截至 8月31日，{Wording.ChineseDate(target.BooksCloseOn)} 前补报的数据仍计入，结果暂定。",
            text);
    }

    [Fact]
    public void When_the_books_have_closed_should_give_the_final_result_and_today_s_rate_apart()
    {
        // The books closed with 2,350 placed as of 31 August; reports effective later raised today's rate to 95.2 %.
        var target = TestTargets.Placement();
        var live = Counts.Rate(2500, (new DateOnly(2024, 8, 1), 2350), (new DateOnly(2024, 9, 3), 2380));
        var a = TargetEngine.Assess(target, 95m, live with { Measured = new MeasuredRate(2350, 2500, IsFinal: true) }, new DateOnly(2024, 9, 15));

        var text = Text(target, a, TargetStatus.Missed, TargetStatus.Missed, finalNotice: true);

        Assert.Equal(
            "【严重】天津轻工职院「2024 届高职毕业生毕业去向落实率」最终结果：「未达成」。" +
            "落实率 94%（2,350/2,500，截至 8月31日），目标 95%，截至 8月31日 未达成。" +
            "（今日落实率 95.2%，2,380/2,500，不计入考核）",
            text);
        Assert.DoesNotContain("暂定", text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_roster_has_arrived_should_ask_for_the_roster()
    {
        var a = TargetEngine.Assess(TestTargets.Placement(), 95m, Counts.Rate(0), new DateOnly(2024, 6, 15));

        Assert.Contains("尚无毕业生名册数据", Text(TestTargets.Placement(), a, null, TargetStatus.NoData), StringComparison.Ordinal);
    }

    [Fact]
    public void When_visits_stop_arriving_should_say_for_how_many_working_days()
    {
        // The last visit on Friday 1 March; Monday 15 April is the 31st weekday since (45 calendar days).
        var a = TargetEngine.Assess(TestTargets.LeadershipVisits(), 100m, Counts.Of((new DateOnly(2024, 3, 1), 20)), new DateOnly(2024, 4, 15));

        Assert.Equal(TargetStatus.NoData, a.Status);
        Assert.Contains("已连续 31 个工作日无新数据，请核实数据报送", Text(TestTargets.LeadershipVisits(), a, TargetStatus.OnTrack, TargetStatus.NoData), StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_rate_covers_a_small_group_should_mark_it_for_reference_only_and_as_information()
    {
        var a = TargetEngine.Assess(TestTargets.Placement(), 95m, Counts.Rate(12, (new DateOnly(2024, 7, 1), 6)), new DateOnly(2024, 7, 15));

        var text = Text(TestTargets.Placement(), a, TargetStatus.OnTrack, TargetStatus.OffTrack);

        Assert.StartsWith("【提示】", text, StringComparison.Ordinal);
        Assert.Contains("（人数少于 20 人，仅供参考）", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TargetStatus.Pending, "未开始")]
    [InlineData(TargetStatus.OnTrack, "进度正常")]
    [InlineData(TargetStatus.AtRisk, "略有滞后")]
    [InlineData(TargetStatus.OffTrack, "明显滞后")]
    [InlineData(TargetStatus.Met, "已达成")]
    [InlineData(TargetStatus.Missed, "未达成")]
    [InlineData(TargetStatus.NoData, "无数据")]
    public void When_a_status_is_named_should_use_the_chinese_term_unless_english_is_asked(TargetStatus status, string chinese)
    {
        Assert.Equal(chinese, Wording.StatusName(status, "zh-CN"));
        Assert.Equal(status.ToString(), Wording.StatusName(status, "en-GB"));
    }
}
