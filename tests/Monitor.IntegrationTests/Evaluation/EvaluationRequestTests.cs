using Monitor.IntegrationTests.Infrastructure;
using Monitor.Messages;

namespace Monitor.IntegrationTests.Evaluation;

/// <summary>An evaluation asked for on the bus: snapshots for every target and scope, and alerts on status changes only.</summary>
public sealed class EvaluationRequestTests(WorkerEnvironment env) : IClassFixture<WorkerEnvironment>
{
    private const string Leadership = "leadership-visits-2024";

    /// <summary>The 2024 targets' scopes with no graduates on the roster: the placement targets have no unit scopes yet.</summary>
    private static readonly (string TargetId, string? UnitCode)[] Scopes =
    [
        (Leadership, null),
        ("unit-visits-2024", null), ("unit-visits-2024", "JX"), ("unit-visits-2024", "DZ"), ("unit-visits-2024", "RG"), ("unit-visits-2024", "XN"),
        ("unit-visits-2024", "CL"), ("unit-visits-2024", "JG"), ("unit-visits-2024", "YS"), ("unit-visits-2024", "ZJ"),
        ("placement-2024", null),
        ("placement-disadvantaged-2024", null),
    ];

    [Fact]
    public async Task When_an_evaluation_is_requested_should_publish_a_snapshot_per_target_and_scope_and_one_alert_per_status_change_and_none_when_nothing_changed()
    {
        // The start-up evaluation found no data anywhere.
        var startup = env.Broker.Snapshots;
        Assert.Equal(Scopes.Order(), startup.Select(s => (s.TargetId, s.UnitCode)).Order());
        Assert.All(startup, s => Assert.Equal(TargetStatus.NoData, s.Status));
        var alertsBefore = env.Broker.Alerts;
        var leadershipAlertsBefore = alertsBefore.Count(a => a.TargetId == Leadership);

        // 50 leadership employers by mid-June: ahead of the linear pace to 100 by the end of the year.
        await VisitData.PublishAsync(env, env.Worker, VisitData.Leadership("eval", 50), 50);
        await env.Worker.PublishAsync(new EvaluationRequested(null, null));

        var afterFirst = await env.WaitForSnapshotsAsync(startup.Count + Scopes.Length);
        var first = afterFirst.Skip(startup.Count).ToList();
        Assert.Equal(Scopes.Order(), first.Select(s => (s.TargetId, s.UnitCode)).Order());
        var leadership = Assert.Single(first, s => s.TargetId == Leadership);
        Assert.Equal((50m, TargetStatus.OnTrack), (leadership.Actual, leadership.Status));

        var changed = Assert.Single(env.Broker.Alerts.Skip(alertsBefore.Count));
        Assert.Equal((Leadership, (string?)null, (TargetStatus?)TargetStatus.NoData, TargetStatus.OnTrack, false), (changed.TargetId, changed.UnitCode, changed.Previous, changed.Current, changed.IsReminder));
        Assert.Equal(50m, changed.Actual);
        Assert.Equal(leadershipAlertsBefore + 1, env.Broker.Alerts.Count(a => a.TargetId == Leadership));
        Assert.Equal(env.Broker.Alerts.Count, await env.CountAsync("SELECT count(*) FROM alerts"));

        // Nothing changed since: a second request publishes snapshots again, and no alert.
        await env.Worker.PublishAsync(new EvaluationRequested(null, null));

        var afterSecond = await env.WaitForSnapshotsAsync(afterFirst.Count + Scopes.Length);
        Assert.Equal(Scopes.Order(), afterSecond.Skip(afterFirst.Count).Select(s => (s.TargetId, s.UnitCode)).Order());
        Assert.Equal(alertsBefore.Count + 1, env.Broker.Alerts.Count);
        Assert.Equal(alertsBefore.Count + 1, await env.CountAsync("SELECT count(*) FROM alerts"));
    }
}
