using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Alerts;

public class DailyDigestBuilderSpecs
{
    private static readonly DateOnly Today = new(2024, 6, 15);
    private static readonly DateTimeOffset Now = new(2024, 6, 15, 8, 30, 0, TimeSpan.FromHours(8));

    private static ScopeEvaluation Evaluate(TargetDefinition target, Measurement measurement, string? unitCode = null)
    {
        var assessment = TargetEngine.Assess(target, target.Threshold, measurement, Today);
        return new ScopeEvaluation(target, "tjqg", unitCode, unitCode ?? "天津轻工职院", assessment, assessment.Status, measurement);
    }

    [Fact]
    public void When_a_digest_is_built_should_list_every_target_and_scope_with_today_and_yesterday()
    {
        var target = TestTargets.LeadershipVisits();

        // 44 employers by 14 June, 2 more on the 15th.
        var measurement = Counts.Of((new DateOnly(2024, 3, 1), 44), (Today, 2));
        var digest = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [Evaluate(target, measurement)], _ => TargetStatus.OnTrack, Today, Now, "zh-CN");

        var line = Assert.Single(digest.Lines);
        Assert.Equal(46m, line.Actual);
        Assert.Equal(44m, line.ActualYesterday);
        Assert.Equal(100m, line.Threshold);
        Assert.NotNull(line.ExpectedByNow);
        Assert.Equal(Today, digest.Date);
        Assert.Contains("46（昨日 44）", digest.Summary, StringComparison.Ordinal);
        Assert.StartsWith("【每日简报】天津轻工职院 2024-06-15", digest.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void When_digests_are_built_should_share_an_id_for_the_same_institution_and_day_and_differ_the_next_day()
    {
        var target = TestTargets.LeadershipVisits();
        var evaluation = Evaluate(target, Counts.Of((new DateOnly(2024, 3, 1), 50)));

        var first = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [evaluation], _ => null, Today, Now, "zh-CN");
        var again = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [evaluation], _ => null, Today, Now.AddMinutes(3), "zh-CN");
        var nextDay = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [evaluation], _ => null, Today.AddDays(1), Now.AddDays(1), "zh-CN");

        Assert.Equal(first.DigestId, again.DigestId);
        Assert.NotEqual(first.DigestId, nextDay.DigestId);
    }

    [Fact]
    public void When_a_status_changed_since_yesterday_should_report_it_in_the_digest_and_count_lagging_units()
    {
        var target = TestTargets.LeadershipVisits();

        // 99 employers by yesterday, the 100th today: Met today, not yesterday.
        var whole = Evaluate(target, Counts.Of((new DateOnly(2024, 3, 1), 99), (Today, 1)));
        var unit = Evaluate(target with { Threshold = 25 }, Counts.Of((new DateOnly(2024, 6, 10), 1)), "XN");

        var digest = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [whole, unit], e => e.UnitCode is null ? TargetStatus.OnTrack : TargetStatus.OffTrack, Today, Now, "zh-CN");

        var line = digest.Lines.Single(l => l.UnitCode is null);
        Assert.Equal((TargetStatus.Met, TargetStatus.OnTrack), (line.Status, line.PreviousStatus));
        Assert.Contains("已达成（昨日进度正常）", digest.Summary, StringComparison.Ordinal);
        Assert.Equal(2, digest.Lines.Count);
        Assert.Contains("，滞后单位：XN 明显滞后。", digest.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_status_announced_two_days_ago_persists_should_compare_it_with_the_status_announced_yesterday_not_yesterdays_raw_status()
    {
        // AtRisk was announced two days ago and is still announced; by yesterday's raw figures alone the engine would
        // say OnTrack, but the leaders were told AtRisk: the digest must not say "(昨日进度正常)".
        var target = TestTargets.LeadershipVisits();
        var measurement = Counts.Of((new DateOnly(2024, 3, 1), 44));
        var assessment = TargetEngine.Assess(target, target.Threshold, measurement, Today);
        var evaluation = new ScopeEvaluation(target, "tjqg", null, "天津轻工职院", assessment, TargetStatus.AtRisk, measurement);
        var state = new AlertState(target.Id, "tjqg", TargetStatus.AtRisk, Now.AddDays(-2), 1, 0, Now.AddDays(-2), null, null, 44m, Now.AddDays(-1), 3) { PreviousStatus = TargetStatus.OnTrack };

        var digest = DailyDigestBuilder.Build("tjqg", "天津轻工职院", [evaluation], _ => state.AnnouncedBefore(new DateTimeOffset(2024, 6, 15, 0, 0, 0, TimeSpan.FromHours(8))), Today, Now, "zh-CN");

        Assert.Equal((TargetStatus.AtRisk, TargetStatus.AtRisk), (digest.Lines[0].Status, digest.Lines[0].PreviousStatus));
        Assert.DoesNotContain("（昨日", digest.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void When_bad_statuses_persist_and_silences_are_in_force_should_say_for_how_long_and_name_the_silences()
    {
        var whole = Evaluate(TestTargets.UnitVisits(), Counts.Of((new DateOnly(2024, 3, 1), 60)));
        var xn = Evaluate(TestTargets.UnitVisits() with { Threshold = 25 }, Counts.Of((new DateOnly(2024, 3, 1), 2)), "新能源工程学院");
        var announced = new Dictionary<string, TargetStatus> { ["天津轻工职院"] = TargetStatus.AtRisk, ["新能源工程学院"] = TargetStatus.OffTrack };
        var evaluations = new[] { whole, xn }.Select(e => e with { AnnouncedStatus = announced[e.ScopeName], UnitCode = e.UnitCode is null ? null : "XN" }).ToList();

        var digest = DailyDigestBuilder.Build(
            "tjqg",
            "天津轻工职院",
            evaluations,
            e => e.AnnouncedStatus,
            Today,
            Now,
            "zh-CN",
            e => e.UnitCode is null ? Today : new DateOnly(2024, 6, 3),
            ["#3 新能源工程学院 · 全部目标，至 2024-07-01 00:00（张三：迎评期间暂停提醒）"]);

        // Began today: no "已持续"; began on 3 June: 12 days.
        Assert.Contains("目标 200，略有滞后，滞后单位：新能源工程学院 明显滞后（已持续 12 天）。", digest.Summary, StringComparison.Ordinal);
        Assert.EndsWith("静默中：#3 新能源工程学院 · 全部目标，至 2024-07-01 00:00（张三：迎评期间暂停提醒）。", digest.Summary, StringComparison.Ordinal);
    }
}
