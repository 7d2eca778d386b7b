using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.History;
using Monitor.Worker.Targets;
using Monitor.Worker.Web;

namespace Monitor.Tests.Web;

public sealed class HistoryFiguresSpecs
{
    private static readonly DateTimeOffset At = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task When_the_history_has_rows_should_report_the_newest_figures_of_every_targets_scopes_and_the_units_only_when_asked()
    {
        var leadership = TestTargets.LeadershipVisits();
        var units = TestTargets.UnitVisits();
        var placement = TestTargets.Placement();
        var history = new InMemoryHistoryStore();
        await history.SaveAsync(
            [
                Entry(units.Id, null, 120m, 110m, 200m, TargetStatus.OnTrack), Entry(units.Id, "JX", 9m, null, 25m, TargetStatus.OffTrack),
                Entry(leadership.Id, null, 46m, 50.5m, 100m, TargetStatus.AtRisk),
                Entry(leadership.Id, null, 40m, 48m, 100m, TargetStatus.OffTrack) with { Day = new DateOnly(2024, 6, 14) },
                Entry("retired-target", null, 1m, null, 2m, TargetStatus.Missed),
            ],
            CancellationToken.None);
        var source = new HistoryFigures(new TargetCatalog([leadership, units, placement]), history);

        var withUnits = await source.ReadAsync(withUnits: true, CancellationToken.None);
        var institutions = await source.ReadAsync(withUnits: false, CancellationToken.None);

        Assert.Equal(
            [
                (leadership.Id, (string?)null, 46m, (decimal?)50.5m, 100m, TargetStatus.AtRisk),
                (units.Id, null, 120m, 110m, 200m, TargetStatus.OnTrack),
                (units.Id, "JX", 9m, null, 25m, TargetStatus.OffTrack),
            ],
            withUnits.Select(f => (f.TargetId, f.UnitCode, f.Actual, f.Expected, f.Threshold, f.Status)).Order());
        Assert.All(withUnits, f => Assert.Equal("tjqg", f.InstitutionId));
        Assert.Equal([leadership.Id, units.Id], institutions.Select(f => f.TargetId).Order(StringComparer.Ordinal));
        Assert.All(institutions, f => Assert.Null(f.UnitCode));
    }

    private static HistoryEntry Entry(string targetId, string? unitCode, decimal actual, decimal? expected, decimal threshold, TargetStatus status) =>
        new(new DateOnly(2024, 6, 15), new MetricSnapshot(targetId, "tjqg", unitCode, MetricKind.DistinctEmployersVisited, actual, null, null, threshold, expected, null, status, At));
}
