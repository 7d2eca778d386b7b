using Monitor.Messages;
using Monitor.Tests.Support;
using Monitor.Worker.History;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Monitor.Tests.Evaluation;

/// <summary>What an evaluation writes to the history: the snapshots it published, one write per target, keyed by the local day.</summary>
public sealed class EvaluatorHistorySpecs
{
    private static readonly EnterpriseVisitRecorded Visit =
        new("v-1", "tjqg", VisitTier.Unit, "JX", "天津港（集团）有限公司", null, new DateOnly(2024, 3, 12), VisitMode.Outgoing, 3);

    [Fact]
    public async Task When_a_target_is_evaluated_should_keep_each_scopes_published_snapshot_as_the_local_days_row_in_one_write()
    {
        var history = Substitute.For<IHistoryStore>();
        var saved = new List<IReadOnlyCollection<HistoryEntry>>();
        history.SaveAsync(Arg.Do<IReadOnlyCollection<HistoryEntry>>(saved.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        await using var monitor = await ConsumerHarness.StartAsync(history, TestTargets.UnitVisits(), TestTargets.LeadershipVisits());
        await monitor.PublishAsync(Visit);

        await monitor.PublishAsync(new EvaluationRequested("tjqg", null));

        // One institution, one write: the unit target's nine scopes (the institution and eight units) and the leadership's one.
        Assert.Equal([10], saved.Select(s => s.Count));
        var published = monitor.Published<MetricSnapshot>();
        Assert.Equal(published.OrderBy(s => s.SnapshotId), saved.SelectMany(s => s).Select(e => e.Snapshot).OrderBy(s => s.SnapshotId));
        Assert.All(saved.SelectMany(s => s), e => Assert.Equal((new DateOnly(2024, 6, 15), false), (e.Day, e.Backfilled)));
        Assert.Equal(1m, saved[0].Single(e => e.Snapshot.TargetId == "unit-visits-2024" && e.Snapshot.UnitCode == "JX").Snapshot.Actual);
    }

    [Fact]
    public async Task When_the_history_cannot_be_written_should_still_save_and_publish_the_alerts_and_snapshots_of_every_target()
    {
        var history = Substitute.For<IHistoryStore>();
        history.SaveAsync(Arg.Any<IReadOnlyCollection<HistoryEntry>>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("history table unavailable"));
        await using var monitor = await ConsumerHarness.StartAsync(history, TestTargets.UnitVisits(), TestTargets.LeadershipVisits());

        await monitor.PublishAsync(new EvaluationRequested("tjqg", null));

        var request = Assert.Single(monitor.Consumed<EvaluationRequested>());
        Assert.Null(request.Exception);
        Assert.Equal(10, monitor.Published<MetricSnapshot>().Count);
        Assert.Contains(await monitor.PublishedAsync<TargetStatusChanged>(), a => a.TargetId == "leadership-visits-2024" && a.UnitCode is null);
        await history.Received(1).SaveAsync(Arg.Any<IReadOnlyCollection<HistoryEntry>>(), Arg.Any<CancellationToken>());
    }
}
