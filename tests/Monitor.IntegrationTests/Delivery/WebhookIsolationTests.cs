using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Delivery;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// Four robots on one stand-in listener: <c>bad</c> always fails with HTTP 500, <c>good</c> takes everything,
/// <c>gone</c> answers WeCom's errcode 93000 (invalid webhook url) and <c>missing</c> HTTP 404. Each has its own queue.
/// </summary>
public sealed class WebhookIsolationTests : IAsyncLifetime
{
    private const int Alerts = 6;

    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private RobotListener? robot;
    private ConfiguredWorker? configured;

    private RobotListener Robot => robot!;

    public async Task InitializeAsync()
    {
        robot = RobotListener.Start();
        Robot.Script("/bad", [.. Enumerable.Repeat((500, """{"errcode":-1,"errmsg":"system busy"}"""), 200)]);
        Robot.Script("/gone", [.. Enumerable.Repeat((200, """{"errcode":93000,"errmsg":"invalid webhook url"}"""), 20)]);
        Robot.Script("/missing", [.. Enumerable.Repeat((404, "404 page not found"), 20)]);
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

        configured = await ConfiguredWorker.StartAsync(clock, settings);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (configured is not null)
            {
                await configured.DisposeAsync();
            }
        }
        finally
        {
            if (robot is not null)
            {
                await robot.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task When_one_robot_keeps_failing_should_still_post_every_alert_to_a_healthy_robot_at_once()
    {
        var ids = Enumerable.Range(1, Alerts).Select(i => Guid.Parse($"5f0c1d2e-0000-4000-8000-{i:D12}")).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            await configured!.Worker.Bus.Publish(Alert(id), c => c.MessageId = id, CancellationToken.None);
        }

        // With one shared queue the second alert would wait behind the first one's retries (1 s + 5 s + 30 s + 2 min + 5 min).
        await Eventually.UntilAsync(() => Robot.Requests.Count(r => r.Path == "/good" && r.Succeeded), n => n == Alerts, $"good has taken all {Alerts} alerts", TimeSpan.FromSeconds(20));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"good took {watch.Elapsed.TotalSeconds:0.0} s");

        // The record is committed right after the robot's answer.
        var store = configured!.Worker.Services.GetRequiredService<IDeliveryStore>();
        foreach (var id in ids)
        {
            var deliveries = await Eventually.UntilAsync(() => store.GetDeliveriesAsync(id, default), d => d.Count > 0, $"the delivery of {id} is recorded");
            Assert.Equal(["good"], deliveries.Select(d => d.Webhook));
        }

        // Meanwhile bad is still retrying its first alert, in its own queue.
        var bad = Robot.Requests.Where(r => r.Path == "/bad").ToList();
        Assert.NotEmpty(bad);
        Assert.All(bad, r => Assert.Contains("5f0c1d2e-0000-4000-8000-000000000001", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_robot_refuses_the_webhook_itself_should_move_the_alert_to_that_webhooks_error_queue_without_retries()
    {
        var id = Guid.Parse("7a1e2b3c-0000-4000-8000-000000000093");
        await configured!.Worker.Bus.Publish(Alert(id), c => c.MessageId = id, CancellationToken.None);

        await using var broker = await BrokerClient.ConnectAsync(configured!.VirtualHost.Name);
        var gone = await Eventually.UntilAsync(() => broker.PeekHeadersAsync(WebhookEndpoints.AlertQueue("gone") + "_error"), q => q.Count == 1, "the alert is in gone's error queue");
        var missing = await Eventually.UntilAsync(() => broker.PeekHeadersAsync(WebhookEndpoints.AlertQueue("missing") + "_error"), q => q.Count == 1, "the alert is in missing's error queue");
        Assert.Contains("Webhook 'gone' answered errcode 93000: invalid webhook url", gone[0]["MT-Fault-Message"], StringComparison.Ordinal);
        Assert.Contains("Webhook 'missing' answered HTTP 404", missing[0]["MT-Fault-Message"], StringComparison.Ordinal);
        // MassTransit writes MT-Fault-RetryCount only for a message that was retried.
        Assert.False(gone[0].ContainsKey("MT-Fault-RetryCount"), "gone's alert was retried");
        Assert.False(missing[0].ContainsKey("MT-Fault-RetryCount"), "missing's alert was retried");
        Assert.DoesNotContain("key-gone", gone[0]["MT-Fault-Message"], StringComparison.Ordinal);

        // The first retry would have come after 1 s: there is none, and good has the alert.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Robot.Requests, r => r.Path == "/gone");
        Assert.Single(Robot.Requests, r => r.Path == "/missing");
        Assert.Single(Robot.Requests, r => r.Path == "/good" && r.Succeeded);
        Assert.Empty(await broker.PeekHeadersAsync(WebhookEndpoints.AlertQueue("good") + "_error"));
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
        [],
        $"【严重】测试告警 {id}",
        new DateTimeOffset(2024, 9, 30, 0, 35, 0, TimeSpan.Zero),
        false);
}
