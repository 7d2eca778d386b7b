using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Targets;

namespace Monitor.Tests.Delivery;

/// <summary>Routing, silences and digests: what a due group becomes for one webhook.</summary>
public class NotificationPlannerSpecs
{
    private static readonly TargetCatalog Targets = new([TestTargets.LeadershipVisits(), TestTargets.UnitVisits(), TestTargets.Placement()]);
    private static readonly NotificationPlanner Planner = new(new WebhookMarkdown(TestInstitutions.Catalog, Targets, "zh-CN"), TestInstitutions.Catalog);
    private static readonly WebhookOptions Leaders = new() { Name = "leaders", Kind = WebhookKind.WeCom, Url = "https://example.invalid/" };
    private static readonly WebhookOptions DeanOfXn = new() { Name = "dean-xn", Kind = WebhookKind.DingTalk, Url = "https://example.invalid/", Institution = "tjqg", Unit = "XN" };
    private static readonly DateTimeOffset Now = TestAlerts.EvaluatedAt.AddMinutes(1);

    private static readonly TargetStatusChanged Institution = TestAlerts.UnitVisits(null, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 128, 149, 200);
    private static readonly TargetStatusChanged Xn = TestAlerts.UnitVisits("XN", TargetStatus.OnTrack, TargetStatus.OffTrack, AlertSeverity.Critical, 11, 18, 25);
    private static readonly TargetStatusChanged Rg = TestAlerts.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 15, 18, 25);

    private static Silence SilenceOf(string? unit, string? target) => new(1, "tjqg", unit, target, Now.AddDays(10), "迎评期间", "张三", Now.AddDays(-1));

    private static IReadOnlyList<QueuedItem> Items(params TargetStatusChanged[] alerts) => [.. alerts.Select(a => new QueuedItem(a.AlertId, a, null))];

    private static NotificationPlan Plan(WebhookOptions webhook, IReadOnlyList<QueuedItem> items, params Silence[] silences) =>
        Planner.Plan(webhook, items, silences, (_, _) => null, new QuietHours(new QuietHoursOptions()));

    [Fact]
    public void When_a_webhook_takes_one_unit_should_route_it_that_units_alerts_only_and_keep_each_webhooks_severity_floor()
    {
        Assert.True(DeanOfXn.Wants(Xn));
        Assert.False(DeanOfXn.Wants(Institution));
        Assert.False(DeanOfXn.Wants(Rg));
        Assert.All(new[] { Institution, Xn, Rg }, a => Assert.True(Leaders.Wants(a)));

        var criticalOnly = new WebhookOptions { Name = "c", MinimumSeverity = AlertSeverity.Critical };
        Assert.False(criticalOnly.Wants(Rg));
        Assert.True(criticalOnly.Wants(Xn));
        Assert.False(new WebhookOptions { Name = "other", Institution = "nku" }.Wants(Xn));
        Assert.False(new WebhookOptions { Name = "digests", Alerts = false }.Wants(Xn));
    }

    [Fact]
    public void When_a_group_is_due_should_post_its_alerts_as_one_message_whose_id_comes_from_theirs()
    {
        var plan = Plan(Leaders, Items(Rg, Institution, Xn));

        Assert.Equal(NotificationRules.MessageId([Institution.AlertId, Xn.AlertId, Rg.AlertId]), plan.MessageId);
        Assert.Equal(NotificationPlanner.AlertGroupType, plan.MessageType);
        Assert.All(plan.States.Values, s => Assert.Equal(QueueState.Sent, s));
        Assert.StartsWith("### 🔴 严重 · 天津轻工职院\n**二级学院和职能部门领导走访用人单位**：全院及 2 个单位", plan.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_silence_covers_a_unit_should_leave_its_alert_out_and_post_the_others()
    {
        var plan = Plan(Leaders, Items(Institution, Xn, Rg), SilenceOf("XN", null));

        Assert.Equal(QueueState.Silenced, plan.States[Xn.AlertId]);
        Assert.Equal((QueueState.Sent, QueueState.Sent), (plan.States[Institution.AlertId], plan.States[Rg.AlertId]));
        Assert.Equal(NotificationRules.MessageId([Institution.AlertId, Rg.AlertId]), plan.MessageId);
        Assert.DoesNotContain("新能源工程学院", plan.Message!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_silence_covers_every_alert_of_the_group_should_post_nothing()
    {
        var plan = Plan(Leaders, Items(Institution, Xn, Rg), SilenceOf(null, "unit-visits-2024"));

        Assert.Null(plan.Message);
        Assert.All(plan.States.Values, s => Assert.Equal(QueueState.Silenced, s));
    }

    [Fact]
    public void When_another_targets_silence_or_a_different_units_is_in_force_should_post_everything()
    {
        var plan = Plan(Leaders, Items(Institution, Xn), SilenceOf("RG", null), SilenceOf(null, "leadership-visits-2024"));

        Assert.All(plan.States.Values, s => Assert.Equal(QueueState.Sent, s));
    }

    [Fact]
    public void When_digests_wait_should_post_the_newest_and_drop_a_quiet_days_digest()
    {
        DailyDigest Digest(DateOnly date) => new(
            AlertIds.ForDigest("tjqg", date), "tjqg", date, [new DigestLine("leadership-visits-2024", "学院领导班子走访用人单位", null, TargetStatus.OnTrack, null, 60, 60, 55, 100)], "…", new DateTimeOffset(date.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero));
        var friday = Digest(new DateOnly(2024, 9, 27));
        var saturday = Digest(new DateOnly(2024, 9, 28));
        var monday = Digest(new DateOnly(2024, 9, 30));

        var plan = Plan(Leaders, [new QueuedItem(friday.DigestId, null, friday), new QueuedItem(monday.DigestId, null, monday)]);
        Assert.Equal((monday.DigestId, QueueState.Sent, QueueState.Superseded), (plan.MessageId, plan.States[monday.DigestId], plan.States[friday.DigestId]));
        Assert.Contains("2024-09-30", plan.Message!.Title, StringComparison.Ordinal);

        var quiet = Plan(Leaders, [new QueuedItem(saturday.DigestId, null, saturday)]);
        Assert.Equal((QueueState.Quiet, (WebhookMessage?)null), (quiet.States[saturday.DigestId], quiet.Message));

        var noQuiet = Planner.Plan(Leaders, [new QueuedItem(saturday.DigestId, null, saturday)], [], (_, _) => null, null);
        Assert.NotNull(noQuiet.Message);
    }
}
