using Microsoft.Extensions.DependencyInjection;
using Monitor.IntegrationTests.Infrastructure;
using Monitor.IntegrationTests.Placement;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.History;
using Monitor.Worker.Tools.Common;

namespace Monitor.IntegrationTests.History;

/// <summary>
/// <c>history backfill</c> after a year's files were imported: a row per day whose figures are the facts as of that day,
/// counted here independently, and the days the worker evaluated itself kept.
/// </summary>
public sealed class HistoryBackfillTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task When_a_year_was_imported_after_the_fact_should_draw_every_day_with_the_facts_as_of_that_day_and_keep_the_evaluated_day()
    {
        // 80 visits to 60 employers from January to June, imported on 15 June when the worker had evaluated once.
        var visits = Enumerable.Range(0, 80).Select(i => new EnterpriseVisitRecorded(
            $"import-{i}", WorkerEnvironment.Institution, VisitTier.Leadership, null, $"天津导入第{i % 60}有限公司", null,
            new DateOnly(2024, 1, 3).AddDays((i * 2) + (i % 2)), VisitMode.Outgoing, i % 5)).ToList();
        await VisitData.PublishAsync(env, env.Worker, visits, visits.Count);
        var cohort = Cohort.Generate(size: 140, seed: 11);
        await cohort.PublishAsync(env, [.. cohort.Graduates, .. cohort.Withdrawals, .. cohort.Reports]);

        // The command reads the system clock: 2024 is over, so every day of the periods is drawn.
        var (exit, output) = await CliRun.RunAsync("history", "backfill", "--institution", WorkerEnvironment.Institution, "--Monitor:Storage=Postgres", "--ConnectionStrings:Monitor", env.Database.ConnectionString);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("leadership-visits-2024 学院领导班子走访用人单位：2024-01-01 至 2024-12-31，366 天 × 1 个范围 = 366 行", output, StringComparison.Ordinal);
        Assert.Contains("placement-2024 2024 届高职毕业生毕业去向落实率：2024-03-01 至 2024-09-14，198 天 × 8 个范围 = 1584 行", output, StringComparison.Ordinal);
        var history = env.Worker.Services.GetRequiredService<IHistoryStore>();
        var leadership = await history.GetSeriesAsync("leadership-visits-2024", null, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), None);
        Assert.Equal(366, leadership.Count);
        Assert.Equal(366, leadership.Select(r => r.Day).Distinct().Count());

        // The start-up evaluation on 15 June, before the import, saw no visit: its row stands.
        var evaluated = Assert.Single(leadership, r => !r.Backfilled);
        Assert.Equal((new DateOnly(2024, 6, 15), 0m), (evaluated.Day, evaluated.Snapshot.Actual));
        foreach (var day in new DateOnly[] { new(2024, 1, 2), new(2024, 2, 29), new(2024, 6, 14), new(2024, 9, 30), new(2024, 12, 31) })
        {
            var employers = visits.Where(v => v.VisitedOn <= day).Select(v => v.EmployerName).Distinct().Count();
            var row = leadership.Single(r => r.Day == day);
            Assert.Equal((employers, visits.Where(v => v.VisitedOn <= day).Sum(v => v.PositionsOpened)), ((int)row.Snapshot.Actual, row.Snapshot.PositionsOpened ?? -1));
            Assert.True(row.Backfilled);
        }

        foreach (var (day, unit) in new (DateOnly, string?)[] { (new(2024, 3, 20), null), (new(2024, 4, 30), "JX"), (new(2024, 6, 1), null), (new(2024, 7, 15), "DZ") })
        {
            var asOfDay = cohort with { Reports = [.. cohort.Reports.Where(r => r.EffectiveOn <= day)] };
            var (placed, graduates, rate) = asOfDay.Count(disadvantagedOnly: false, unit);
            var row = Assert.Single(await history.GetSeriesAsync("placement-2024", unit, day, day, None));
            Assert.Equal((rate, placed, graduates), (row.Snapshot.Actual, row.Snapshot.Numerator, row.Snapshot.Denominator));
        }

        // After the measurement date the measured figure, as of 31 August, provisional until the books close.
        var measured = Assert.Single(await history.GetSeriesAsync("placement-2024", null, new DateOnly(2024, 9, 10), new DateOnly(2024, 9, 10), None));
        var atDeadline = cohort with { Reports = [.. cohort.Reports.Where(r => r.EffectiveOn <= new DateOnly(2024, 8, 31))] };
        Assert.Equal((atDeadline.Count(false, null).Rate, new DateOnly(2024, 8, 31), false), (measured.Snapshot.Actual, measured.Snapshot.AsOf, measured.Snapshot.IsFinal));
    }
}
