using System.Text;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Delivery;

public class WebhookMarkdownSpecs
{
    private static readonly TargetCatalog Targets = new([TestTargets.LeadershipVisits(), TestTargets.UnitVisits(), TestTargets.Placement()]);

    private static readonly WebhookMarkdown Chinese = new(TestInstitutions.Catalog, Targets, "zh-CN");

    private static TargetStatusChanged PlacementAlert(string? unitCode, string summary, IReadOnlyList<LaggingUnit>? lagging = null) => new(
        Guid.NewGuid(), "placement-2024", "2024 届高职毕业生毕业去向落实率", "tjqg", unitCode, TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning,
        83.5m, 2004, 2400, 95m, 85m, 94.2m, 6.1m, 62, new DateOnly(2024, 8, 31), lagging ?? [], summary,
        new DateTimeOffset(2024, 6, 30, 1, 0, 0, TimeSpan.Zero), false);

    [Fact]
    public void When_a_rate_alert_is_written_should_show_the_severity_the_summary_as_is_and_the_numbers_in_percent_with_the_count()
    {
        const string summary = "【预警】天津轻工职院「2024 届高职毕业生毕业去向落实率」由「进度正常」转为「略有滞后」。";
        var message = Chinese.Alert(PlacementAlert(null, summary, [new LaggingUnit("XN", "新能源工程学院", 71.2m, 85m, TargetStatus.OffTrack)]));

        var lines = message.Text.Split('\n');
        Assert.Equal("### 🟠 预警 · 天津轻工职院", lines[0]);
        Assert.Equal("**2024 届高职毕业生毕业去向落实率**：由「进度正常」转为「略有滞后」", lines[1]);
        Assert.Contains("> " + summary, lines);
        Assert.Contains("- 实际：83.5%（2,004/2,400）", lines);
        Assert.Contains("- 目标：95%", lines);
        Assert.Contains("- 按进度应达：85%", lines);
        Assert.Contains("- 预计截至 8月31日：94.2%", lines);
        Assert.Contains("- 所需进度：约每周 6.1 人", lines);
        Assert.Contains("- 剩余天数：62 天", lines);
        Assert.Contains("- 新能源工程学院：71.2 / 85%（明显滞后）", lines);
        Assert.Equal("评估时间 2024-06-30 09:00", lines[^1]);
        Assert.Equal("【预警】天津轻工职院「2024 届高职毕业生毕业去向落实率」略有滞后", message.Title);
    }

    [Fact]
    public void When_a_unit_alert_is_a_reminder_should_be_headed_by_the_unit_and_say_the_status_persists()
    {
        var alert = PlacementAlert("XN", "…") with { IsReminder = true, Current = TargetStatus.OffTrack, Severity = AlertSeverity.Critical };

        var lines = Chinese.Alert(alert).Text.Split('\n');

        Assert.Equal("### 🔴 严重 · 新能源工程学院", lines[0]);
        Assert.Equal("**2024 届高职毕业生毕业去向落实率**：仍为「明显滞后」（持续提醒）", lines[1]);
        Assert.DoesNotContain("**滞后单位**", lines);
    }

    [Fact]
    public void When_written_in_English_should_give_English_labels_and_the_summary_still_as_given()
    {
        var english = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "en");
        var lines = english.Alert(PlacementAlert(null, "[Warning] as written")).Text.Split('\n');

