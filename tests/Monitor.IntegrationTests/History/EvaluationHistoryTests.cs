using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.Worker.History;

namespace Monitor.IntegrationTests.History;

/// <summary>The worker's evaluations write the history table: a row per target and scope per local day, the latest of the day winning.</summary>
public sealed class EvaluationHistoryTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Leadership = "leadership-visits-2024";

    /// <summary>The 2024 targets' scopes with no graduates on the roster: leadership, units (institution and eight units), the two rates.</summary>
    private const int Scopes = 12;

    private static readonly DateOnly Today = new(2024, 6, 15);

    [Fact]
    public async Task When_the_worker_evaluates_should_write_a_row_per_scope_for_the_local_day_replace_it_the_same_day_and_add_one_the_next_day()
    {
        var history = env.Worker.Services.GetRequiredService<IHistoryStore>();

        // The start-up evaluation, at 10:00 in Tianjin (02:00 UTC), found nothing.
        Assert.Equal(Scopes, await env.CountAsync("SELECT count(*) FROM history WHERE day = '2024-06-15' AND NOT backfilled"));
        Assert.Equal(Scopes, await env.CountAsync("SELECT count(DISTINCT (target_id, unit_code)) FROM history"));
        var startup = Assert.Single(await history.GetSeriesAsync(Leadership, null, Today, Today, CancellationToken.None));
        Assert.Equal(0m, startup.Snapshot.Actual);

        await VisitData.PublishAsync(env, env.Worker, VisitData.Leadership("history", 30), 30);
        env.Clock.Advance(TimeSpan.FromHours(3));
        await env.Worker.Evaluator.EvaluateAsync(null, null, CancellationToken.None);

        Assert.Equal(Scopes, await env.CountAsync("SELECT count(*) FROM history"));
        var replaced = Assert.Single(await history.GetSeriesAsync(Leadership, null, Today, Today, CancellationToken.None));
        Assert.Equal((30m, env.Clock.GetUtcNow()), (replaced.Snapshot.Actual, replaced.Snapshot.EvaluatedAt));
        Assert.Equal(30m, await ScalarAsync<decimal>("SELECT actual FROM history WHERE target_id = 'leadership-visits-2024' AND unit_code = ''"));

        // 17:00 UTC is 01:00 on the 16th in Tianjin: a new local day, a new row for every scope.
        env.Clock.Advance(TimeSpan.FromHours(12));
        await env.Worker.Evaluator.EvaluateAsync(null, null, CancellationToken.None);

        Assert.Equal(2 * Scopes, await env.CountAsync("SELECT count(*) FROM history"));
        Assert.Equal(Scopes, await env.CountAsync("SELECT count(*) FROM history WHERE day = '2024-06-16'"));
        var series = await history.GetSeriesAsync(Leadership, null, Today, Today.AddDays(1), CancellationToken.None);
        Assert.Equal([(Today, 30m), (Today.AddDays(1), 30m)], series.Select(r => (r.Day, r.Snapshot.Actual)));
        var latest = await history.GetLatestAsync("unit-visits-2024", CancellationToken.None);
        Assert.Equal(9, latest.Count);
        Assert.All(latest, r => Assert.Equal(Today.AddDays(1), r.Day));
        Assert.Null(latest[0].Snapshot.UnitCode);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = env.Database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
