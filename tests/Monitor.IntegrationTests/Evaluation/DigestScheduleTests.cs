using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.Evaluation;
using Npgsql;
using Quartz;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>
/// However many institutions there are, the scheduler's store holds one digest job, with a trigger per time zone the
/// institutions keep; each trigger publishes the digests of its zone's institutions; and the per-institution digest
/// jobs an earlier version stored are removed when the worker starts.
/// </summary>
public sealed class DigestScheduleTests : IAsyncLifetime
{
    private readonly string institutionsFile = Path.Combine(Path.GetTempPath(), $"monitor-digest-zones-{Guid.NewGuid():N}.json");
    private readonly FakeTimeProvider clock = new(WorkerEnvironment.Start);
    private ConfiguredWorker? configured;
    private BrokerClient? broker;

    private ConfiguredWorker Configured => configured ?? throw new InvalidOperationException("Not started.");

    private BrokerClient Broker => broker ?? throw new InvalidOperationException("Not started.");

    private Dictionary<string, string?> Settings => new() { ["Monitor:InstitutionsFile"] = institutionsFile };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(institutionsFile, JsonSerializer.Serialize(new
        {
            institutions = new[]
            {
                Institution("tjqg", "天津轻工职院", "Asia/Shanghai"),
                Institution("tjjd", "天津机电职院", "Asia/Shanghai"),
                Institution("ksxy", "喀什职院", "Asia/Urumqi"),
            },
        }));
        configured = await ConfiguredWorker.StartAsync(clock, Settings);
        broker = await BrokerClient.ConnectAsync(configured.VirtualHost.Name);
    }

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        if (configured is not null)
        {
            await configured.DisposeAsync();
        }

        File.Delete(institutionsFile);
    }

    [Fact]
    public async Task When_institutions_keep_two_time_zones_should_store_one_digest_job_with_a_trigger_for_each_zone()
    {
        Assert.Equal(1, await CountAsync(Configured.Database.DataSource, "SELECT count(*) FROM qrtz_job_details WHERE job_name LIKE 'daily-digest%'"));
        Assert.Equal(
            2,
            await CountAsync(
                Configured.Database.DataSource,
                """
                SELECT count(*) FROM qrtz_cron_triggers
                WHERE (trigger_name, time_zone_id) IN (('daily-digest@Asia/Shanghai', 'Asia/Shanghai'), ('daily-digest@Asia/Urumqi', 'Asia/Urumqi'))
                """));
    }

    [Fact]
    public async Task When_the_digest_fires_for_one_time_zone_should_publish_the_digests_of_that_zones_institutions_only()
    {
        var scheduler = await Configured.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.TriggerJob(Schedules.DigestJob, new JobDataMap { [DigestJob.TimeZoneKey] = "Asia/Urumqi" });
        await Eventually.UntilAsync(() => Broker.Digests, d => d.Count >= 1, "a digest is published");
        await Broker.SettleAsync();
        var urumqi = Broker.Digests.Select(d => d.InstitutionId).ToList();
        await scheduler.TriggerJob(Schedules.DigestJob, new JobDataMap { [DigestJob.TimeZoneKey] = "Asia/Shanghai" });
        await Eventually.UntilAsync(() => Broker.Digests, d => d.Count >= 3, "three digests are published");
        await Broker.SettleAsync();

        Assert.Equal(["ksxy"], urumqi);
        Assert.Equal(["ksxy", "tjjd", "tjqg"], Broker.Digests.Select(d => d.InstitutionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task When_the_store_holds_a_digest_job_per_institution_from_an_earlier_version_should_remove_them_at_start_up()
    {
        var scheduler = await Configured.Worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var institution in new[] { "tjqg", "tjjd" })
        {
            var retired = JobBuilder.Create<DigestJob>().WithIdentity($"daily-digest-{institution}", Schedules.Group).UsingJobData("institutionId", institution).Build();
            var trigger = TriggerBuilder.Create(clock).ForJob(retired).WithIdentity($"daily-digest-{institution}", Schedules.Group).WithCronSchedule("0 30 8 * * ?").Build();
            await scheduler.ScheduleJob(retired, trigger);
        }

        await using (await WorkerHost.StartAsync(Configured.Database, Configured.VirtualHost, clock, Settings))
        {
            Assert.Equal(0, await CountAsync(Configured.Database.DataSource, "SELECT count(*) FROM qrtz_job_details WHERE job_name LIKE 'daily-digest-%'"));
            Assert.Equal(0, await CountAsync(Configured.Database.DataSource, "SELECT count(*) FROM qrtz_triggers WHERE trigger_name LIKE 'daily-digest-%'"));
            Assert.Equal(1, await CountAsync(Configured.Database.DataSource, "SELECT count(*) FROM qrtz_job_details WHERE job_name = 'daily-digest'"));
        }
    }

    private static object Institution(string id, string shortName, string timeZone) => new
    {
        id,
        name = shortName,
        shortName,
        timeZone,
        units = new[]
        {
            new { code = "JX", name = "机械工程学院" }, new { code = "DZ", name = "电子信息与自动化学院" }, new { code = "RG", name = "人工智能学院" },
            new { code = "XN", name = "新能源工程学院" }, new { code = "CL", name = "材料工程学院" }, new { code = "JG", name = "经济管理学院" },
            new { code = "YS", name = "艺术工程学院" }, new { code = "ZJ", name = "招生就业处" },
        },
    };

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
