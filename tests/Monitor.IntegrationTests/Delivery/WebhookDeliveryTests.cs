using System.Text.Json;
using System.Web;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Evaluation;
using Quartz;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// The real worker posting to two group robots (a stand-in listener on 127.0.0.1): a WeCom robot and a signed DingTalk
/// robot, both taking critical alerts, DingTalk also the digest; no group window and no quiet hours, so each alert the
/// evaluation writes to the outbox is posted at the next round.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "SECtest0123456789";

    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private RobotWorker? world;

    private RobotListener Robot => world!.Robot;

    private WorkerHost Worker => world!.Worker;

    public async Task InitializeAsync()
    {
        world = await RobotWorker.StartAsync(clock, robot =>
        {
            return new Dictionary<string, string?>
            {
                ["Monitor:Webhooks:0:Name"] = "leaders-wecom",
                ["Monitor:Webhooks:0:Kind"] = "WeCom",
                ["Monitor:Webhooks:0:Url"] = new Uri(robot.Address, "/wecom?key=test-key").ToString(),
                ["Monitor:Webhooks:0:Digests"] = "false",
                ["Monitor:Webhooks:0:MinimumSeverity"] = "Critical",
                ["Monitor:Webhooks:1:Name"] = "office-dingtalk",
                ["Monitor:Webhooks:1:Kind"] = "DingTalk",
                ["Monitor:Webhooks:1:Url"] = new Uri(robot.Address, "/dingtalk?access_token=test-token").ToString(),
                ["Monitor:Webhooks:1:Secret"] = Secret,
                ["Monitor:Webhooks:1:MinimumSeverity"] = "Critical",
            };
        });
    }

    public async Task DisposeAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_the_outbox_has_an_alert_should_post_it_once_to_each_webhook_through_failed_attempts_and_not_again_when_it_is_published_again()
    {
        // The start-up evaluation's NoData alerts are warnings, below both webhooks' minimum: nothing was posted.
        Assert.Empty(Robot.Requests);

        // WeCom fails the first attempt with HTTP 500; DingTalk first answers a rate limit (a non-zero errcode).
        Robot.Script("/wecom", (500, """{"errcode":-1,"errmsg":"system busy"}"""));
        Robot.Script("/dingtalk", (200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}"""));
        var alert = Alert(Guid.Parse("3f1e9a52-7c4d-4b8e-9a61-2d5c8e7f0a13"));
        await Outbox.SaveAsync(Worker, alert);

        var wecom = await Eventually.UntilAsync(() => Robot.Requests.Where(r => r.Path == "/wecom").ToList(), r => r.Count(x => x.Succeeded) == 1, "WeCom has taken the alert");
        Assert.Equal([500, 200], wecom.Select(r => r.Status));
        Assert.Equal(wecom[0].Body, wecom[1].Body);
        using (var body = JsonDocument.Parse(wecom[1].Body))
        {
            Assert.Equal("markdown_v2", body.RootElement.GetProperty("msgtype").GetString());
            Assert.Equal(ExpectedWeComMarkdown, body.RootElement.GetProperty("markdown_v2").GetProperty("content").GetString());
        }

        Assert.Equal("?key=test-key", wecom[1].Query);
        Assert.StartsWith("application/json", wecom[1].ContentType, StringComparison.Ordinal);
        var dingtalk = await Eventually.UntilAsync(() => Robot.Requests.Where(r => r.Path == "/dingtalk").ToList(), r => r.Count(x => x.Succeeded) == 1, "DingTalk has taken the alert");
        Assert.Equal(["send too fast, exceed 20 times per minute", "ok"], dingtalk.Select(r => JsonDocument.Parse(r.Answer).RootElement.GetProperty("errmsg").GetString()));

        // The relay publishes it; someone publishes the same alert again: the robots post from the outbox, not the bus.
        await Worker.Bus.Publish(alert, c => c.MessageId = alert.AlertId, CancellationToken.None);
        var second = Alert(Guid.Parse("0b7a1f64-2a9c-8d3e-9f10-5e6d7c8b9a01")) with { TargetId = "leadership-visits-2024", TargetName = "学院领导班子走访用人单位", LaggingUnits = [] };
        await Outbox.SaveAsync(Worker, second);
        await Eventually.UntilAsync(() => Robot.Requests.Count(r => r.Succeeded), n => n == 4, "both webhooks have taken the second alert");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(4, Robot.Requests.Count(r => r.Succeeded));

        var store = Worker.Services.GetRequiredService<INotificationStore>();
        Assert.Equal(["leaders-wecom", "office-dingtalk"], (await store.GetDeliveriesAsync(alert.AlertId, default)).Select(d => d.Webhook));
        Assert.Equal(["leaders-wecom", "office-dingtalk"], (await store.GetDeliveriesAsync(second.AlertId, default)).Select(d => d.Webhook));
    }

    [Fact]
    public async Task When_the_digest_runs_twice_a_day_should_post_it_to_DingTalk_signed_once_with_one_line_per_target()
    {
        var scheduler = await Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(Schedules.DigestJob);

        var posted = await Eventually.UntilAsync(() => Robot.Requests, r => r.Count(x => x.Succeeded) == 1, "the digest is posted");
        var request = Assert.Single(posted);
        Assert.Equal("/dingtalk", request.Path);

        // DingTalk's signature: sign = base64(HmacSHA256("timestamp\nsecret")) with the secret as key, URL-encoded.
        var query = HttpUtility.ParseQueryString(request.Query);
        Assert.Equal("test-token", query["access_token"]);
        var timestamp = query["timestamp"]!;
        Assert.Equal(WorkerEnvironment.Start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        Assert.Equal(expected, query["sign"]);

        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        var markdown = body.RootElement.GetProperty("markdown");
        Assert.Equal("每日简报 · 天津轻工职院 · 2024-06-15", markdown.GetProperty("title").GetString());
        var lines = markdown.GetProperty("text").GetString()!.Split('\n');
        Assert.Equal("### 📋 每日简报 · 天津轻工职院 · 2024-06-15", lines[0]);
        var targetLines = lines.Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, targetLines.Count);
        Assert.Contains(targetLines, l => l.Contains(" 学院领导班子走访用人单位：0 家，", StringComparison.Ordinal));

        // The job again on the same day: the same DigestId, kept once, so nothing more is posted.
        await scheduler.TriggerJob(Schedules.DigestJob);
        await Eventually.UntilAsync(() => world!.Configured.Database.DataSource.CreateCommand("SELECT count(*) FROM digests").ExecuteScalarAsync(), n => (long)n! == 1, "the digest is kept");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(Robot.Requests);
        var store = Worker.Services.GetRequiredService<INotificationStore>();
        Assert.Equal(["office-dingtalk"], (await store.GetDeliveriesAsync(AlertIds.ForDigest(WorkerEnvironment.Institution, new DateOnly(2024, 6, 15)), default)).Select(d => d.Webhook));
    }

    private static TargetStatusChanged Alert(Guid id) => new(
        id,
        "unit-visits-2024",
        "二级学院和职能部门领导走访用人单位",
        WorkerEnvironment.Institution,
        null,
        TargetStatus.AtRisk,
        TargetStatus.OffTrack,
        AlertSeverity.Critical,
        128m,
        null,
        null,
        200m,
        149m,
        181m,
        5.4m,
        92,
        new DateOnly(2024, 12, 31),
        [new LaggingUnit("XN", "新能源工程学院", 11m, 18m, TargetStatus.OffTrack), new LaggingUnit("RG", "人工智能学院", 15m, 18m, TargetStatus.AtRisk)],
        "【严重】天津轻工职院「二级学院和职能部门领导走访用人单位」由「略有滞后」转为「明显滞后」。已走访 128 家，目标 200 家；按进度此时应达 149 家。还需走访 72 家，剩余 92 天，约每周 5.4 家。按近期进度预计截至 12月31日 达 181 家（170–181）。滞后单位：新能源工程学院 11/18、人工智能学院 15/18。",
        WorkerEnvironment.Start,
        false);

    private const string ExpectedWeComMarkdown =
        "### 🔴 严重 · 天津轻工职院\n" +
        "**二级学院和职能部门领导走访用人单位**：由「略有滞后」转为「明显滞后」\n" +
        "\n" +
        "> 【严重】天津轻工职院「二级学院和职能部门领导走访用人单位」由「略有滞后」转为「明显滞后」。已走访 128 家，目标 200 家；按进度此时应达 149 家。还需走访 72 家，剩余 92 天，约每周 5.4 家。按近期进度预计截至 12月31日 达 181 家（170–181）。滞后单位：新能源工程学院 11/18、人工智能学院 15/18。\n" +
        "\n" +
        "- 实际：128 家\n" +
        "- 目标：200 家\n" +
        "- 按进度应达：149 家\n" +
        "- 预计截至 12月31日：181 家\n" +
        "- 所需进度：约每周 5.4 家\n" +
        "- 剩余天数：92 天\n" +
        "\n" +
        "**滞后单位**\n" +
        "\n" +
        "- 新能源工程学院：11 / 18 家（明显滞后）\n" +
        "- 人工智能学院：15 / 18 家（略有滞后）\n" +
        "\n" +
        "评估时间 2024-06-15 10:00";
}
