using Monitor.Messages;
using Monitor.Worker.History;

namespace Monitor.Tests.History;

/// <summary>The embedded history store: one row per target, scope and day, the latest evaluation wins, real over backfilled, pruning.</summary>
public sealed class InMemoryHistoryStoreSpecs
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Morning = new(2024, 6, 17, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2024, 6, 17);

    private readonly InMemoryHistoryStore store = new();

    [Fact]
    public async Task When_a_day_is_evaluated_again_should_keep_the_later_evaluation_and_never_an_older_one()
    {
        await store.SaveAsync([Entry(Day, null, 10, Morning)], None);
        await store.SaveAsync([Entry(Day, null, 12, Morning.AddHours(2))], None);
        await store.SaveAsync([Entry(Day, null, 11, Morning.AddHours(1))], None);

        var row = Assert.Single(await store.GetSeriesAsync("leadership-visits-2024", null, Day, Day, None));
        Assert.Equal((12m, Morning.AddHours(2)), (row.Snapshot.Actual, row.Snapshot.EvaluatedAt));
    }

    [Fact]
    public async Task When_a_backfilled_row_meets_a_real_evaluation_should_keep_the_real_one_whichever_comes_first()
    {
        var later = Morning.AddDays(30);
        await store.SaveAsync([Entry(Day, null, 10, Morning)], None);
        await store.SaveAsync([Entry(Day, null, 99, later) with { Backfilled = true }, Entry(Day.AddDays(1), null, 20, later) with { Backfilled = true }], None);
        await store.SaveAsync([Entry(Day.AddDays(1), null, 21, Morning.AddDays(1))], None);
        await store.SaveAsync([Entry(Day.AddDays(2), null, 30, later) with { Backfilled = true }], None);
        await store.SaveAsync([Entry(Day.AddDays(2), null, 31, later.AddHours(1)) with { Backfilled = true }], None);

        var series = await store.GetSeriesAsync("leadership-visits-2024", null, Day, Day.AddDays(2), None);
        Assert.Equal([(10m, false), (21m, false), (31m, true)], series.Select(r => (r.Snapshot.Actual, r.Backfilled)));
    }

    [Fact]
    public async Task When_several_scopes_and_days_are_kept_should_give_one_scope_by_day_and_the_newest_row_of_each_scope_institution_first()
    {
        await store.SaveAsync(
        [
            Entry(Day.AddDays(1), "XN", 3, Morning.AddDays(1)), Entry(Day, null, 40, Morning), Entry(Day, "JX", 5, Morning),
            Entry(Day, "XN", 2, Morning), Entry(Day.AddDays(1), null, 41, Morning.AddDays(1)), Entry(Day.AddDays(-1), null, 39, Morning.AddDays(-1)),
        ], None);
        await store.SaveAsync([Entry(Day, null, 7, Morning) with { Snapshot = Snapshot("unit-visits-2024", null, 7, Morning) }], None);

        var series = await store.GetSeriesAsync("leadership-visits-2024", null, Day.AddDays(-1), Day.AddDays(1), None);
        var inside = await store.GetSeriesAsync("leadership-visits-2024", null, Day, Day, None);
        var latest = await store.GetLatestAsync("leadership-visits-2024", None);

        Assert.Equal([39m, 40m, 41m], series.Select(r => r.Snapshot.Actual));
        Assert.Equal([40m], inside.Select(r => r.Snapshot.Actual));
        Assert.Equal([((string?)null, Day.AddDays(1)), ("JX", Day), ("XN", Day.AddDays(1))], latest.Select(r => (r.Snapshot.UnitCode, r.Day)));
        Assert.Empty(await store.GetLatestAsync("placement-2024", None));
    }

    [Fact]
    public async Task When_pruned_should_remove_only_the_days_before_and_say_how_many()
    {
        await store.SaveAsync([Entry(Day.AddDays(-2), null, 1, Morning), Entry(Day.AddDays(-1), "JX", 2, Morning), Entry(Day, null, 3, Morning)], None);

        Assert.Equal(2, await store.PruneAsync(Day, None));
        Assert.Equal(0, await store.PruneAsync(Day, None));
        Assert.Equal([Day], (await store.GetSeriesAsync("leadership-visits-2024", null, DateOnly.MinValue, DateOnly.MaxValue, None)).Select(r => r.Day));
        Assert.Empty(await store.GetSeriesAsync("leadership-visits-2024", "JX", DateOnly.MinValue, DateOnly.MaxValue, None));
    }

    internal static HistoryEntry Entry(DateOnly day, string? unitCode, decimal actual, DateTimeOffset evaluatedAt) =>
        new(day, Snapshot("leadership-visits-2024", unitCode, actual, evaluatedAt));

    private static MetricSnapshot Snapshot(string targetId, string? unitCode, decimal actual, DateTimeOffset evaluatedAt) =>
        new(targetId, "tjqg", unitCode, MetricKind.DistinctEmployersVisited, actual, null, null, 100m, null, null, TargetStatus.OnTrack, evaluatedAt);
}
