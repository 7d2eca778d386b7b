using Monitor.Messages;
using Monitor.Worker.History;
using Monitor.Worker.Telemetry;

namespace Monitor.IntegrationTests.History;

/// <summary>
/// What the history stores promise, run against each implementation. Each test uses target ids of its own, so tests
/// sharing one database see the same results as on a fresh store.
/// </summary>
public abstract class HistoryStoreContract(IHistoryStore store)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly Day = new(2024, 6, 17);
    private static readonly DateTimeOffset Morning = new(2024, 6, 17, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string target = $"placement-{Guid.NewGuid():N}";

    [Fact]
    public async Task When_a_snapshot_is_kept_should_read_back_every_figure_as_published()
    {
        var snapshot = Snapshot(null, 95.44m, Morning) with
        {
            Numerator = 2386,
            Denominator = 2500,
            ExpectedByNow = 85.2m,
            Forecast = 96.1m,
            ForecastLow = 94.05m,
            ForecastHigh = 97.3m,
            Breakdown = new Dictionary<string, int> { ["employed"] = 2100, ["furtherStudy"] = 152, ["unplaced"] = 114 },
            OrphanReports = 3,
            Label = "2023 基线",
            SnapshotId = Guid.NewGuid(),
            TargetName = "2024 届高职毕业生毕业去向落实率",
            PeriodStart = new DateOnly(2024, 3, 1),
            Deadline = new DateOnly(2024, 8, 31),
            AsOf = Day,
            RequiredPerWeek = 4.5m,
            DaysLeft = 75,
            SmallGroup = true,
            CurrentActual = 95.5m,
        };

        await store.SaveAsync([new HistoryEntry(Day, snapshot)], None);

        var kept = Assert.Single(await store.GetSeriesAsync(target, null, Day, Day, None));
        Assert.Equal((Day, false), (kept.Day, kept.Backfilled));
        Assert.Equivalent(snapshot, kept.Snapshot, strict: true);
        Assert.Equal(Morning, kept.Snapshot.EvaluatedAt);
    }

    [Fact]
    public async Task When_a_day_is_saved_again_should_keep_the_latest_evaluation_and_a_real_one_over_a_backfilled_one()
    {
        await store.SaveAsync([Entry(Day, null, 10m, Morning), Entry(Day.AddDays(1), null, 20m, Morning.AddDays(30)) with { Backfilled = true }], None);
        await store.SaveAsync(
        [
            Entry(Day, null, 9m, Morning.AddMinutes(-5)),
            Entry(Day, null, 99m, Morning.AddDays(30)) with { Backfilled = true },
            Entry(Day.AddDays(1), null, 21m, Morning.AddDays(1)),
            Entry(Day.AddDays(2), null, 30m, Morning.AddDays(2)),
            Entry(Day.AddDays(2), null, 31m, Morning.AddDays(2).AddMinutes(5)),
            Entry(Day.AddDays(2), null, 29m, Morning.AddDays(2).AddMinutes(1)),
        ], None);
        await store.SaveAsync([Entry(Day.AddDays(1), null, 22m, Morning.AddDays(40)) with { Backfilled = true }, Entry(Day, null, 11m, Morning.AddHours(1))], None);

        var series = await store.GetSeriesAsync(target, null, Day, Day.AddDays(2), None);
        Assert.Equal([(11m, false), (21m, false), (31m, false)], series.Select(r => (r.Snapshot.Actual, r.Backfilled)));
    }

    [Fact]
    public async Task When_reading_should_give_one_scope_by_day_within_the_range_and_the_newest_row_of_every_scope_institution_first()
    {
        await store.SaveAsync(
        [
            Entry(Day, "YS", 1m, Morning), Entry(Day, null, 40m, Morning), Entry(Day.AddDays(1), "JX", 6m, Morning.AddDays(1)),
            Entry(Day, "JX", 5m, Morning), Entry(Day.AddDays(-1), null, 39m, Morning.AddDays(-1)), Entry(Day.AddDays(2), null, 42m, Morning.AddDays(2)),
        ], None);

        var series = await store.GetSeriesAsync(target, null, Day.AddDays(-1), Day.AddDays(1), None);
        var unit = await store.GetSeriesAsync(target, "JX", Day, Day.AddDays(5), None);
        var latest = await store.GetLatestAsync(target, None);

        Assert.Equal([(Day.AddDays(-1), 39m), (Day, 40m)], series.Select(r => (r.Day, r.Snapshot.Actual)));
        Assert.Equal([5m, 6m], unit.Select(r => r.Snapshot.Actual));
        Assert.Equal([((string?)null, 42m), ("JX", 6m), ("YS", 1m)], latest.Select(r => (r.Snapshot.UnitCode, r.Snapshot.Actual)));
        Assert.Empty(await store.GetLatestAsync($"{target}-other", None));
    }

    [Fact]
    public async Task When_the_newest_rows_of_several_targets_are_read_should_give_every_scopes_newest_day_backfilled_or_not_by_target_in_one_answer()
    {
        var other = $"{target}-other";
        var empty = $"{target}-empty";
        var unasked = $"{target}-unasked";
        await store.SaveAsync(
        [
            Entry(Day.AddDays(-1), null, 40m, Morning.AddDays(-1)), Entry(Day, null, 41m, Morning),
            Entry(Day.AddDays(1), null, 42m, Morning.AddDays(30)) with { Backfilled = true },
            Entry(Day.AddDays(-1), "JX", 5m, Morning.AddDays(-1)), Entry(Day, "JX", 6m, Morning.AddDays(30)) with { Backfilled = true },
            Entry(Day, "aa", 7m, Morning.AddDays(30)) with { Backfilled = true }, Entry(Day, "YS", 1m, Morning.AddDays(-2)),
            Of(other, Entry(Day.AddDays(-3), null, 90m, Morning.AddDays(-3))), Of(other, Entry(Day.AddDays(-5), null, 89m, Morning.AddDays(-5))),
            Of(other, Entry(Day.AddDays(-4), "RG", 9m, Morning.AddDays(-4))),
            Of(unasked, Entry(Day, null, 1m, Morning)),
        ], None);
        await store.SaveAsync([Entry(Day, "aa", 8m, Morning.AddHours(1)), Entry(Day, "YS", 2m, Morning.AddDays(30)) with { Backfilled = true }], None);

        var latest = await store.GetLatestAsync([other, empty, target, other], None);

        Assert.Equal([target, empty, other], latest.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [((string?)null, Day.AddDays(1), 42m, true), ("JX", Day, 6m, true), ("YS", Day, 1m, false), ("aa", Day, 8m, false)],
            latest[target].Select(r => (r.Snapshot.UnitCode, r.Day, r.Snapshot.Actual, r.Backfilled)));
        Assert.Equal([((string?)null, Day.AddDays(-3), 90m), ("RG", Day.AddDays(-4), 9m)], latest[other].Select(r => (r.Snapshot.UnitCode, r.Day, r.Snapshot.Actual)));
        Assert.All(latest[other], r => Assert.Equal(other, r.Snapshot.TargetId));
        Assert.Empty(latest[empty]);
        Assert.Empty(await store.GetLatestAsync([], None));
    }

    [Fact]
    public async Task When_the_newest_figures_are_read_should_match_the_newest_snapshots_and_leave_the_units_out_unless_asked()
    {
        var other = $"{target}-other";
        await store.SaveAsync(
        [
            Entry(Day.AddDays(-1), null, 40m, Morning.AddDays(-1)), Entry(Day, null, 41.25m, Morning) with { Snapshot = Snapshot(null, 41.25m, Morning) with { ExpectedByNow = 43.5m, Status = TargetStatus.AtRisk } },
            Entry(Day, "JX", 6m, Morning), Entry(Day.AddDays(1), "JX", 7m, Morning.AddDays(30)) with { Backfilled = true },
            Entry(Day, "aa", 8m, Morning),
            Of(other, Entry(Day, null, 90m, Morning)), Of(other, Entry(Day, "RG", 9m, Morning)),
            Of($"{target}-unasked", Entry(Day, null, 1m, Morning)),
        ], None);
        var newest = await store.GetLatestAsync([target, other], None);

        var withUnits = await store.GetLatestFiguresAsync([target, other, $"{target}-empty"], withUnits: true, None);
        var institutions = await store.GetLatestFiguresAsync([other, target], withUnits: false, None);

        Assert.Equal(
            newest.Values.SelectMany(rows => rows).Select(r => ScopeFigures.Of(r.Snapshot)).OrderBy(Key, StringComparer.Ordinal),
            withUnits.OrderBy(Key, StringComparer.Ordinal));
        Assert.Contains(new ScopeFigures(target, "tjqg", null, 41.25m, 43.5m, 95m, TargetStatus.AtRisk), withUnits);
        Assert.Contains(new ScopeFigures(target, "tjqg", "JX", 7m, null, 95m, TargetStatus.OnTrack), withUnits);
        Assert.Equal(
            [(target, 41.25m), (other, 90m)],
            institutions.OrderBy(f => f.TargetId == target ? 0 : 1).Select(f => (f.TargetId, f.Actual)));
        Assert.Empty(await store.GetLatestFiguresAsync([], withUnits: true, None));

        static string Key(ScopeFigures f) => $"{f.TargetId}|{f.UnitCode}";
    }

    [Fact]
    public async Task When_pruned_should_delete_only_the_days_before_and_count_them()
    {
        var old = new DateOnly(1999, 12, 30);
        await store.SaveAsync([Entry(old, null, 1m, Morning), Entry(old.AddDays(1), "JX", 2m, Morning), Entry(old.AddDays(2), null, 3m, Morning)], None);

        Assert.Equal(2, await store.PruneAsync(old.AddDays(2), None));

        Assert.Equal([old.AddDays(2)], (await store.GetSeriesAsync(target, null, DateOnly.MinValue, DateOnly.MaxValue, None)).Select(r => r.Day));
        Assert.Empty(await store.GetSeriesAsync(target, "JX", DateOnly.MinValue, DateOnly.MaxValue, None));
    }

    private static HistoryEntry Of(string targetId, HistoryEntry entry) => entry with { Snapshot = entry.Snapshot with { TargetId = targetId } };

    private HistoryEntry Entry(DateOnly day, string? unitCode, decimal actual, DateTimeOffset evaluatedAt) => new(day, Snapshot(unitCode, actual, evaluatedAt));

    private MetricSnapshot Snapshot(string? unitCode, decimal actual, DateTimeOffset evaluatedAt) =>
        new(target, "tjqg", unitCode, MetricKind.PlacementRate, actual, null, null, 95m, null, null, TargetStatus.OnTrack, evaluatedAt);
}