        Assert.Equal("### 🟠 Warning · 天津轻工职院", lines[0]);
        Assert.Contains("> [Warning] as written", lines);
        Assert.Contains("- Required pace：about 6.1 graduates per week", lines);
    }

    [Fact]
    public void When_a_summary_is_too_long_for_WeCom_should_cut_it_to_4096_bytes_at_a_character_and_say_so()
    {
        var summary = "【预警】" + string.Concat(Enumerable.Repeat("落实率低于进度，请各二级学院加快推进。", 300));

        var text = Chinese.Alert(PlacementAlert(null, summary)).Text;

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 4096 - 3, 4096);
        Assert.EndsWith("\n…（内容过长，已截断）", text, StringComparison.Ordinal);
        Assert.StartsWith("### 🟠 预警 · 天津轻工职院", text, StringComparison.Ordinal);
        Assert.Equal(text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void When_several_scopes_change_together_should_name_the_institution_and_target_once_then_each_scope_institution_first_and_units_worst_first()
    {
        var alerts = NotificationRules.Arrange(
        [
            TestAlerts.UnitVisits("JX", TargetStatus.AtRisk, TargetStatus.OnTrack, AlertSeverity.Info, 20, 18, 25),
            TestAlerts.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 15, 18, 25),
            TestAlerts.UnitVisits(null, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 128, 149, 200),
            TestAlerts.UnitVisits("XN", TargetStatus.OnTrack, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25),
        ],
        TestInstitutions.Tjqg);

        var message = Chinese.Alerts(alerts);

        Assert.Equal("【严重】天津轻工职院「二级学院和职能部门领导走访用人单位」全院及 3 个单位", message.Title);
        Assert.Equal(
            "### 🔴 严重 · 天津轻工职院\n" +
            "**二级学院和职能部门领导走访用人单位**：全院及 3 个单位\n" +
            "\n" +
            "- 🔴 **全院**：由「略有滞后」转为「明显滞后」，128 家（应达 149 家，目标 200 家）\n" +
            "- 🔴 新能源工程学院：由「进度正常」转为「明显滞后」，11 家（应达 18 家，目标 25 家）\n" +
            "- 🟠 人工智能学院：由「进度正常」转为「略有滞后」，15 家（应达 18 家，目标 25 家）\n" +
            "- 🟢 机械工程学院：由「略有滞后」转为「进度正常」，20 家（应达 18 家，目标 25 家）\n" +
            "\n" +
            "评估时间 2024-09-30 08:35",
            message.Text);
    }

    [Fact]
    public void When_units_of_a_rate_change_together_should_give_each_its_rate_with_its_graduates_and_mark_reminders()
    {
        var reminder = TestAlerts.Placement("XN", TargetStatus.OffTrack, TargetStatus.OffTrack, AlertSeverity.Critical, 18, 26, 85m) with { IsReminder = true };
        var alerts = NotificationRules.Arrange([TestAlerts.Placement("YS", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 21, 26, 85m), reminder], TestInstitutions.Tjqg);

        var lines = Chinese.Alerts(alerts).Text.Split('\n');

        Assert.Equal("**2024 届高职毕业生毕业去向落实率**：2 个单位", lines[1]);
        Assert.Equal("- 🔴 新能源工程学院：仍为「明显滞后」（持续提醒），69.23%（18/26，应达 85%，目标 95%）", lines[3]);
        Assert.Equal("- 🟠 艺术工程学院：由「进度正常」转为「略有滞后」，80.77%（21/26，应达 85%，目标 95%）", lines[4]);
    }

    [Fact]
    public void When_english_is_set_should_write_the_grouped_message_in_english()
    {
        var english = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "en");
        var alerts = NotificationRules.Arrange(
        [
            TestAlerts.UnitVisits(null, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 128, 149, 200),
            TestAlerts.UnitVisits("XN", TargetStatus.OnTrack, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25),
        ],
        TestInstitutions.Tjqg);

        var message = english.Alerts(alerts);

        Assert.Equal("[Critical] 天津轻工职院 二级学院和职能部门领导走访用人单位: institution and 1 unit", message.Title);
        Assert.Contains("- 🔴 **Institution**: AtRisk → OffTrack, 128 employers (expected 149 employers, target 200 employers)", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_digest_is_rendered_should_fold_each_targets_units_into_its_line_with_how_long_bad_statuses_last_and_list_the_silences()
    {
        var digest = Digest();
        var silence = new Silence(3, "tjqg", "XN", null, new DateTimeOffset(2024, 6, 30, 16, 0, 0, TimeSpan.Zero), "迎评期间暂停提醒", "张三", new DateTimeOffset(2024, 6, 10, 1, 0, 0, TimeSpan.Zero));

        // XN has been OffTrack since 3 June, the institution AtRisk since the 14th (08:00 Tianjin).
        DateTimeOffset? Since(DigestLine line) => line.UnitCode switch
        {
            "XN" => new DateTimeOffset(2024, 6, 3, 1, 0, 0, TimeSpan.Zero),
            null when line.TargetId == "unit-visits-2024" => new DateTimeOffset(2024, 6, 14, 0, 0, 0, TimeSpan.Zero),
            _ => null,
        };

        var message = Chinese.Digest(digest, null, Since, [silence]);

        Assert.Equal("每日简报 · 天津轻工职院 · 2024-06-15", message.Title);
        Assert.Equal(
            "### 📋 每日简报 · 天津轻工职院 · 2024-06-15\n" +
            "进度正常 1 项 · 略有滞后 1 项\n" +
            "\n" +
            "- 🟢 学院领导班子走访用人单位：52 家（昨日 50），应达 45.6 家，目标 100 家 · 进度正常\n" +
            "- 🟠 二级学院和职能部门领导走访用人单位：85 家，应达 91.3 家，目标 200 家 · 略有滞后（昨日进度正常），已持续 1 天；单位：新能源工程学院 明显滞后（4 家，应达 11.4 家，已持续 12 天） 🔕、人工智能学院 略有滞后（9 家，应达 11.4 家）；其余 1 个单位无滞后\n" +
            "\n" +
            "🔕 **静默中（1）**\n" +
            "\n" +
            "- #3 新能源工程学院 · 全部目标，至 2024-07-01 00:00（张三：迎评期间暂停提醒）",
            message.Text);
    }

    [Fact]
    public void When_the_digest_is_for_a_units_robot_should_show_that_units_lines_only()
    {
        var message = Chinese.Digest(Digest(), "XN", _ => null, []);

        Assert.Equal("每日简报 · 新能源工程学院 · 2024-06-15", message.Title);
        Assert.Equal(
            "### 📋 每日简报 · 新能源工程学院 · 2024-06-15\n" +
            "明显滞后 1 项\n" +
            "\n" +
            "- 🔴 二级学院和职能部门领导走访用人单位：4 家，应达 11.4 家，目标 25 家 · 明显滞后",
            message.Text);
    }

    [Fact]
    public void When_links_are_on_should_end_an_alert_with_the_page_of_its_target_and_for_a_unit_its_unit()
    {
        var linked = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "zh-CN", new PlainLinks());

        var institution = linked.Alert(PlacementAlert(null, "…")).Text.Split('\n');
        var unit = linked.Alert(PlacementAlert("XN", "…")).Text.Split('\n');

        Assert.Equal(["评估时间 2024-06-30 09:00", "", "[查看图表](https://jy.example.edu.cn/monitor/t/placement-2024)"], institution[^3..]);
        Assert.Equal("[查看图表](https://jy.example.edu.cn/monitor/t/placement-2024?unit=XN)", unit[^1]);
        Assert.DoesNotContain("查看图表", Chinese.Alert(PlacementAlert(null, "…")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_links_are_on_should_link_a_group_to_its_targets_page_and_each_digest_line_to_its_target()
    {
        var linked = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "en", new PlainLinks());
        var alerts = NotificationRules.Arrange(
        [
            TestAlerts.UnitVisits(null, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 128, 149, 200),
            TestAlerts.UnitVisits("XN", TargetStatus.OnTrack, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25),
        ],
        TestInstitutions.Tjqg);

        Assert.EndsWith("\n\n[View chart](https://jy.example.edu.cn/monitor/t/unit-visits-2024)", linked.Alerts(alerts).Text, StringComparison.Ordinal);
        var digest = linked.Digest(Digest(), null, _ => null, []).Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, digest.Count);
        Assert.EndsWith(" · [chart](https://jy.example.edu.cn/monitor/t/leadership-visits-2024)", digest[0], StringComparison.Ordinal);
        Assert.EndsWith(" · [chart](https://jy.example.edu.cn/monitor/t/unit-visits-2024)", digest[1], StringComparison.Ordinal);
        Assert.EndsWith(" · [chart](https://jy.example.edu.cn/monitor/t/unit-visits-2024?unit=XN)", linked.Digest(Digest(), "XN", _ => null, []).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_linked_alert_is_too_long_should_cut_the_text_and_keep_the_link_whole_within_4096_bytes()
    {
        var linked = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "zh-CN", new PlainLinks());
        var summary = "【预警】" + string.Concat(Enumerable.Repeat("落实率低于进度，请各二级学院加快推进。", 300));

        var text = linked.Alert(PlacementAlert("XN", summary)).Text;

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 4000, 4096);
        Assert.EndsWith("\n…（内容过长，已截断）\n\n[查看图表](https://jy.example.edu.cn/monitor/t/placement-2024?unit=XN)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_linked_digest_is_too_long_should_cut_at_a_line_so_no_link_is_split()
    {
        var linked = new WebhookMarkdown(TestInstitutions.Catalog, Targets, "zh-CN", new PlainLinks());
        var many = Digest() with
        {
            Lines = [.. Enumerable.Range(0, 60).Select(i => new DigestLine("leadership-visits-2024", $"学院领导班子走访用人单位 {i}", null, TargetStatus.OnTrack, TargetStatus.OnTrack, 52m, 50m, 45.6m, 100m))],
        };

        var text = linked.Digest(many, null, _ => null, []).Text;

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 3500, 4096);
        var lines = text.Split('\n');
        Assert.Equal("…（内容过长，已截断）", lines[^1]);
        Assert.EndsWith("(https://jy.example.edu.cn/monitor/t/leadership-visits-2024)", lines[^2], StringComparison.Ordinal);
    }

    /// <summary>Links without a signature, so the specs can state them whole.</summary>
    private sealed class PlainLinks : ITargetLinks
    {
        public Uri PageLink(string targetId, string? unitCode) =>
            new($"https://jy.example.edu.cn/monitor/t/{targetId}{(unitCode is null ? "" : "?unit=" + unitCode)}");
    }

    private static DailyDigest Digest() => new(
        Guid.NewGuid(),
        "tjqg",
        new DateOnly(2024, 6, 15),
        [
            new DigestLine("leadership-visits-2024", "学院领导班子走访用人单位", null, TargetStatus.OnTrack, TargetStatus.OnTrack, 52m, 50m, 45.6m, 100m),
            new DigestLine("unit-visits-2024", "二级学院和职能部门领导走访用人单位", null, TargetStatus.AtRisk, TargetStatus.OnTrack, 85m, 85m, 91.3m, 200m),
            new DigestLine("unit-visits-2024", "二级学院和职能部门领导走访用人单位", "XN", TargetStatus.OffTrack, TargetStatus.OffTrack, 4m, 4m, 11.4m, 25m),
            new DigestLine("unit-visits-2024", "二级学院和职能部门领导走访用人单位", "RG", TargetStatus.AtRisk, TargetStatus.AtRisk, 9m, 9m, 11.4m, 25m),
            new DigestLine("unit-visits-2024", "二级学院和职能部门领导走访用人单位", "JX", TargetStatus.OnTrack, TargetStatus.OnTrack, 16m, 15m, 13.7m, 30m),
        ],
        "【每日简报】…",
        new DateTimeOffset(2024, 6, 15, 0, 30, 0, TimeSpan.Zero));
}
