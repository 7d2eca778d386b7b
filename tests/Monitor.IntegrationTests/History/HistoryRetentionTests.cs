using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;
using Monitor.Worker.Evaluation;
using Monitor.Worker.History;
using Quartz;

namespace Monitor.IntegrationTests.History;

/// <summary>Monitor:History:KeepDays: the evaluation job deletes the older rows from PostgreSQL once a day.</summary>
public sealed class HistoryRetentionTests
{
    [Fact]
    public async Task When_a_day_passes_should_let_the_evaluation_job_delete_the_rows_older_than_keep_days()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var virtualHost = await TestVirtualHost.CreateAsync();
        var clock = new FakeTimeProvider(WorkerEnvironment.Start);
        await using var worker = await WorkerHost.StartAsync(database, virtualHost, clock, new Dictionary<string, string?> { ["Monitor:History:KeepDays"] = "30" });
        var history = worker.Services.GetRequiredService<IHistoryStore>();
        var today = new DateOnly(2024, 6, 15);
        await history.SaveAsync(
            [.. Enumerable.Range(1, 60).Select(d => new HistoryEntry(today.AddDays(-d), new MetricSnapshot(
                "leadership-visits-2024", "tjqg", null, MetricKind.DistinctEmployersVisited, 60 - d, null, null, 100m, null, null, TargetStatus.OnTrack, clock.GetUtcNow())) { Backfilled = true })],
            CancellationToken.None);
        Assert.Equal(61, await CountAsync(database, "SELECT count(*) FROM history WHERE target_id = 'leadership-visits-2024'"));

        // The next UTC day: 16 June, so the rows before 17 May go, and the evaluation adds the 16th's rows.
        clock.Advance(TimeSpan.FromDays(1));
        var scheduler = await worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(Schedules.EvaluationJob);

        await Eventually.UntilAsync(
            () => CountAsync(database, "SELECT count(*) FROM history WHERE target_id = 'leadership-visits-2024'"),
            n => n == 31,
            "the rows before 2024-05-17 are deleted and the 16th's row is written",
            TimeSpan.FromSeconds(30));
        Assert.Equal(new DateOnly(2024, 5, 17), await FirstDayAsync(database));
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<DateOnly> FirstDayAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT min(day) FROM history");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<DateOnly>(0);
    }
}
