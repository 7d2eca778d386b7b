using MassTransit;
using Monitor.Messages;
using Monitor.Tests.Support;

namespace Monitor.Tests.Evaluation;

/// <summary>EvaluationRequested through its consumer on MassTransit's test harness, with the in-memory stores.</summary>
public sealed class EvaluationRequestedConsumerSpecs
{
    [Fact]
    public async Task When_an_evaluation_is_requested_for_an_unknown_institution_should_publish_EventRejected_and_evaluate_nothing()
    {
        await using var monitor = await ConsumerHarness.StartAsync(TestTargets.LeadershipVisits());

        await monitor.PublishAsync(new EvaluationRequested("tjqq", null));

        Assert.Single(await monitor.PublishedAsync<Fault<EvaluationRequested>>());
        var rejected = Assert.Single(monitor.Published<EventRejected>());
        Assert.Equal((nameof(EvaluationRequested), "tjqq"), (rejected.MessageType, rejected.InstitutionId));
        Assert.Equal(["institutionId: 'tjqq' is not a configured institution"], rejected.Errors);
        Assert.Empty(monitor.Published<MetricSnapshot>());
    }

    [Fact]
    public async Task When_an_evaluation_is_requested_for_the_institution_should_publish_a_snapshot_of_the_visits_stored()
    {
        await using var monitor = await ConsumerHarness.StartAsync(TestTargets.LeadershipVisits());
        await monitor.PublishAsync(
            new EnterpriseVisitRecorded("v-1", "tjqg", VisitTier.Leadership, null, "天津港（集团）有限公司", null, new DateOnly(2024, 3, 12), VisitMode.Outgoing, 3),
            new EnterpriseVisitRecorded("v-2", "tjqg", VisitTier.Leadership, null, "天津港 (集团) 有限公司", null, new DateOnly(2024, 4, 2), VisitMode.Incoming, 2),
            new EnterpriseVisitRecorded("v-3", "tjqg", VisitTier.Leadership, null, "天津滨海智能装备有限公司", null, new DateOnly(2024, 5, 20), VisitMode.Outgoing, 7));

        await monitor.PublishAsync(new EvaluationRequested("tjqg", null));

        // The first two visits name one employer, in full-width and half-width brackets: two employers, twelve positions.
        var snapshot = Assert.Single(monitor.Published<MetricSnapshot>());
        Assert.Equal(("leadership-visits-2024", "tjqg", (string?)null), (snapshot.TargetId, snapshot.InstitutionId, snapshot.UnitCode));
        Assert.Equal((2m, 12), (snapshot.Actual, snapshot.PositionsOpened));
        Assert.Empty(monitor.Published<EventRejected>());
    }
}
