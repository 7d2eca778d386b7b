using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Evaluation;
using Quartz;
using SkiaSharp;

namespace Monitor.IntegrationTests.Delivery;

/// <summary>
/// The weekly digest's pictures: on the configured day a WeCom robot gets the digest's text, then one image message
/// per running target, each a PNG of that target's progress chart drawn from the history.
/// </summary>
public sealed class DigestChartTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private RobotWorker? world;

    private RobotListener Robot => world!.Robot;

    private WorkerHost Worker => world!.Worker;

    public async Task InitializeAsync()
    {
        world = await RobotWorker.StartAsync(clock, robot =>
        {

            // The fake clock reads Saturday 15 June 2024 in Tianjin.
            return new Dictionary<string, string?>
            {
                ["Monitor:Notifications:ChartsOn"] = "Saturday",
                ["Monitor:Webhooks:0:Name"] = "office-wecom",
                ["Monitor:Webhooks:0:Kind"] = "WeCom",
                ["Monitor:Webhooks:0:Url"] = new Uri(robot.Address, "/wecom?key=test-key").ToString(),
                ["Monitor:Webhooks:0:Alerts"] = "false",
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
    public async Task When_the_digest_runs_on_the_chart_day_should_post_its_text_then_a_chart_image_per_running_target()
    {
        var worker = Worker;
        foreach (var visit in VisitData.Leadership("chart", 12))
        {
            await worker.PublishAsync(visit);
        }

        await Eventually.UntilAsync(() => world!.Configured.Database.DataSource.CreateCommand("SELECT count(*) FROM visits").ExecuteScalarAsync(), n => (long)n! == 12, "the visits are stored");
        await worker.Evaluator.EvaluateAsync(null, null, default);
        var scheduler = await worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.TriggerJob(Schedules.DigestJob);

        // The seed's four targets all run on 15 June 2024: the text, then four pictures.
        var posted = await Eventually.UntilAsync(() => Robot.Requests, r => r.Count(x => x.Succeeded) == 5, "the digest and its charts are posted", TimeSpan.FromSeconds(60));
        var kinds = posted.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("msgtype").GetString()).ToList();
        Assert.Equal(["markdown_v2", "image", "image", "image", "image"], kinds);
        foreach (var request in posted.Skip(1))
        {
            using var body = JsonDocument.Parse(request.Body);
            var image = body.RootElement.GetProperty("image");
            var png = Convert.FromBase64String(image.GetProperty("base64").GetString()!);
#pragma warning disable CA5351 // WeCom's checksum is MD5.
            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(png)), image.GetProperty("md5").GetString());
#pragma warning restore CA5351
            Assert.True(png.Length < 2 * 1024 * 1024, "WeCom takes images of at most 2 MB");
            using var bitmap = SKBitmap.Decode(png);
            Assert.Equal((640, 400), (bitmap.Width, bitmap.Height));
        }
    }
}
