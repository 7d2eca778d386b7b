using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Delivery;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// Four robots on one stand-in listener: <c>bad</c> always fails with HTTP 500, <c>good</c> takes everything,
/// <c>gone</c> answers WeCom's errcode 93000 (invalid webhook url) and <c>missing</c> HTTP 404. Each is served on its own.
/// </summary>
public sealed class WebhookIsolationTests : IAsyncLifetime
{
    private static readonly string[] Units = ["JX", "DZ", "RG", "XN", "CL", "JG"];
    private static readonly string[] UnitNames = ["机械工程学院", "电子信息与自动化学院", "人工智能学院", "新能源工程学院", "材料工程学院", "经济管理学院"];

    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private RobotWorker? world;

    private RobotListener Robot => world!.Robot;

    private WorkerHost Worker => world!.Worker;

    public async Task InitializeAsync()
    {
        world = await RobotWorker.StartAsync(clock, robot =>
        {
            robot.Script("/bad", [.. Enumerable.Repeat((500, """{"errcode":-1,"errmsg":"system busy"}"""), 200)]);
            robot.Script("/gone", [.. Enumerable.Repeat((200, """{"errcode":93000,"errmsg":"invalid webhook url"}"""), 20)]);
            robot.Script("/missing", [.. Enumerable.Repeat((404, "404 page not found"), 20)]);
            var settings = new Dictionary<string, string?>();
            string[] names = ["bad", "good", "gone", "missing"];
            for (var i = 0; i < names.Length; i++)
            {
                settings[$"Monitor:Webhooks:{i}:Name"] = names[i];
                settings[$"Monitor:Webhooks:{i}:Kind"] = "WeCom";
                settings[$"Monitor:Webhooks:{i}:Url"] = new Uri(robot.Address, $"/{names[i]}?key=key-{names[i]}").ToString();
                settings[$"Monitor:Webhooks:{i}:Digests"] = "false";

                // The start-up evaluation's NoData warnings stay below this, so only the test's alerts are posted.
                settings[$"Monitor:Webhooks:{i}:MinimumSeverity"] = "Critical";
            }

            return settings;
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
    public async Task When_one_robot_keeps_failing_should_still_post_every_alert_to_a_healthy_robot_at_once()
    {
        var alerts = Units.Select(Alert).ToList();
        foreach (var alert in alerts)
        {
            await Outbox.SaveAsync(Worker, alert);
        }

        // Were the robots served one after another, good would wait behind bad's retries (1 s + 5 s + 30 s …).
        var good = await Eventually.UntilAsync(
            () => string.Concat(Robot.Requests.Where(r => r.Path == "/good" && r.Succeeded).Select(r => r.Body)),
            text => UnitNames.All(name => text.Contains(name, StringComparison.Ordinal)),
            "good has taken every alert",
            TimeSpan.FromSeconds(10));
        Assert.NotEmpty(good);
        var store = Worker.Services.GetRequiredService<INotificationStore>();
        var queue = await Eventually.UntilAsync(() => store.GetQueueAsync("good", CancellationToken.None), q => q.Count(e => e.State == QueueState.Sent) == Units.Length, "good's queue is sent");
        Assert.All(alerts, a => Assert.Contains(queue, e => e.SourceId == a.AlertId && e.State == QueueState.Sent));

        // Meanwhile bad has tried and failed, and keeps every alert waiting.
        Assert.Contains(Robot.Requests, r => r.Path == "/bad");
        Assert.All(await store.GetQueueAsync("bad", CancellationToken.None), e => Assert.Equal(QueueState.Pending, e.State));
    }

    [Fact]
    public async Task When_a_robot_refuses_the_webhook_itself_should_not_retry_it_soon_and_keep_the_alert_waiting()
    {
        var alert = Alert("XN");
        await Outbox.SaveAsync(Worker, alert);

        await Eventually.UntilAsync(() => Robot.Requests.Count(r => r.Path is "/gone" or "/missing"), n => n == 2, "gone and missing were asked once each");
        await Eventually.UntilAsync(() => Robot.Requests.Count(r => r.Path == "/good" && r.Succeeded), n => n == 1, "good has the alert");

        // The first retry of an ordinary failure comes after 1 s: a refusal that cannot heal waits an hour instead.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(Robot.Requests, r => r.Path == "/gone");
        Assert.Single(Robot.Requests, r => r.Path == "/missing");
        Assert.DoesNotContain("key-gone", Robot.Requests.Single(r => r.Path == "/gone").Body, StringComparison.Ordinal);
        var store = Worker.Services.GetRequiredService<INotificationStore>();
        Assert.Equal([QueueState.Pending], (await store.GetQueueAsync("gone", CancellationToken.None)).Where(e => e.SourceId == alert.AlertId).Select(e => e.State));
        Assert.Equal([QueueState.Pending], (await store.GetQueueAsync("missing", CancellationToken.None)).Where(e => e.SourceId == alert.AlertId).Select(e => e.State));
    }

    private static TargetStatusChanged Alert(string unit) =>
        Outbox.UnitVisits(unit, TargetStatus.AtRisk, TargetStatus.OffTrack, AlertSeverity.Critical, 3m, 11m, 25m, WorkerEnvironment.Start);
}
