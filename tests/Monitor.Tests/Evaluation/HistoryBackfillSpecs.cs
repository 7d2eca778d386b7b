using Microsoft.Extensions.Time.Testing;
using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.Alerts;
using Monitor.Worker.Evaluation;
using Monitor.Worker.History;
using Monitor.Worker.Inbound;
using Monitor.Worker.Placement;
using Monitor.Worker.Targets;
using Monitor.Worker.Visits;

namespace Monitor.Tests.Evaluation;

/// <summary>The backfill: every day of a target's period up to today, each day's figures from the facts as of that day, never over a real evaluation.</summary>
public sealed class HistoryBackfillSpecs
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly InMemoryVisitStore visits = new();
    private readonly InMemoryPlacementStore placement = new();
    private readonly InMemoryHistoryStore history = new();

    /// <summary>10:00 on 10 March 2024 in Tianjin.</summary>
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 3, 10, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task When_a_count_target_is_backfilled_should_write_a_row_a_day_from_its_start_to_today_with_the_employers_visited_by_each_day()
    {
        await VisitAsync("v-1", "天津港（集团）有限公司", new DateOnly(2024, 1, 5), 3);
        await VisitAsync("v-2", "天津港 (集团) 有限公司", new DateOnly(2024, 1, 20), 2);
        await VisitAsync("v-3", "天津滨海智能装备有限公司", new DateOnly(2024, 2, 1), 5);
        await VisitAsync("v-4", "天津市新材料有限公司", new DateOnly(2024, 3, 10), 1);

        var drawn = await Backfill(TestTargets.LeadershipVisits());

        var rows = await history.GetSeriesAsync("leadership-visits-2024", null, DateOnly.MinValue, DateOnly.MaxValue, None);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 10), 70, 70), (drawn.First, drawn.Last, drawn.Days, drawn.Rows));
        Assert.Equal(Enumerable.Range(0, 70).Select(d => new DateOnly(2024, 1, 1).AddDays(d)), rows.Select(r => r.Day));
        Assert.All(rows, r => Assert.True(r.Backfilled && r.Snapshot.AsOf == r.Day && r.Snapshot.EvaluatedAt == clock.GetUtcNow()));
        var byDay = rows.ToDictionary(r => r.Day, r => (r.Snapshot.Actual, r.Snapshot.PositionsOpened));
        Assert.Equal((0m, (int?)0), byDay[new DateOnly(2024, 1, 4)]);
        Assert.Equal((1m, (int?)3), byDay[new DateOnly(2024, 1, 5)]);
        Assert.Equal((1m, (int?)5), byDay[new DateOnly(2024, 1, 20)]);
        Assert.Equal((2m, (int?)10), byDay[new DateOnly(2024, 2, 29)]);
        Assert.Equal((3m, (int?)11), byDay[new DateOnly(2024, 3, 10)]);
    }

    [Fact]
    public async Task When_a_day_has_a_real_evaluation_should_keep_it_while_a_later_real_evaluation_replaces_a_backfilled_day()
    {
        await VisitAsync("v-1", "天津港（集团）有限公司", new DateOnly(2024, 1, 5), 3);
        var evaluatedThen = new DateTimeOffset(2024, 2, 1, 2, 0, 0, TimeSpan.Zero);
        await history.SaveAsync([Real(new DateOnly(2024, 2, 1), 42m, evaluatedThen)], None);

        await Backfill(TestTargets.LeadershipVisits());
        await history.SaveAsync([Real(new DateOnly(2024, 3, 10), 7m, clock.GetUtcNow().AddHours(1))], None);

        var rows = (await history.GetSeriesAsync("leadership-visits-2024", null, DateOnly.MinValue, DateOnly.MaxValue, None)).ToDictionary(r => r.Day);
        Assert.Equal((42m, false, evaluatedThen), (rows[new DateOnly(2024, 2, 1)].Snapshot.Actual, rows[new DateOnly(2024, 2, 1)].Backfilled, rows[new DateOnly(2024, 2, 1)].Snapshot.EvaluatedAt));
        Assert.Equal((1m, true), (rows[new DateOnly(2024, 2, 2)].Snapshot.Actual, rows[new DateOnly(2024, 2, 2)].Backfilled));
        Assert.Equal((7m, false), (rows[new DateOnly(2024, 3, 10)].Snapshot.Actual, rows[new DateOnly(2024, 3, 10)].Backfilled));

        // Backfilled again after more facts came in: the backfilled days are recomputed, the real ones still stand.
        await VisitAsync("v-2", "天津滨海智能装备有限公司", new DateOnly(2024, 1, 6), 1);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Backfill(TestTargets.LeadershipVisits());
        rows = (await history.GetSeriesAsync("leadership-visits-2024", null, DateOnly.MinValue, DateOnly.MaxValue, None)).ToDictionary(r => r.Day);
        Assert.Equal((42m, 2m, 7m), (rows[new DateOnly(2024, 2, 1)].Snapshot.Actual, rows[new DateOnly(2024, 2, 2)].Snapshot.Actual, rows[new DateOnly(2024, 3, 10)].Snapshot.Actual));
    }

    [Fact]
    public async Task When_a_rate_is_backfilled_after_its_books_closed_should_draw_every_scope_up_to_the_close_quoting_the_measured_rate_after_the_measurement_date()
    {
        clock.AdjustTime(new DateTimeOffset(2024, 10, 10, 2, 0, 0, TimeSpan.Zero));
        foreach (var graduate in new[] { "g-1", "g-2", "g-3", "g-4" })
        {
            await placement.RegisterGraduateAsync(new RosterEntry("tjqg", 2024, graduate, "JX", false), clock.GetUtcNow(), None);
        }

        await ReportAsync("r-1", "g-1", new DateOnly(2024, 5, 10));
        await ReportAsync("r-2", "g-2", new DateOnly(2024, 6, 20));
        await ReportAsync("r-3", "g-3", new DateOnly(2024, 9, 5));

        var drawn = await Backfill(TestTargets.Placement());

        // 1 March to 14 September (the books close 14 days after 31 August): 198 days, the institution and JX, the only
        // unit with graduates.
        Assert.Equal((new DateOnly(2024, 9, 14), 198, 396), (drawn.Last, drawn.Days, drawn.Rows));
        var institution = (await history.GetSeriesAsync("placement-2024", null, DateOnly.MinValue, DateOnly.MaxValue, None)).ToDictionary(r => r.Day, r => r.Snapshot);
        var unit = await history.GetSeriesAsync("placement-2024", "JX", DateOnly.MinValue, DateOnly.MaxValue, None);
        Assert.Equal(198, unit.Count);
        Assert.Equal((0m, (int?)0, (int?)4), (institution[new DateOnly(2024, 5, 9)].Actual, institution[new DateOnly(2024, 5, 9)].Numerator, institution[new DateOnly(2024, 5, 9)].Denominator));
        Assert.Equal(25m, institution[new DateOnly(2024, 5, 10)].Actual);
        Assert.Equal(50m, institution[new DateOnly(2024, 6, 20)].Actual);
        var afterMeasurement = institution[new DateOnly(2024, 9, 5)];
        Assert.Equal((50m, (decimal?)75m, new DateOnly(2024, 8, 31), false), (afterMeasurement.Actual, afterMeasurement.CurrentActual, afterMeasurement.AsOf, afterMeasurement.IsFinal));
        Assert.Equal(TargetStatus.Missed, afterMeasurement.Status);
    }

    [Fact]
    public async Task When_the_period_has_not_started_should_write_nothing()
    {
        clock.AdjustTime(new DateTimeOffset(2023, 12, 1, 2, 0, 0, TimeSpan.Zero));

        var drawn = await Backfill(TestTargets.LeadershipVisits());

        Assert.Equal((0, 0), (drawn.Days, drawn.Rows));
        Assert.Empty(await history.GetLatestAsync("leadership-visits-2024", None));
    }

    private async Task<BackfillResult> Backfill(TargetDefinition target)
    {
        var reader = new ScopeReader(TestInstitutions.Catalog, visits, placement, new InMemoryAlertStore(clock));
        return await new HistoryBackfill(reader, history, clock).BackfillAsync(target, None);
    }

    private Task<StoreOutcome> VisitAsync(string visitId, string employer, DateOnly on, int positions) =>
        visits.RecordVisitAsync(new EnterpriseVisitRecorded(visitId, "tjqg", VisitTier.Leadership, null, employer, null, on, VisitMode.Outgoing, positions), visitId, clock.GetUtcNow(), None);

    private Task<StoreOutcome> ReportAsync(string reportId, string graduateId, DateOnly effectiveOn) =>
        placement.RecordDestinationAsync(
            new GraduateDestinationReported(reportId, "tjqg", 2024, graduateId, Destination.ContractEmployment, effectiveOn, new DateTimeOffset(effectiveOn, new TimeOnly(9, 0), TimeSpan.FromHours(8)), "天津港（集团）有限公司", null),
            reportId,
            clock.GetUtcNow(),
            None);

    private static HistoryEntry Real(DateOnly day, decimal actual, DateTimeOffset evaluatedAt) =>
        new(day, new MetricSnapshot("leadership-visits-2024", "tjqg", null, MetricKind.DistinctEmployersVisited, actual, null, null, 100m, null, null, TargetStatus.OnTrack, evaluatedAt));
}
