using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.History;
using Monitor.Worker.Targets;
using Monitor.Worker.Web;
using NSubstitute;

namespace Monitor.Tests.Web;

public sealed class HistoryFiguresSpecs
{
    private static readonly DateTimeOffset At = new(2024, 6, 15, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task When_the_history_has_rows_should_report_the_newest_of_every_targets_scopes_with_their_figures_read_at_once()
    {
        var leadership = TestTargets.LeadershipVisits();
        var units = TestTargets.UnitVisits();
        var placement = TestTargets.Placement();
        var history = Substitute.For<IHistoryStore>();
        history.GetLatestAsync(Arg.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { leadership.Id, units.Id, placement.Id })), Arg.Any<CancellationToken>()).Returns(
            new Dictionary<string, IReadOnlyList<HistoryEntry>>
            {
                [units.Id] = [Entry(units.Id, null, 120m, 110m, 200m, TargetStatus.OnTrack), Entry(units.Id, "JX", 9m, null, 25m, TargetStatus.OffTrack)],
                [placement.Id] = [],
                [leadership.Id] = [Entry(leadership.Id, null, 46m, 50.5m, 100m, TargetStatus.AtRisk)],
            });

        var figures = await new HistoryFigures(new TargetCatalog([leadership, units, placement]), history).ReadAsync(CancellationToken.None);

        Assert.Equal(
            [
                (leadership.Id, (string?)null, 46m, (decimal?)50.5m, 100m, TargetStatus.AtRisk),
                (units.Id, null, 120m, 110m, 200m, TargetStatus.OnTrack),
                (units.Id, "JX", 9m, null, 25m, TargetStatus.OffTrack),
            ],
            figures.Select(f => (f.TargetId, f.UnitCode, f.Actual, f.Expected, f.Threshold, f.Status)));
        Assert.All(figures, f => Assert.Equal("tjqg", f.InstitutionId));
        await history.Received(1).GetLatestAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<CancellationToken>());
    }

    private static HistoryEntry Entry(string targetId, string? unitCode, decimal actual, decimal? expected, decimal threshold, TargetStatus status) =>
        new(new DateOnly(2024, 6, 15), new MetricSnapshot(targetId, "tjqg", unitCode, MetricKind.DistinctEmployersVisited, actual, null, null, threshold, expected, null, status, At));
}
