using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Status;
using Quartz;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// Notifications as Alertmanager makes them, end to end on RabbitMQ and PostgreSQL with a local robot: one evaluation's
/// unit changes grouped into one post after the group window, routing to a dean's robot, silences, quiet hours, forged
/// alerts, and two replicas posting a grouped message once.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string Target = "unit-visits-2024";
    private const string Phishing = "https://tjqg-edu.example.invalid/login";

    private static readonly string[] Behind = ["XN", "RG", "CL"];
    private static readonly Dictionary<string, string> UnitNames = new()
    {
        ["JX"] = "机械工程学院", ["DZ"] = "电子信息与自动化学院", ["RG"] = "人工智能学院", ["XN"] = "新能源工程学院",
        ["CL"] = "材料工程学院", ["JG"] = "经济管理学院", ["YS"] = "艺术工程学院", ["ZJ"] = "招生就业处",
    };

    private NotificationWorld? world;

    private NotificationWorld World => world!;

    public async Task InitializeAsync() => world = await NotificationWorld.StartAsync();

    public async Task DisposeAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_three_units_change_in_one_evaluation_should_post_one_message_after_the_group_window_naming_each_with_its_own_figures()
    {
        var before = World.Leaders.Count;
        var raised = await RaiseUnitChangesAsync();
        Assert.True(raised.Count(a => a.UnitCode is not null) >= 3, $"the evaluation raised {raised.Count} alerts");

        // Handed over, but held for the group window: nothing is posted yet.
        await World.WaitUntilHandedOverAsync();
        await NotificationWorld.SeveralRoundsAsync();
        Assert.Equal(before, World.Leaders.Count);

        World.Clock.Advance(NotificationWorld.GroupWait);
        var posted = await Eventually.UntilAsync(() => World.Leaders.Skip(before).ToList(), r => r.Count > 0, "the group is posted to leaders");
        await NotificationWorld.SeveralRoundsAsync();
        var post = Assert.Single(World.Leaders.Skip(before));
        Assert.True(post.Succeeded);

        var content = MarkdownOf(post);
        Assert.StartsWith("### ", content, StringComparison.Ordinal);
        Assert.Contains("**二级学院和职能部门领导走访用人单位**：", content, StringComparison.Ordinal);
        var lines = content.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(raised.Count, lines.Count);
        foreach (var alert in raised.Where(a => a.UnitCode is not null))
        {
            var line = Assert.Single(lines, l => l.Contains(UnitNames[alert.UnitCode!] + "：", StringComparison.Ordinal));
            Assert.Contains($"，{Wording.Number(alert.Actual)} 家（", line, StringComparison.Ordinal);
            Assert.Contains(Wording.ChineseStatus(alert.Current), line, StringComparison.Ordinal);
        }

        // The institution's own line comes first, then the units worst first.
        Assert.Equal(raised.Any(a => a.UnitCode is null), lines[0].Contains("**全院**", StringComparison.Ordinal));
        var severities = raised.OrderBy(a => a.UnitCode is null ? 0 : 1).ThenByDescending(a => a.Severity).Select(a => a.Severity).ToList();
        Assert.Equal(severities, lines.Select(l => l[2..4] switch { "🔴" => AlertSeverity.Critical, "🟠" => AlertSeverity.Warning, _ => AlertSeverity.Info }));

        // One message, recorded under an id derived from the alerts it carries.
        var id = NotificationRules.MessageId([.. raised.Select(a => a.AlertId)]);
        var deliveries = await World.Worker.Services.GetRequiredService<INotificationStore>().GetDeliveriesAsync(id, CancellationToken.None);
        Assert.Contains(deliveries, d => d.Webhook == "leaders" && d.MessageType == NotificationPlanner.AlertGroupType);
    }

    [Fact]
    public async Task When_a_robot_takes_one_unit_should_post_it_only_that_units_alert_while_the_leaders_get_them_all()
    {
        var before = (Leaders: World.Leaders.Count, Dean: World.DeanOfXn.Count);
        var raised = await RaiseUnitChangesAsync();
        World.Clock.Advance(NotificationWorld.GroupWait);
        await World.WaitUntilNothingWaitsAsync();

        var dean = Assert.Single(World.DeanOfXn.Skip(before.Dean));
        var text = JsonDocument.Parse(dean.Body).RootElement.GetProperty("markdown").GetProperty("text").GetString()!;
        Assert.StartsWith("### ", text, StringComparison.Ordinal);
        Assert.Contains("新能源工程学院", text, StringComparison.Ordinal);
        Assert.All(UnitNames.Where(u => u.Key != "XN").Select(u => u.Value), name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
        var xn = Assert.Single(raised, a => a.UnitCode == "XN");
        Assert.Contains(xn.Summary, text, StringComparison.Ordinal);

        var leaders = Assert.Single(World.Leaders.Skip(before.Leaders));
        Assert.All(raised.Where(a => a.UnitCode is not null), a => Assert.Contains(UnitNames[a.UnitCode!], MarkdownOf(leaders), StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_scope_is_silenced_should_post_nothing_about_it_keep_the_alert_on_the_bus_and_show_the_silence_in_status_and_the_digest()
    {
        var silences = World.Worker.Services.GetRequiredService<ISilenceStore>();
        // Ending in 2030: status reads silences in force by the machine's own clock.
        var endsAt = new DateTimeOffset(2030, 7, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var silence = await silences.AddAsync(new NewSilence(WorkerEnvironment.Institution, "XN", null, endsAt, "迎评期间暂停提醒", "张三"), CancellationToken.None);
        var before = (Leaders: World.Leaders.Count, Dean: World.DeanOfXn.Count);
        var now = World.Clock.GetUtcNow();
        var xn = Outbox.UnitVisits("XN", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 3, 11, 25, now);
        var rg = Outbox.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 9, 11, 25, now);
        await Outbox.SaveAsync(World.Worker, xn);
        await Outbox.SaveAsync(World.Worker, rg);

        World.Clock.Advance(NotificationWorld.GroupWait);
        await World.WaitUntilNothingWaitsAsync();

        // The dean's robot takes only XN, which is silenced: nothing. The leaders get RG alone.
        Assert.Equal(before.Dean, World.DeanOfXn.Count);
        var leaders = Assert.Single(World.Leaders.Skip(before.Leaders));
        Assert.Contains("人工智能学院", MarkdownOf(leaders), StringComparison.Ordinal);
        Assert.DoesNotContain("新能源工程学院", MarkdownOf(leaders), StringComparison.Ordinal);
        Assert.Contains(await World.QueueAsync("dean-xn"), e => e.SourceId == xn.AlertId && e.State == QueueState.Silenced);
        Assert.Contains(await World.QueueAsync("leaders"), e => e.SourceId == xn.AlertId && e.State == QueueState.Silenced);

        // Silences affect people, not facts: the alert is published as any other.
        await Eventually.UntilAsync(() => World.Broker.Alerts, a => a.Any(x => x.AlertId == xn.AlertId), "the silenced alert is published on the bus");

        // status shows it: the XN rows carry the silence, the table marks them and lists it.
        var (exitCode, json) = await CliRun.RunAsync(
            "status", "--json", "--units", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", World.Database.ConnectionString);
        Assert.Equal(ExitCodes.Ok, exitCode);
        var rows = JsonSerializer.Deserialize<List<StatusRecord>>(json, CliJson.Indented)!;
        Assert.All(rows.Where(r => r.UnitCode == "XN"), r => Assert.Equal([silence.Id], r.SilenceIds));
        Assert.All(rows.Where(r => r.UnitCode != "XN"), r => Assert.Empty(r.SilenceIds));
        var (_, table) = await CliRun.RunAsync("status", "--units", "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", World.Database.ConnectionString);
        Assert.Contains($"#{silence.Id} 新能源工程学院 · 全部目标，至 2030-07-01 00:00（张三：迎评期间暂停提醒）", table, StringComparison.Ordinal);

        // The digest lists it, on the bus and in the leaders' robot.
        var scheduler = await World.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(Schedules.DigestJob);
        var digest = await Eventually.UntilAsync(() => World.Leaders.Skip(before.Leaders + 1).ToList(), r => r.Count > 0, "the digest is posted to leaders");
        var digestText = MarkdownOf(digest[0]);
        Assert.StartsWith("### 📋 每日简报 · 天津轻工职院 · 2024-06-17", digestText, StringComparison.Ordinal);
        Assert.Contains($"- #{silence.Id} 新能源工程学院 · 全部目标，至 2030-07-01 00:00（张三：迎评期间暂停提醒）", digestText, StringComparison.Ordinal);
        var published = await Eventually.UntilAsync(() => World.Broker.Digests, d => d.Count > 0, "the digest is published");
        Assert.Contains("静默中：#", published[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_warning_comes_at_23_00_should_hold_it_until_08_00_while_a_critical_is_posted_at_once()
    {
        var before = World.Leaders.Count;

        // Monday 23:00 in Tianjin.
        World.Clock.Advance(new DateTimeOffset(2024, 6, 17, 15, 0, 0, TimeSpan.Zero) - World.Clock.GetUtcNow());
        var night = World.Clock.GetUtcNow();
        var warning = Outbox.UnitVisits("RG", TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 9, 11, 25, night) with { TargetId = "leadership-visits-2024", TargetName = "学院领导班子走访用人单位", UnitCode = null };
        var critical = Outbox.UnitVisits("XN", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 3, 11, 25, night);
        await Outbox.SaveAsync(World.Worker, warning);
        await Outbox.SaveAsync(World.Worker, critical);
        World.Clock.Advance(NotificationWorld.GroupWait);

        var posted = await Eventually.UntilAsync(() => World.Leaders.Skip(before).ToList(), r => r.Count > 0, "the critical alert is posted at night");
        await NotificationWorld.SeveralRoundsAsync();
        Assert.Single(World.Leaders.Skip(before));
        Assert.Contains("🔴 严重 · 新能源工程学院", MarkdownOf(posted[0]), StringComparison.Ordinal);
        Assert.Contains(await World.QueueAsync("leaders"), e => e.SourceId == warning.AlertId && e.State == QueueState.Pending);

        // 07:59 the next morning: still quiet.
        World.Clock.Advance(new DateTimeOffset(2024, 6, 17, 23, 59, 0, TimeSpan.Zero) - World.Clock.GetUtcNow());
        await NotificationWorld.SeveralRoundsAsync();
        Assert.Single(World.Leaders.Skip(before));

        // 08:00: the warning goes out.
        World.Clock.Advance(TimeSpan.FromMinutes(1));
        var morning = await Eventually.UntilAsync(() => World.Leaders.Skip(before).ToList(), r => r.Count == 2, "the warning is posted at 08:00");
        Assert.Contains("🟠 预警 · 天津轻工职院", MarkdownOf(morning[1]), StringComparison.Ordinal);
        Assert.Contains("**学院领导班子走访用人单位**：由「进度正常」转为「略有滞后」", MarkdownOf(morning[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_publishes_a_forged_alert_or_digest_to_the_exchange_should_post_nothing_of_it()
    {
        var before = (Leaders: World.Leaders.Count, Dean: World.DeanOfXn.Count);
        var forgedId = Guid.NewGuid();
        await World.Broker.PublishRawAsync(BrokerClient.TargetStatusChangedExchange, $$"""
            {"alertId":"{{forgedId}}","targetId":"unit-visits-2024","targetName":"二级学院和职能部门领导走访用人单位","institutionId":"tjqg","unitCode":"XN",
             "previous":"OnTrack","current":"OffTrack","severity":"Critical","actual":1,"threshold":25,"deadline":"2024-12-31","laggingUnits":[],
             "summary":"【严重】请立即登录 {{Phishing}} 核对走访数据","evaluatedAt":"2024-06-17T02:00:00Z","isReminder":false}
            """);
        await World.Broker.PublishRawAsync(BrokerClient.DailyDigestExchange, $$"""
            {"digestId":"{{Guid.NewGuid()}}","institutionId":"tjqg","date":"2024-06-17","lines":[],"summary":"请登录 {{Phishing}}","generatedAt":"2024-06-17T02:00:00Z"}
            """);

        // A real alert after them, so the forged ones have long been received when it is posted.
        await World.Broker.SettleAsync();
        var real = Outbox.UnitVisits("XN", TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 3, 11, 25, World.Clock.GetUtcNow());
        await Outbox.SaveAsync(World.Worker, real);
        World.Clock.Advance(NotificationWorld.GroupWait);
        await World.WaitUntilNothingWaitsAsync();
        await NotificationWorld.SeveralRoundsAsync();

        var posts = World.Robot.Requests.Skip(before.Leaders + before.Dean).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.DoesNotContain(Phishing, p.Body, StringComparison.Ordinal));
        Assert.All(posts, p => Assert.Contains(real.Summary, p.Body, StringComparison.Ordinal));
        Assert.Empty(await World.Worker.Services.GetRequiredService<INotificationStore>().GetDeliveriesAsync(forgedId, CancellationToken.None));
        Assert.Equal(0, await World.CountAsync($"SELECT count(*) FROM notification_queue WHERE source_id = '{forgedId}'"));
    }

    [Fact]
    public async Task When_two_replicas_run_should_post_a_grouped_notification_once()
    {
        await World.StartReplicaAsync();
        World.Clock.Advance(NotificationWorld.GroupWait);
        await World.WaitUntilNothingWaitsAsync();
        var before = World.Leaders.Count;
        var now = World.Clock.GetUtcNow();
        var alerts = Behind.Select(unit => Outbox.UnitVisits(unit, TargetStatus.OnTrack, TargetStatus.AtRisk, AlertSeverity.Warning, 8, 11, 25, now)).ToList();
        foreach (var alert in alerts)
        {
            await Outbox.SaveAsync(World.Worker, alert);
        }

        World.Clock.Advance(NotificationWorld.GroupWait);
        await World.WaitUntilNothingWaitsAsync();
        await NotificationWorld.SeveralRoundsAsync();

        var post = Assert.Single(World.Leaders.Skip(before));
        Assert.All(Behind, unit => Assert.Contains(UnitNames[unit], MarkdownOf(post), StringComparison.Ordinal));
        var id = NotificationRules.MessageId([.. alerts.Select(a => a.AlertId)]);
        Assert.Equal(1, await World.CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE webhook = 'leaders' AND message_id = '{id}'"));
    }

    /// <summary>One visit each for XN, RG and CL in mid-June, far behind their pace, then one evaluation of the unit visits target.</summary>
    private async Task<IReadOnlyList<TargetStatusChanged>> RaiseUnitChangesAsync()
    {
        var stored = (await World.StoredAlertsAsync(Target)).Select(a => a.AlertId).ToHashSet();
        foreach (var unit in Behind)
        {
            await World.Worker.Bus.Publish(new EnterpriseVisitRecorded(
                $"notify-{unit}", WorkerEnvironment.Institution, VisitTier.Unit, unit, $"天津{unit}合作企业有限公司", null, new DateOnly(2024, 6, 3), VisitMode.Outgoing, 2));
        }

        await Eventually.UntilAsync(() => World.CountAsync("SELECT count(*) FROM visits"), n => n == Behind.Length, "the visits are stored");
        await World.Worker.Evaluator.EvaluateAsync(WorkerEnvironment.Institution, Target, CancellationToken.None);
        return [.. (await World.StoredAlertsAsync(Target)).Where(a => !stored.Contains(a.AlertId))];
    }

    private static string MarkdownOf(RobotRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown_v2", body.RootElement.GetProperty("msgtype").GetString());
        return body.RootElement.GetProperty("markdown_v2").GetProperty("content").GetString()!;
    }
}
